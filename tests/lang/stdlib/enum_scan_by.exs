# Enum.scan/2, zip_with/2 and min_by/max_by with an empty fallback.
IO.inspect(Enum.scan(1..5, &(&1 + &2)))                 # [1, 3, 6, 10, 15]
IO.inspect(Enum.zip_with([[1, 2], [3, 4]], &Enum.sum/1)) # [4, 6]
IO.inspect(Enum.min_by([], & &1, fn -> nil end))         # nil
IO.inspect(Enum.max_by(["a", "bb"], &String.length/1, fn -> nil end))  # "bb"
IO.inspect({Enum.scan([], &(&1 + &2)), Enum.scan([5], &(&1 * &2)), Enum.zip_with([[1, 2, 3], [4, 5]], &Enum.sum/1)})
IO.inspect({Enum.min_by([3, 1, 2], & &1, fn -> :none end), Enum.max_by([], & &1, fn -> :none end), Enum.min_by(["bb", "a"], &String.length/1)})
