# Arithmetic operators and integer division
IO.inspect 1 + 2
IO.inspect 5 - 8
IO.inspect 6 * 7
IO.inspect 7 / 2
IO.inspect 8 / 4
IO.inspect div(7, 2)
IO.inspect rem(7, 2)
IO.inspect div(-7, 2)
IO.inspect rem(-7, 2)
IO.inspect rem(7, -2)
IO.inspect Integer.mod(-7, 2)
IO.inspect Integer.floor_div(-7, 2)
IO.inspect Integer.pow(3, 4)
IO.inspect :math.pow(2, 10)
IO.inspect -5
IO.inspect(-(-5))
IO.inspect(+3)
IO.inspect 2 + 3 * 4 - 1
IO.inspect (2 + 3) * (4 - 1)
IO.inspect 10 - 2 - 3
IO.inspect 100 / 10 / 2
IO.inspect 1 + 2.0
IO.inspect 3 * 1.5
IO.inspect 0.5 - 1
IO.inspect abs(-3)
IO.inspect 1_000_000 * 1_000_000
IO.inspect 7 |> div(2) |> Kernel.*(10)
