# A `for ..., reduce:` body is a `case` on the accumulator: its clauses may match and guard,
# and when none matches the error is CaseClauseError, as in Elixir.
r = for x <- 1..10, reduce: {0, 0} do
  {evens, odds} when rem(x, 2) == 0 -> {evens + x, odds}
  {evens, odds} -> {evens, odds + x}
end
IO.inspect r

r = for <<c <- "hello world">>, c != ?\s, reduce: %{} do
  acc -> Map.update(acc, <<c>>, 1, &(&1 + 1))
end
IO.inspect r

r = for x <- [1, 2], y <- [10, 20], reduce: [] do
  acc -> [x * y | acc]
end
IO.inspect r

try do
  for x <- [1, 2], reduce: 0 do
    5 -> x
  end
rescue
  e -> IO.inspect(e)
end
