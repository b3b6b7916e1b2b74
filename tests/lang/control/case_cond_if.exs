# case, cond, if/else, unless
check = fn value ->
  case value do
    {:ok, result} -> "ok: #{inspect(result)}"
    {:error, reason} when is_atom(reason) -> "error atom: #{reason}"
    {:error, _} -> "other error"
    [] -> "empty list"
    [_ | _] = list -> "list of #{length(list)}"
    n when is_number(n) and n > 10 -> "big number"
    _ -> "unknown"
  end
end
Enum.each([{:ok, 1}, {:error, :nope}, {:error, "x"}, [], [1, 2], 42, 3], fn v -> IO.puts check.(v) end)

grade = fn score ->
  cond do
    score >= 90 -> "A"
    score >= 80 -> "B"
    score >= 70 -> "C"
    true -> "F"
  end
end
IO.inspect Enum.map([95, 85, 75, 10], grade)

IO.puts(if 1 < 2, do: "yes", else: "no")
IO.inspect(if false, do: "never")
IO.inspect(if nil, do: 1, else: 2)
IO.inspect(if 0, do: "0 is truthy")
x = 5
if x > 3 do
  IO.puts "x is greater than 3"
else
  IO.puts "x is small"
end
unless x > 10 do
  IO.puts "x is not greater than 10"
end
IO.inspect(unless true, do: :skipped)
y = if x > 0, do: :positive, else: :non_positive
IO.inspect y
msg =
  case {1, 2} do
    {a, b} when a > b -> "first bigger"
    {a, b} -> "sum #{a + b}"
  end
IO.puts msg
