# Ranges at the edges of 64-bit integers and hand-built ranges with a zero step (no panic,
# and counts past the i64 range), and the errors :lists.reverse raises for improper lists,
# which depend on where the list goes wrong, as in OTP's lists.erl.
for f <- [fn -> Enum.count(%{__struct__: Range, first: 1, last: 2, step: 0}) end,
          fn -> Enum.to_list(%{__struct__: Range, first: 1, last: 2, step: 0}) end,
          fn -> Enum.count(0..-9223372036854775808//-1) end,
          fn -> Enum.count(-9223372036854775807..9223372036854775807) end,
          fn -> :lists.reverse([1, 2 | 3]) end,
          fn -> :lists.reverse([1, 2, 3 | 4]) end,
          fn -> :lists.reverse(:a, []) end,
          fn -> :lists.reverse([1 | 2], []) end,
          fn -> Range.size(0..-9223372036854775808//-1) end,
          fn -> Enum.to_list(9223372036854775805..9223372036854775807) end,
          fn -> Enum.to_list(-9223372036854775807..9223372036854775807//4611686018427387903) end,
          fn -> {9223372036854775807 in 0..9223372036854775807, 5 in 1..10//2, 4 in 1..10//2} end,
          fn -> :lists.reverse([1, 2, 3], [4]) end] do
  try do
    IO.inspect(f.())
  rescue
    e -> IO.inspect(e)
  end
end

# Membership in a hand-built zero-step range divides by zero, as in Elixir.
zero = %{(1..5) | step: 0}
for f <- [fn -> 1 in zero end, fn -> Enum.member?(zero, 1) end, fn -> :a in zero end] do
  try do
    IO.inspect(f.())
  rescue
    e -> IO.inspect(e)
  end
end
