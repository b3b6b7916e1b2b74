# :erlang.phash2/1,2 gives the BEAM's own values for integers, floats, atoms, binaries,
# lists, tuples and maps, and raises as the BEAM does for a bad range.

terms = [
  0, 1, -1, 42, 255, 256, 65535, 134217727, 134217728, -134217728, -134217729, 4294967295, 4294967296,
  576460752303423487, 576460752303423488, 9223372036854775807, -9223372036854775808, 18446744073709551616,
  -18446744073709551617, 123456789012345678901234567890123456789,
  1.0, 0.0, -0.0, 3.14, -2.5e-10, 1.0e300,
  :ok, :error, nil, true, false, :"hello world", :"héllo", :"日本", :"", :a,
  "", "a", "abc", "abcd", "hello world", "exactly12byt", "thirteen byte", "a much longer binary string with many bytes in it!!",
  <<0, 255, 128>>, "héllo",
  [], [1], [1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5], 'hello', 'abcdefgh', [256], [1, 300, 2], [1 | 2], [[]], [[], []], [:a, :b],
  ["nested", ["lists", []]], [1.5, 2.5], [-1], [1, 2 | 3],
  {}, {1}, {:a, 1}, {:small, 5}, {1, 2, 3}, {[], {}, %{}}, {{1, 2}, {3, 4}},
  %{}, %{a: 1}, %{a: 1, b: 2}, %{"k" => [1, 2], 3 => :x}, %{%{} => []},
  Map.new(1..40, fn i -> {i, i * 2} end) |> map_size(),
  :erlang.phash2(Map.new(1..40, fn i -> {i, i * 2} end)),
  {:ok, %{name: "Alice", roles: [:admin, :editor], age: 30}},
  Enum.to_list(1..100), String.duplicate("x", 1000)
]
for t <- terms do
  IO.puts("#{inspect(t, limit: 5, printable_limit: 10)} #{:erlang.phash2(t)} #{:erlang.phash2(t, 1000)} #{:erlang.phash2(t, 4294967296)} #{:erlang.phash2(t, 1)}")
end
for r <- [0, -1, 4294967297, :a, 1.0] do
  try do
    :erlang.phash2(:x, r)
  rescue
    e -> IO.inspect(e)
  end
end
