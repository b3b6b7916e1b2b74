# :sets: OTP 25's version 1 hash-table record (the default) and version 2 maps.

IO.inspect(:sets.new())
s = :sets.from_list([3, 1, 2, :a, "b", {1, 2}, 1.0, 3])
IO.inspect(s)
IO.inspect(:sets.to_list(s))
IO.inspect({:sets.size(s), :sets.is_empty(s), :sets.is_empty(:sets.new()), :sets.is_set(s), :sets.is_set([])})

# Elements are equal only when they match exactly: 1 and 1.0 are two elements.
IO.inspect({:sets.is_element(1, s), :sets.is_element(1.0, s), :sets.is_element(4, s)})
IO.inspect(:sets.add_element(4, s) |> :sets.to_list())
IO.inspect(:sets.add_element(3, s) == s)
IO.inspect(:sets.del_element(:a, s) |> :sets.to_list())
IO.inspect(:sets.del_element(:zz, s) == s)

a = :sets.from_list(Enum.to_list(1..10))
b = :sets.from_list([2, 4, 6, 20])
IO.inspect(:sets.union(a, b) |> :sets.to_list())
IO.inspect(:sets.union([a, b, :sets.from_list([100])]) |> :sets.size())
IO.inspect(:sets.intersection(a, b) |> :sets.to_list())
IO.inspect(:sets.intersection([a, b, :sets.from_list([4])]) |> :sets.to_list())
IO.inspect(:sets.subtract(a, b) |> :sets.to_list())
IO.inspect({:sets.is_subset(:sets.from_list([2, 4]), a), :sets.is_subset(b, a)})
IO.inspect({:sets.is_disjoint(a, :sets.from_list([50])), :sets.is_disjoint(a, b)})
IO.inspect(:sets.fold(fn x, acc -> [x | acc] end, [], a))
IO.inspect(:sets.filter(&(rem(&1, 3) == 0), a))

# The table grows past 80 elements and shrinks again as they go.
big = Enum.reduce(1..200, :sets.new(), fn i, s -> :sets.add_element(i * 7, s) end)
IO.inspect({:sets.size(big), elem(big, 2), elem(big, 3), tuple_size(elem(big, 8))})
IO.inspect(:sets.to_list(big) |> Enum.take(15))
shrunk = Enum.reduce(1..180, big, fn i, s -> :sets.del_element(i * 7, s) end)
IO.inspect(shrunk, limit: :infinity)
IO.inspect(:sets.filter(&(&1 > 1000), big), limit: 12)

# Version 2 sets are maps of each element to [].
v2 = :sets.new(version: 2)
IO.inspect(v2)
v2 = :sets.from_list([3, 1, 2, 1], version: 2)
IO.inspect(v2)
IO.inspect({:sets.add_element(9, v2), :sets.del_element(1, v2), :sets.is_element(2, v2), :sets.size(v2)})
w2 = :sets.from_list([2, 3, 4], [{:version, 2}])
IO.inspect({:sets.union(v2, w2), :sets.intersection(v2, w2), :sets.subtract(v2, w2)})
IO.inspect({:sets.is_subset(v2, w2), :sets.is_disjoint(v2, :sets.from_list([7], version: 2)), :sets.to_list(w2)})
IO.inspect({:sets.fold(fn x, acc -> x + acc end, 0, w2), :sets.filter(&(&1 > 2), w2), :sets.is_set(w2)})
IO.inspect(:sets.new([{:version, 1}]) == :sets.new())

n = 20_000
many = Enum.reduce(1..n, :sets.new(), fn i, s -> :sets.add_element(rem(i * 7919, 20_011), s) end)
IO.inspect({:sets.size(many), Enum.count(1..n, &:sets.is_element(&1, many))})
IO.inspect(:sets.to_list(many) |> Enum.take(10))
