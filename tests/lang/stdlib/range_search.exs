# Functions that can stop early walk a range instead of listing it: results and the
# order of calls match a list's, for ascending, descending, stepped and empty ranges.
ranges = [1..10, 10..1//-1, 1..20//3, 5..1//1, 3..3, -2..2]
for r <- ranges do
  IO.inspect({
    Enum.reduce_while(r, 0, fn x, acc -> if acc + x > 12, do: {:halt, acc}, else: {:cont, acc + x} end),
    Enum.find(r, &(rem(&1, 4) == 0)),
    Enum.find(r, :none, &(&1 > 100)),
    Enum.find_index(r, &(&1 == 3)),
    Enum.find_value(r, fn x -> if x > 5, do: x * 10 end),
    Enum.any?(r, &(&1 < 0)),
    Enum.all?(r, &(&1 > -5)),
    Enum.take_while(r, &(&1 != 4))
  })
end
seen = Enum.reduce_while(1..1_000_000_000, [], fn x, acc -> if x > 3, do: {:halt, acc}, else: {:cont, [x | acc]} end)
IO.inspect(seen)
IO.inspect(Enum.find(1..1_000_000_000_000, &(&1 * &1 > 2000)))
IO.inspect(Enum.any?(1..1_000_000_000_000, &(&1 == 7)))
IO.inspect(Enum.take_while(1..1_000_000_000_000, &(&1 < 5)))
