# :ordsets: sets as sorted lists without duplicates.

s = :ordsets.from_list([3, 1, 2, 3, :a, 1.0])
IO.inspect(s)
IO.inspect({:ordsets.new(), :ordsets.size(s), :ordsets.is_empty(s), :ordsets.is_empty([]), :ordsets.to_list(s)})
IO.inspect({:ordsets.is_set(s), :ordsets.is_set([2, 1]), :ordsets.is_set([1, 1]), :ordsets.is_set(:x)})
IO.inspect({:ordsets.is_element(2, s), :ordsets.is_element(5, s), :ordsets.is_element(2.0, s)})
IO.inspect(:ordsets.add_element(0, s))
IO.inspect(:ordsets.add_element(2, s))
IO.inspect(:ordsets.add_element(:z, s))
IO.inspect(:ordsets.del_element(2, s))
IO.inspect(:ordsets.del_element(9, s))

a = :ordsets.from_list([1, 2, 3, 4, 5])
b = :ordsets.from_list([4, 5, 6, 7])
IO.inspect(:ordsets.union(a, b))
IO.inspect(:ordsets.union([a, b, [0, 10]]))
IO.inspect(:ordsets.intersection(a, b))
IO.inspect(:ordsets.intersection([a, b, [5, 6]]))
IO.inspect(:ordsets.subtract(a, b))
IO.inspect({:ordsets.is_subset([2, 3], a), :ordsets.is_subset(b, a)})
IO.inspect({:ordsets.is_disjoint(a, [8, 9]), :ordsets.is_disjoint(a, b)})
IO.inspect(:ordsets.fold(fn x, acc -> [x | acc] end, [], a))
IO.inspect(:ordsets.filter(&(rem(&1, 2) == 1), a))

# An ordset is a plain list: Enum works on it.
IO.inspect(Enum.sum(a))
IO.inspect(Enum.reduce(1..1000, :ordsets.new(), fn i, s -> :ordsets.add_element(rem(i * 37, 101), s) end) |> length())
