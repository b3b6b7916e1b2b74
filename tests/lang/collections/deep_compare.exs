# Comparing terms nested hundreds of thousands deep: equality, order, map keys, pinned
# matches and message matching all walk the whole depth and must not overflow the stack.
defmodule Deep do
  def tuple(0, acc), do: acc
  def tuple(n, acc), do: tuple(n - 1, {acc})
  def list(0, acc), do: acc
  def list(n, acc), do: list(n - 1, [acc])
  def map(0, acc), do: acc
  def map(n, acc), do: map(n - 1, %{k: acc})
end

n = 300_000
a = Deep.tuple(n, 0)
b = Deep.tuple(n, 0)
c = Deep.tuple(n, 1)
IO.inspect(a === b)
IO.inspect(a == c)
IO.inspect({a < c, c > b, a <= b})
IO.inspect(Deep.list(n, :x) == Deep.list(n, :x))
IO.inspect(Deep.list(n, 1) < Deep.list(n, 2))
IO.inspect(Deep.map(n, 1) == Deep.map(n, 1.0))
IO.inspect(Deep.map(n, 1) === Deep.map(n, 1.0))
IO.inspect(Map.get(%{a => :found}, b))
IO.inspect(MapSet.size(MapSet.new([a, b, c])))
IO.inspect(length(Enum.uniq([a, c, b, c])))
^a = b
IO.puts("pinned match")
send(self(), {:deep, b})
receive do
  {:deep, ^a} -> IO.puts("received")
after
  0 -> IO.puts("no match")
end
