# Enum.take/drop/split with positive, zero, negative and oversized counts on lists, ranges,
# maps and sets; with a non-negative count on a list they walk only the cells they need.
l = Enum.to_list(1..10)
IO.inspect({Enum.take(l, 3), Enum.take(l, 0), Enum.take(l, 20), Enum.take(l, -3), Enum.take([], 2)})
IO.inspect({Enum.drop(l, 3), Enum.drop(l, 0), Enum.drop(l, 20), Enum.drop(l, -3), Enum.drop([], 2), Enum.drop(l, 10)})
IO.inspect({Enum.split(l, 4), Enum.split(l, -4), Enum.split(1..5, 2), Enum.take(1..5, 2), Enum.drop(1..5, 2)})
IO.inspect({Enum.drop(%{a: 1, b: 2}, 1), Enum.take(MapSet.new([3, 1, 2]), 2)})
big = Enum.to_list(1..200_000)
r = Enum.reduce(1..2000, 0, fn _, acc -> acc + length(Enum.take(big, 1)) + hd(Enum.drop(big, 1)) end)
IO.inspect(r)
