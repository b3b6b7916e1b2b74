# :erlang.phash/2, the hash OTP's :sets and :dict place their elements by.

terms = [
  0, 1, -1, 255, 256, 2 ** 32, 2 ** 40, -(2 ** 63), 2 ** 64 - 1, 2 ** 200 + 12_345,
  0.0, -0.0, 3.14, -2.5e100,
  :a, :ok, :"héllo", :"日本", :"",
  "", "abc", <<255, 0, 1>>, String.duplicate("ab", 100),
  [], [1, 2], 'hello', [300, 1, "x", [2]], [1 | 2], [:a | :b], [0, 255, 256],
  {}, {1, 2}, {:a, {:b, {:c}}}, {1.5, [2.5]}
]

for t <- terms do
  IO.inspect({t, :erlang.phash(t, 16), :erlang.phash(t, 1000), :erlang.phash(t, 4_294_967_296)}, limit: 5, printable_limit: 10)
end

for range <- [0, -1, 4_294_967_297, :x] do
  try do
    :erlang.phash(:a, range)
  rescue
    e in ArgumentError -> IO.inspect({range, e.message})
  end
end
