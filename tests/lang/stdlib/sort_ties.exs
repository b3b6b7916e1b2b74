# Enum.sort/1 orders 1 and 1.0 as equal and keeps their order; tuples then compare on.
IO.inspect Enum.sort([1.0, 1])
IO.inspect Enum.sort([1, 1.0])
IO.inspect :lists.sort([1.0, 1])
IO.inspect Enum.sort([{1, :b}, {1.0, :a}])
IO.inspect Enum.sort([{1.0, :a}, {1, :a}])
IO.inspect :lists.usort([1, 1.0, 2, 1])
IO.inspect :lists.usort([:b, :a, :b])
