# Freeing terms nested a million deep (lists, tuples) and maps nested 100,000 deep must not
# overflow the stack: vial drops them iteratively past a fixed depth.
deep = Enum.reduce(1..1_000_000, [], fn _, acc -> [acc] end)
IO.puts "built lists"
t = Enum.reduce(1..1_000_000, {}, fn i, acc -> {i, acc} end)
IO.puts elem(t, 0)
m = Enum.reduce(1..100_000, %{}, fn i, acc -> %{i: i, next: acc} end)
IO.puts m.i
deep = nil
t = nil
m = nil
IO.puts "dropped"
