# Maps of up to 32 keys are sorted vectors, larger ones trees: both must behave the same,
# across the boundary in either direction, in lookups, updates and errors. (Past 32 keys
# Elixir iterates in hash order and vial in term order, so those keys are sorted first.)
m = %{a: 1, b: 2}
IO.inspect(%{m | a: 10})
IO.inspect(%{m | a: 10, b: 20})
IO.inspect(m)

for f <- [fn -> %{m | c: 1} end, fn -> %{m | a: 5, c: 1} end, fn -> %{m | c: 1, a: 5} end] do
  try do
    f.()
  rescue
    e -> IO.inspect({e.__struct__, e.key})
  end
end

defmodule S do
  def loop(0, s), do: s
  def loop(n, s), do: loop(n - 1, %{s | count: s.count + 1, last: n})

  def grow(m, 0), do: m
  def grow(m, n), do: grow(Map.put(m, n, n * n), n - 1)

  def shrink(m, 0), do: m
  def shrink(m, n), do: shrink(Map.delete(m, n), n - 1)
end

IO.inspect(S.loop(1000, %{count: 0, last: nil}))
shared = %{k: 1}
kept = [shared]
IO.inspect({%{shared | k: 2}, kept})

# Growing past 32 keys and shrinking back, with keys of mixed types in term order.
for n <- [31, 32, 33, 40] do
  g = S.grow(%{}, n)
  IO.inspect({n, map_size(g), g[1], g[n], Enum.sort(Map.keys(g)) == Enum.to_list(1..n), Map.get(g, n + 1)})
end

big = S.grow(%{}, 40)
IO.inspect(%{big | 40 => :x, 1 => :y} |> Map.take([1, 2, 40]))
small_again = S.shrink(big, 36)
IO.inspect(small_again)
IO.inspect(big == S.grow(small_again, 40))
mixed = %{"s" => 1, 1.0 => :float, 1 => :int, :a => :atom, {1} => :tuple, [1] => :list}
IO.inspect(mixed)
IO.inspect(Map.merge(mixed, S.grow(%{}, 35)) |> Map.keys() |> Enum.sort() |> Enum.take(-8))
IO.inspect({Map.fetch(mixed, 1), Map.fetch(mixed, 1.0), Map.fetch(mixed, 2)})
IO.inspect(for {k, v} <- S.grow(%{}, 34), rem(k, 10) == 0, into: %{}, do: {v, k})
# A map that shrank back from a tree equals (and is the same key as) one built small.
fresh = %{37 => 1369, 38 => 1444, 39 => 1521, 40 => 1600}
IO.inspect({small_again == fresh, small_again === fresh, %{fresh => :found}[small_again]})
