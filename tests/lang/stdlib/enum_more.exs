# Less common Enum functions: slide (1.13), zips with reducers, splitting, products,
# chunking with halts, dedup, min/max by key, every-nth.

IO.puts("-- slide")
IO.inspect(Enum.slide([:a, :b, :c, :d, :e, :f], 1, 3))
IO.inspect(Enum.slide([:a, :b, :c, :d, :e, :f], 3..4, 1))
IO.inspect(Enum.slide([:a, :b, :c, :d, :e, :f], 1..3, 5))
IO.inspect(Enum.slide(1..10, 2..4, 7))
IO.inspect(Enum.slide(1..10, -3..-1, 0))
IO.inspect(Enum.slide(1..10, 0, -1))
IO.inspect(Enum.slide([1, 2, 3], 0, 0))
IO.inspect(Enum.slide([1, 2, 3], 2, 0))
IO.inspect(Enum.slide([1, 2, 3], 5, 0))
IO.inspect(Enum.slide([1, 2, 3], 1..0//1, 0))
IO.inspect(Enum.slide(%{a: 1, b: 2, c: 3}, 2, 0))

for {range, at} <- [{1..3, 2}, {1..3//2, 0}, {3..1, 0}] do
  try do
    Enum.slide(Enum.to_list(1..6), range, at)
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end

IO.puts("-- zip_with / zip_reduce")
IO.inspect(Enum.zip_with([[1, 2], [3, 4], [5, 6]], fn [x, y, z] -> x + y + z end))
IO.inspect(Enum.zip_with([1, 2], [3, 4], &+/2))
IO.inspect(Enum.zip_with([1, 2, 3], 10..11, &*/2))
IO.inspect(Enum.zip_with([], fn x -> x end))
IO.inspect(Enum.zip_reduce([1, 2], [3, 4], 0, fn x, y, acc -> x + y + acc end))
IO.inspect(Enum.zip_reduce([1, 2, 3], [:a, :b], [], fn x, y, acc -> [{x, y} | acc] end))
IO.inspect(Enum.zip_reduce([[1, 2], [3, 4], [5, 6]], [], fn x, acc -> [x | acc] end))
IO.inspect(Enum.zip_reduce([], :none, fn x, acc -> [x | acc] end))

IO.puts("-- split_with / product / frequencies_by")
IO.inspect(Enum.split_with([5, 4, 3, 2, 1, 0], fn x -> rem(x, 2) == 0 end))
IO.inspect(Enum.split_with(%{a: 1, b: -2, c: 1, d: -3}, fn {_k, v} -> v < 0 end))
IO.inspect(Enum.split_with([], fn _ -> true end))
IO.inspect(Enum.product([2, 3, 4]))
IO.inspect(Enum.product([]))
IO.inspect(Enum.product([2.0, 3]))
IO.inspect(Enum.product(1..20))
IO.inspect(Enum.frequencies_by(~w{aa aA bb cc}, &String.downcase/1))
IO.inspect(Enum.frequencies_by(~w{aaa aA bbb cc c}, &String.length/1))

IO.puts("-- flat_map_reduce / map_intersperse")
IO.inspect(Enum.flat_map_reduce([1, 2, 3], 0, fn x, acc -> {[[x]], acc + x} end))
IO.inspect(Enum.flat_map_reduce(1..100, 0, fn x, acc -> if acc < 3, do: {[x, x], acc + 1}, else: {:halt, acc} end))
IO.inspect(Enum.flat_map_reduce([:a, :b], [], fn x, acc -> {[], [x | acc]} end))
IO.inspect(Enum.map_intersperse([1, 2, 3], :a, &(&1 * 2)))
IO.inspect(Enum.map_intersperse([], :a, &(&1 * 2)))
IO.inspect(Enum.map_intersperse(1..2, ", ", &Integer.to_string/1))

IO.puts("-- chunk_while")
chunk_fun = fn element, acc ->
  if rem(element, 2) == 0 do
    {:cont, Enum.reverse([element | acc]), []}
  else
    {:cont, [element | acc]}
  end
end
after_fun = fn
  [] -> {:cont, []}
  acc -> {:cont, Enum.reverse(acc), []}
end
IO.inspect(Enum.chunk_while(1..10, [], chunk_fun, after_fun))
IO.inspect(Enum.chunk_while([1, 2, 3, 5, 7], [], chunk_fun, after_fun))
halting = fn x, acc -> if x > 4, do: {:halt, acc}, else: {:cont, [x | acc]} end
IO.inspect(Enum.chunk_while(1..10, [], halting, fn acc -> {:cont, Enum.reverse(acc), []} end))
IO.inspect(Enum.chunk_while(Stream.iterate(1, &(&1 + 1)), [], halting, fn acc -> {:cont, acc, nil} end))

IO.puts("-- dedup_by / min_max_by")
IO.inspect(Enum.dedup_by([{1, :a}, {2, :b}, {2, :c}, {1, :a}], fn {x, _} -> x end))
IO.inspect(Enum.dedup_by([5, 1, 2, 3, 2, 1], fn x -> x > 2 end))
IO.inspect(Enum.dedup_by([1, 1.0, 2], fn x -> x end))
IO.inspect(Enum.min_max_by(["aaa", "bb", "c"], fn x -> String.length(x) end))
IO.inspect(Enum.min_max_by(["aa", "b", "cc", "d"], &String.length/1))
IO.inspect(Enum.min_max_by([], fn x -> String.length(x) end, fn -> nil end))
IO.inspect(Enum.min_max_by(["aaa", "bb", "c"], &String.length/1, &>=/2))
defmodule ByLength do
  def compare(a, b) do
    cond do
      byte_size(a) < byte_size(b) -> :lt
      byte_size(a) > byte_size(b) -> :gt
      true -> :eq
    end
  end
end

IO.inspect(Enum.min_max_by(["ccc", "a", "bb", "d", "eee"], & &1, ByLength))
IO.inspect(Enum.min_max_by([3, 1, 2], &(-&1), &</2, fn -> :empty end))

try do
  Enum.min_max_by([], fn x -> x end)
rescue
  e -> IO.inspect(e)
end

IO.puts("-- take_every / drop_every / unzip")
IO.inspect(Enum.take_every(1..10, 2))
IO.inspect(Enum.take_every(10..20, 3))
IO.inspect(Enum.take_every([1, 2, 3], 0))
IO.inspect(Enum.take_every(1..3, 1))
IO.inspect(Enum.drop_every(1..10, 2))
IO.inspect(Enum.drop_every(1..10, 3))
IO.inspect(Enum.drop_every(1..10, 0))
IO.inspect(Enum.drop_every([1, 2, 3], 1))
IO.inspect(Enum.drop_every([], 4))
IO.inspect(Enum.unzip([{:a, 1}, {:b, 2}, {:c, 3}]))
IO.inspect(Enum.unzip(%{a: 1, b: 2}))
IO.inspect(Enum.unzip([]))
