# Tail calls run in constant space; body recursion can go deep
defmodule Loop do
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)

  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)

  def build(0), do: []
  def build(n), do: [n | build(n - 1)]
end
IO.puts Loop.count(10_000_000, 0)
list = Enum.to_list(1..200_000)
IO.puts Loop.sum(list)
IO.puts length(Loop.build(200_000))
loop = fn
  _f, 0, acc -> acc
  f, n, acc -> f.(f, n - 1, acc + 2)
end
IO.puts loop.(loop, 1_000_000, 0)
