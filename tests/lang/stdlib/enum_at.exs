# Enum.at / fetch / fetch! on lists (walked, not copied), ranges (indexed), maps, sets and
# streams, with negative and out-of-range positions.
l = Enum.to_list(1..10)
IO.inspect({Enum.at(l, 0), Enum.at(l, 9), Enum.at(l, 10), Enum.at(l, -1), Enum.at(l, -10), Enum.at(l, -11), Enum.at(l, 3, :d), Enum.at(l, 30, :d)})
IO.inspect({Enum.at(1..10, 2), Enum.at(1..10//3, -1), Enum.at(10..1//-2, 1), Enum.at(1..0//1, 0), Enum.at(1..10, -11, :none)})
IO.inspect({Enum.at(%{a: 1, b: 2}, 1), Enum.at(MapSet.new([3, 1, 2]), 0), Enum.at(Stream.map(1..5, &(&1 * 2)), 2), Enum.at([], 0)})
IO.inspect({Enum.fetch(l, 2), Enum.fetch(l, 20), Enum.fetch(5..1//-1, -1), Enum.fetch!(1..3, 0)})
try do
  Enum.fetch!(1..3, 5)
rescue
  e -> IO.inspect(e)
end
try do
  Enum.fetch!([1, 2], -3)
rescue
  e -> IO.inspect(e)
end
try do
  Enum.at(l, :x)
rescue
  e -> IO.inspect(e.__struct__)
end
