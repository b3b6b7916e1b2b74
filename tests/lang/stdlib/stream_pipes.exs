# Chains of Stream.map/filter/reject/each/flat_map over lists and ranges, consumed whole:
# each element goes through every stage in turn, so side effects interleave as in Elixir.
s =
  1..4
  |> Stream.map(fn x -> IO.puts("map #{x}"); x * 10 end)
  |> Stream.filter(fn x -> IO.puts("filter #{x}"); rem(x, 20) == 0 end)
  |> Stream.each(fn x -> IO.puts("each #{x}") end)
IO.inspect Enum.to_list(s)
IO.inspect Enum.sum(s)

IO.inspect [1, 2, 3] |> Stream.flat_map(&[&1, -&1]) |> Stream.reject(&(&1 == -2)) |> Enum.to_list()
IO.inspect 10..1//-3 |> Stream.map(&(&1 * &1)) |> Enum.to_list()
IO.inspect 1..0//1 |> Stream.map(&(&1 * 2)) |> Enum.to_list()
IO.inspect 1..10//4 |> Stream.filter(&(&1 > 1)) |> Enum.reduce(0, &+/2)
IO.inspect %{a: 1, b: 2} |> Stream.map(fn {k, v} -> {v, k} end) |> Enum.sort()
IO.inspect MapSet.new([3, 1]) |> Stream.map(&(&1 + 1)) |> Enum.to_list()
IO.inspect 1..5 |> Stream.map(&(&1 * 2)) |> Stream.take(2) |> Enum.to_list()
IO.inspect Stream.iterate(1, &(&1 * 2)) |> Stream.map(&(&1 + 1)) |> Enum.take(5)
IO.inspect 1..1_000_000 |> Stream.map(&(&1 * 3)) |> Stream.filter(&(rem(&1, 2) == 0)) |> Enum.take(3)
IO.inspect 1..6 |> Stream.map(& &1) |> Stream.chunk_every(4) |> Enum.to_list()
IO.inspect 1..3 |> Stream.flat_map(fn x -> 1..x end) |> Stream.map(&(&1 * 100)) |> Enum.count()
IO.inspect Stream.zip(Stream.map(1..3, &(&1 * 2)), [:a, :b, :c]) |> Enum.to_list()
IO.inspect 1..200_000 |> Stream.map(&(&1 * 3)) |> Stream.filter(&(rem(&1, 7) == 1)) |> Enum.sum()
IO.inspect ["a", "bb"] |> Stream.map(&String.upcase/1) |> Enum.join("-")
try do
  1..3 |> Stream.map(fn 2 -> raise "boom at two"; x -> x end) |> Enum.to_list()
rescue
  e -> IO.inspect e
end
