# :gb_trees: balanced trees in OTP's {size, node} shapes.

t = Enum.reduce([5, 1, 3, 9, 7], :gb_trees.empty(), fn k, t -> :gb_trees.insert(k, k * 10, t) end)
IO.inspect(t)
IO.inspect(:gb_trees.to_list(t))
IO.inspect({:gb_trees.size(t), :gb_trees.is_empty(t), :gb_trees.is_empty(:gb_trees.empty())})
IO.inspect({:gb_trees.lookup(3, t), :gb_trees.lookup(4, t), :gb_trees.get(9, t)})
IO.inspect({:gb_trees.is_defined(7, t), :gb_trees.is_defined(8, t)})
IO.inspect({:gb_trees.keys(t), :gb_trees.values(t)})
IO.inspect({:gb_trees.smallest(t), :gb_trees.largest(t)})
IO.inspect(:gb_trees.take_smallest(t))
IO.inspect(:gb_trees.take_largest(t))
IO.inspect(:gb_trees.update(3, :three, t))
IO.inspect(:gb_trees.to_list(:gb_trees.enter(4, :new, :gb_trees.enter(3, :again, t))))
IO.inspect(:gb_trees.delete(5, t))
IO.inspect(:gb_trees.delete_any(6, t) == t)
IO.inspect(:gb_trees.take(1, t))
IO.inspect(:gb_trees.take_any(2, t))
IO.inspect(:gb_trees.map(fn k, v -> k + v end, t) |> :gb_trees.values())

# 1 and 1.0 are the same key, as with ==.
IO.inspect(:gb_trees.lookup(1.0, t))

# Iterators walk in key order, from the start or from a key.
it = :gb_trees.iterator(t)
{k1, v1, it} = :gb_trees.next(it)
{k2, v2, _} = :gb_trees.next(it)
IO.inspect({k1, v1, k2, v2})
it = :gb_trees.iterator_from(4, t)
{k, v, _} = :gb_trees.next(it)
IO.inspect({k, v})
IO.inspect(:gb_trees.next(:gb_trees.iterator(:gb_trees.empty())))

# Sorted input builds a balanced tree directly; balance/1 rebuilds one.
IO.inspect(:gb_trees.from_orddict([{:a, 1}, {:b, 2}, {:c, 3}, {:d, 4}]))
skewed = Enum.reduce(1..8, :gb_trees.empty(), fn i, t -> :gb_trees.insert(i, i, t) end)
IO.inspect(skewed)
IO.inspect(:gb_trees.balance(skewed))

# A tree built and emptied by many calls has OTP's shape at every step.
{tree, _} =
  Enum.reduce(1..2000, {:gb_trees.empty(), 7}, fn i, {t, s} ->
    s = rem(s * 1_103_515_245 + 12_345, 2_147_483_648)
    k = rem(div(s, 16), 300)

    t =
      case rem(div(s, 8192), 4) do
        0 -> :gb_trees.enter(k, i, t)
        1 -> :gb_trees.delete_any(k, t)
        2 -> if :gb_trees.is_defined(k, t), do: :gb_trees.update(k, -i, t), else: :gb_trees.insert(k, i, t)
        3 -> if :gb_trees.size(t) > 0, do: elem(:gb_trees.take_smallest(t), 2), else: t
      end

    {t, s}
  end)

IO.inspect(:gb_trees.size(tree))
IO.inspect(tree, limit: 40)
big = Enum.reduce(1..50_000, :gb_trees.empty(), fn i, t -> :gb_trees.insert(i, i, t) end)
IO.inspect({:gb_trees.size(big), :gb_trees.get(25_000, big), :gb_trees.smallest(big)})

for f <- [fn -> :gb_trees.insert(1, :dup, t) end, fn -> :gb_trees.update(2, :x, t) end, fn -> :gb_trees.get(2, t) end] do
  try do
    f.()
  rescue
    e in FunctionClauseError -> IO.inspect({e.module, e.function, e.arity})
    e in ErlangError -> IO.inspect(e.original)
  end
end
