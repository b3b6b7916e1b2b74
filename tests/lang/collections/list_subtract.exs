# `--` removes the first occurrence of each right-hand element; with more than a few
# right-hand elements vial counts them instead of searching, which must give the same list.
IO.inspect([1, 2, 3, 2, 1] -- [2, 1])
IO.inspect([1, 2, 3, 2, 1] -- [2, 2, 2])
IO.inspect([1, 1.0, 1, 2] -- [1.0])
IO.inspect([:a, "b", {1}, [2], %{x: 1}] -- [[2], %{x: 1}, "b"])
left = Enum.map(1..40, &rem(&1, 7))
right = Enum.map(1..25, &rem(&1 * 3, 9))
IO.inspect(left -- right)
IO.inspect([1, 1.0, 2.0, 2, 3, 3.0] -- [1, 2.0, 3, 3, 3, 1.0, 9, 8, 7, 6, 5, 4, 10, 11, 12, 13, 14, 15])
big = Enum.to_list(1..200_000)
IO.inspect(length(big -- Enum.to_list(1..199_990)))
IO.inspect((big -- Enum.to_list(50..200_000)) |> Enum.sum())
try do
  [1, 2] -- :x
rescue
  e -> IO.inspect(e)
end
