# match?/2: a pattern test returning a boolean; its bindings do not leak
IO.inspect match?(%{a: 1}, %{a: 1, b: 2})
IO.inspect match?({:ok, x} when x > 5, {:ok, 3})
IO.inspect match?([_ | _], [])
IO.inspect Enum.filter([{:ok, 1}, :error, {:ok, 2}], &match?({:ok, _}, &1))
x = 10
IO.inspect match?(^x, 10)
