# `++` copies a list someone else holds and relinks one no one else does; either way every
# other holder keeps seeing its list unchanged.
acc = Enum.reduce(1..2000, [], fn i, acc -> acc ++ [i] end)
IO.inspect {length(acc), Enum.take(acc, 3), List.last(acc)}
kept = [1, 2, 3]
grown = kept ++ [4]
grown2 = grown ++ [5]
IO.inspect {kept, grown, grown2}
shared = Enum.to_list(1..5)
pid = spawn(fn -> receive do {:l, l, from} -> send(from, {:got, l ++ [:x]}) end end)
send(pid, {:l, shared, self()})
mine = shared ++ [:y]
receive do
  {:got, theirs} -> IO.inspect {shared, mine, theirs}
end
IO.inspect [1, 2] ++ 3
IO.inspect [] ++ :atom
IO.inspect [1] ++ [2 | 3]
l = Enum.map(1..3, & &1)
IO.inspect {l ++ l, l}
defmodule Loop do
  def build(0, acc), do: acc
  def build(n, acc), do: build(n - 1, acc ++ [n, -n])
end
r = Loop.build(500, [])
IO.inspect {length(r), Enum.take(r, 4), Enum.sum(r)}
improper = Enum.random([[1 | 2]])
try do
  improper ++ [3]
rescue
  e -> IO.inspect e
end
try do
  Enum.random([:notalist]) ++ [3]
rescue
  e -> IO.inspect e
end
