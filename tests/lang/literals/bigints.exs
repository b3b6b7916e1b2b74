# Integers have no size limit
IO.puts Integer.pow(2, 100)
IO.puts Integer.pow(2, 64) - 1
IO.puts Integer.pow(-3, 41)

defmodule Fact do
  def of(0), do: 1
  def of(n) when n > 0, do: n * of(n - 1)
end

IO.puts Fact.of(30)
IO.puts Fact.of(52)
IO.inspect Fact.of(25) |> div(Fact.of(23))
IO.inspect Integer.pow(10, 30) + 1
IO.inspect 9_223_372_036_854_775_807 + 1
IO.inspect -9_223_372_036_854_775_808 - 1
IO.inspect 18446744073709551616 * 18446744073709551616
IO.inspect rem(Integer.pow(2, 100), 7)
IO.inspect div(Integer.pow(2, 100), Integer.pow(2, 90))
IO.inspect Integer.pow(2, 100) > Integer.pow(2, 99)
IO.inspect Integer.pow(2, 62) * 2 == Integer.pow(2, 63)
IO.inspect abs(-Integer.pow(7, 30))
IO.inspect Integer.to_string(Integer.pow(2, 70), 16)
