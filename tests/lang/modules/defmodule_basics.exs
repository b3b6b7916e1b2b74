# Modules, nested names, def/defp, multi-clause functions and guards
defmodule MyApp.Math do
  def add(a, b), do: a + b

  def sign(n) when n < 0, do: :negative
  def sign(0), do: :zero
  def sign(_n), do: :positive

  def describe(x) when is_integer(x) and x > 100, do: "big integer"
  def describe(x) when is_integer(x), do: "integer"
  def describe(x) when is_float(x) or is_atom(x), do: "float or atom"
  def describe(_), do: "something else"

  def square_sum(a, b) do
    sq(a) + sq(b)
  end

  defp sq(x), do: x * x
end

IO.inspect MyApp.Math.add(2, 3)
IO.inspect Enum.map([-5, 0, 5], &MyApp.Math.sign/1)
IO.inspect Enum.map([1000, 7, 1.5, :atom, "str"], &MyApp.Math.describe/1)
IO.inspect MyApp.Math.square_sum(3, 4)
IO.inspect MyApp.Math
IO.inspect function_exported?(MyApp.Math, :add, 2)
IO.inspect function_exported?(MyApp.Math, :sq, 1)

defmodule Outer do
  defmodule Inner do
    def hello, do: "from inner"
  end

  def call_inner, do: Inner.hello()
end

IO.puts Outer.Inner.hello()
IO.puts Outer.call_inner()
IO.inspect Outer.Inner
