# with chains matches; else handles the first mismatch
parse = fn input ->
  with {n, ""} <- Integer.parse(input),
       true <- n > 0,
       doubled = n * 2 do
    {:ok, doubled}
  else
    :error -> {:error, :not_a_number}
    {_n, rest} -> {:error, {:trailing, rest}}
    false -> {:error, :not_positive}
  end
end
IO.inspect parse.("21")
IO.inspect parse.("abc")
IO.inspect parse.("12abc")
IO.inspect parse.("-4")

user = %{name: "Ada", address: %{city: "London"}}
result =
  with %{address: address} <- user,
       %{city: city} <- address do
    "lives in #{city}"
  end
IO.puts result
IO.inspect(with {:ok, x} <- {:error, 1}, do: x)
IO.inspect(with x when x > 1 <- 5, do: x * 10)
opts = %{width: 3, height: 4}
IO.inspect(with {:ok, w} <- Map.fetch(opts, :width), {:ok, h} <- Map.fetch(opts, :height), do: w * h)
IO.inspect(with {:ok, w} <- Map.fetch(opts, :width), {:ok, d} <- Map.fetch(opts, :depth), do: w * d)
