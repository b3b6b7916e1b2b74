# `for` without options compiles to Enum.reduce onto an accumulator, reversed at the end;
# these check that every shape of qualifier keeps Elixir's results and evaluation order.
IO.inspect(for x <- 1..5, do: x * x)
IO.inspect(for x <- [1, 2, 3], y <- [:a, :b], do: {x, y})
IO.inspect(for x <- 1..10, rem(x, 2) == 0, y <- 1..x, y > 6, do: {x, y})
IO.inspect(for {:ok, v} <- [{:ok, 1}, :error, {:ok, 2}, {:error, 3}], do: v)
IO.inspect(for x when x > 2 <- [1, 5, 2, 7], do: x)
IO.inspect(for <<c <- "hey">>, do: c + 1)
IO.inspect(for {k, v} <- %{a: 1, b: 2}, do: {v, k})
IO.inspect(for x <- 10..1//-3, do: x)
IO.inspect(for x <- [], do: x)
IO.inspect(for x <- [1, 2], y <- [], do: {x, y})
IO.inspect(for x <- [1, nil, 2], x, do: x)
IO.inspect(for x <- [1, 2, 2, 3, 1], uniq: true, do: x)
IO.inspect(for x <- [1, 2], into: %{}, do: {x, x * 10})
IO.inspect(for x <- ["a", "b"], into: "", do: x <> x)

# Nested comprehensions, closures over outer variables, shadowing.
n = 3
IO.inspect(for x <- 1..n, do: for(y <- 1..x, do: x * y))
x = :outer
IO.inspect(for x <- [1, 2], do: x)
IO.inspect(x)
fs = for i <- 1..3, do: fn -> i * n end
IO.inspect(Enum.map(fs, & &1.()))

# Side effects happen in generator order, once each.
for x <- [1, 2], y <- [:a, :b] do
  IO.puts("#{x}#{y}")
end

# Accumulating inside the body does not leak out.
acc = :mine
r = for __for_acc <- [1, 2], do: __for_acc
IO.inspect({r, acc})

# A large one: a million elements, filtered.
IO.inspect(length(for x <- 1..1_000_000, rem(x, 3) == 0, do: x))

try do
  for x <- [1, 2, :three], do: x + 1
rescue
  e -> IO.inspect(e)
end
