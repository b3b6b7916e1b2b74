# Interpolation reaches a struct's own String.Chars through the slow path behind the op,
# also when the string is an accumulator appended to in place.
defmodule R do
  defstruct w: 1
  def build(0, acc), do: acc
  def build(n, acc), do: build(n - 1, "#{acc}#{%R{w: n}}|")
end
defimpl String.Chars, for: R do
  def to_string(%R{w: w}), do: "r#{w}"
end
IO.puts R.build(3, "start:")
try do
  acc = String.duplicate("a", 3)
  IO.puts "#{acc}#{{1, 2}}"
rescue
  e -> IO.puts(Exception.message(e))
end
