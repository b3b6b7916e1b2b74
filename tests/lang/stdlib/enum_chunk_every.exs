# Enum.chunk_every/2,3,4 across count/step/leftover combinations: overlapping windows
# (step < count), gaps (step > count), and leftover as a list, :discard or [].
lists = [[], [1], [10, 1, 5], [1, 2, 3, 4], [1, 2, 3, 4, 5], Enum.to_list(1..7)]
for l <- lists do
  IO.inspect(Enum.chunk_every(l, 2), label: "2")
  IO.inspect(Enum.chunk_every(l, 3, 2), label: "3,2")
  for {c, s} <- [{2, 1}, {3, 1}, {3, 2}, {2, 3}, {1, 2}, {4, 4}, {5, 1}],
      leftover <- [[0], [:x, :y, :z], :discard, []] do
    IO.inspect(Enum.chunk_every(l, c, s, leftover), label: "#{c},#{s},#{inspect(leftover)}")
  end
end
IO.inspect(Enum.chunk_every(1..6, 4, 1, [:pad]))
IO.inspect(Enum.chunk_every([10, 1, 5], 2, 1, [0]))
IO.inspect(Enum.chunk_every([1, 2, 3, 4, 5], 2, 3, [:x, :y]))
