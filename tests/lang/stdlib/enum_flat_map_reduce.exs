# Enum.flat_map_reduce/3: lists, ranges, maps and streams, and {:halt, acc} stopping early.
IO.inspect(Enum.flat_map_reduce([1, 2, 3], 0, fn x, acc -> {[x, x], acc + x} end))
IO.inspect(Enum.flat_map_reduce(1..4, [], fn x, acc -> {[x * 10], [x | acc]} end))
IO.inspect(Enum.flat_map_reduce([1, 2, 3, 4], 0, fn x, acc ->
  if acc > 2, do: {:halt, acc}, else: {[x, x], acc + x}
end))
IO.inspect(Enum.flat_map_reduce([1, 2, 3], 0, fn _x, acc -> {:halt, acc + 100} end))
IO.inspect(Enum.flat_map_reduce([], :none, fn x, acc -> {[x], acc} end))
IO.inspect(Enum.flat_map_reduce(Stream.iterate(1, &(&1 + 1)), 0, fn x, acc ->
  if x > 3, do: {:halt, acc}, else: {1..x, acc + x}
end))
IO.inspect(Enum.flat_map_reduce(%{a: 1, b: 2}, 0, fn {k, v}, acc -> {[k], acc + v} end))
IO.inspect(Enum.flat_map_reduce(1..1_000_000, 0, fn x, acc ->
  if x > 2, do: {:halt, acc}, else: {[x], acc + 1}
end))
