# :gb_sets: ordered sets as balanced trees, in OTP's {size, node} shapes.

s = :gb_sets.from_list([5, 3, 9, 1, 3, 7])
IO.inspect(s)
IO.inspect({:gb_sets.to_list(s), :gb_sets.size(s), :gb_sets.is_empty(s), :gb_sets.is_empty(:gb_sets.new())})
IO.inspect({:gb_sets.is_member(3, s), :gb_sets.is_element(4, s), :gb_sets.is_member(3.0, s)})
IO.inspect(:gb_sets.add(4, s))
IO.inspect(:gb_sets.add_element(4, s) == :gb_sets.add(4, s))
IO.inspect(:gb_sets.add(3, s) == s)
IO.inspect(:gb_sets.insert(2, s) |> :gb_sets.to_list())
IO.inspect(:gb_sets.delete(9, s))
IO.inspect({:gb_sets.del_element(8, s) == s, :gb_sets.delete_any(1, s) |> :gb_sets.to_list()})
IO.inspect({:gb_sets.smallest(s), :gb_sets.largest(s)})
IO.inspect(:gb_sets.take_smallest(s))
IO.inspect(:gb_sets.take_largest(s))
IO.inspect(:gb_sets.singleton({0, :a}))
IO.inspect(:gb_sets.from_ordset([:a, :b, :c]))

a = :gb_sets.from_list(Enum.to_list(1..12))
b = :gb_sets.from_list([2, 4, 6, 20, 30])
IO.inspect(:gb_sets.union(a, b) |> :gb_sets.to_list())
IO.inspect(:gb_sets.union([a, b, :gb_sets.from_list([100])]) |> :gb_sets.to_list())
IO.inspect(:gb_sets.intersection(a, b))
IO.inspect(:gb_sets.intersection([a, b, :gb_sets.from_list([4, 6])]) |> :gb_sets.to_list())
IO.inspect(:gb_sets.subtract(a, b) |> :gb_sets.to_list())
IO.inspect(:gb_sets.difference(b, a) |> :gb_sets.to_list())
IO.inspect({:gb_sets.is_subset(:gb_sets.from_list([2, 4]), a), :gb_sets.is_subset(b, a)})
IO.inspect({:gb_sets.is_disjoint(a, :gb_sets.from_list([50, 60])), :gb_sets.is_disjoint(a, b)})
IO.inspect(:gb_sets.fold(fn x, acc -> acc + x end, 0, a))
IO.inspect(:gb_sets.filter(&(rem(&1, 3) == 0), a) |> :gb_sets.to_list())
IO.inspect({:gb_sets.is_set(a), :gb_sets.is_set([1]), :gb_sets.is_set(:gb_sets.empty())})

it = :gb_sets.iterator(b)
{x, it} = :gb_sets.next(it)
{y, _} = :gb_sets.next(it)
IO.inspect({x, y})
{z, _} = :gb_sets.next(:gb_sets.iterator_from(5, b))
IO.inspect(z)
IO.inspect(:gb_sets.next(:gb_sets.iterator(:gb_sets.new())))

# Unions of sets of different sizes take OTP's two paths: merging the sorted lists, or
# adding the smaller set's elements to the bigger tree.
small = :gb_sets.from_list([0, 500, 1000])
large = :gb_sets.from_list(Enum.to_list(1..600))
IO.inspect(:gb_sets.union(small, large) |> :gb_sets.size())
IO.inspect(:gb_sets.intersection(small, large))
IO.inspect(:gb_sets.subtract(small, large))

# Many adds and deletes keep OTP's shape at every step.
{set, _} =
  Enum.reduce(1..2000, {:gb_sets.new(), 11}, fn _, {t, s} ->
    s = rem(s * 1_103_515_245 + 12_345, 2_147_483_648)
    k = rem(div(s, 16), 300)

    t =
      case rem(div(s, 8192), 4) do
        0 -> :gb_sets.add(k, t)
        1 -> :gb_sets.del_element(k, t)
        2 -> :gb_sets.add_element({k}, t)
        3 -> if :gb_sets.size(t) > 0, do: elem(:gb_sets.take_largest(t), 1), else: t
      end

    {t, s}
  end)

IO.inspect(:gb_sets.size(set))
IO.inspect(set, limit: 40)

try do
  :gb_sets.insert(3, s)
rescue
  e -> IO.inspect(e.original)
end
