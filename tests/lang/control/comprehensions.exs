# for comprehensions
IO.inspect(for x <- [1, 2, 3], do: x * x)
IO.inspect(for x <- 1..10, rem(x, 2) == 0, do: x)
IO.inspect(for x <- 1..3, y <- [:a, :b], do: {x, y})
IO.inspect(for x <- 1..4, y <- 1..4, x < y, x + y == 5, do: {x, y})
IO.inspect(for {:ok, v} <- [{:ok, 1}, {:error, 2}, {:ok, 3}], do: v)
IO.inspect(for {k, v} <- %{a: 1, b: 2}, into: %{}, do: {k, v * 100})
IO.inspect(for x <- ~w(a b c), into: %{}, do: {x, String.upcase(x)})
IO.inspect(for c <- 'abc', do: c + 1)
IO.inspect(for x <- [1, 2, 3], into: "", do: Integer.to_string(x))
IO.inspect(for x <- [3, 1, 3, 2, 1], uniq: true, do: x)
IO.inspect(for x <- 1..5, reduce: 0 do
  acc -> acc + x
end)
IO.inspect(for n <- 1..3, do: for(m <- 1..n, do: m))
IO.inspect(for <<c <- "hi">>, do: c)
IO.inspect(for x <- [], do: x)
pairs = for i <- 1..3, j <- i..3, do: {i, j}
IO.inspect pairs
IO.inspect(for %{name: name, age: age} when age > 18 <- [%{name: "A", age: 30}, %{name: "B", age: 10}], do: name)
