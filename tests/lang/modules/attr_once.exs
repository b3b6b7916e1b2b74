# A module attribute computed by calls is computed once, not at every read (Elixir computes
# it when the module compiles; vial at its first read, which a script cannot tell apart
# when the module is defined before it is used).
defmodule Table do
  @squares (IO.puts("computing @squares"); Enum.map(1..5, &(&1 * &1)))
  @primes Enum.filter(2..50, fn n -> Enum.all?(2..max(2, n - 1)//1, &(n == 2 or rem(n, &1) != 0)) end)
  @limit 3
  @pair {@limit, length(@squares)}

  def squares, do: @squares
  def prime?(n) when n in @primes, do: true
  def prime?(_), do: false
  def count_primes(k), do: Enum.count(1..k, &prime?/1)
  def pair, do: @pair
  def first(@limit), do: :three
  def first(_), do: :other

  @squares [:redefined]
  def later, do: @squares
end

IO.inspect(Table.squares())
IO.inspect(Table.squares())
IO.inspect(Table.count_primes(50))
IO.inspect(Enum.map(1..12, &Table.prime?/1))
IO.inspect(Table.pair())
IO.inspect({Table.first(3), Table.first(4)})
IO.inspect(Table.later())
t = Task.async(fn -> Table.squares() end)
IO.inspect(Task.await(t))
IO.inspect(Table.count_primes(20_000))
