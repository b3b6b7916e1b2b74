# Integer division by zero
numbers = [10, 5, 0]
Enum.each(numbers, fn n -> IO.puts(100 / n) end)
