# An exception raised deep inside function calls
defmodule Deep do
  def a(x), do: b(x) + 1
  def b(x), do: c(x) * 2
  def c(x), do: raise(ArgumentError, "bad value: #{inspect(x)}")
end
IO.puts "calling"
Deep.a(:nope)
