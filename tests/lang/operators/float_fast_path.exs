# The in-place fast path for float and mixed arithmetic must still raise where Elixir does.
import Bitwise
IO.inspect 5 / 2
IO.inspect 4 / 2
IO.inspect 1.5 + 2
IO.inspect 2 - 1.5
IO.inspect 3 * 1.5
IO.inspect 1.0e308 * 1.0
IO.inspect 0.0 * -1
IO.inspect 1.5 < 2.5
IO.inspect 2.5 <= 2.5
IO.inspect -0.0 < 0.0
defmodule M do
  def f(x, y), do: x / y
  def g(x, y), do: x * y
end
try do M.f(1, 0) rescue e -> IO.inspect e end
try do M.f(1.0, 0.0) rescue e -> IO.inspect e end
try do M.g(1.0e308, 10.0) rescue e -> IO.inspect e end
try do M.g(1.0e308, 10) rescue e -> IO.inspect e end
IO.inspect M.g(1 <<< 62, 4)
