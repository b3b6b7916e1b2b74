# Erlang's :binary functions and the iodata sizes.
b = "hello, world, hello"
IO.inspect :binary.copy("ab", 3)
IO.inspect :binary.copy("x")
IO.inspect {:binary.first(b), :binary.last(b), :binary.at(b, 4)}
IO.inspect :binary.part(b, 7, 5)
IO.inspect :binary.part(b, {7, 5})
IO.inspect :binary.part(b, 5, -5)
IO.inspect :binary.split(b, ", ")
IO.inspect :binary.split(b, ", ", [:global])
IO.inspect :binary.split(b, [",", "o"], [:global])
IO.inspect :binary.split("abc", "z")
IO.inspect :binary.match(b, "world")
IO.inspect :binary.match(b, ["lo", "l"])
IO.inspect :binary.match(b, "zz")
IO.inspect :binary.matches(b, "hello")
IO.inspect :binary.replace(b, "hello", "bye")
IO.inspect :binary.replace(b, "hello", "bye", [:global])
IO.inspect :binary.decode_unsigned(<<1, 0>>)
IO.inspect :binary.decode_unsigned(<<1, 0>>, :little)
IO.inspect :binary.decode_unsigned(<<255, 255, 255, 255, 255, 255, 255, 255, 255>>)
IO.inspect :binary.encode_unsigned(258)
IO.inspect :binary.encode_unsigned(258, :little)
IO.inspect :binary.encode_unsigned(0)
IO.inspect :binary.list_to_bin([104, "i", [33]])
IO.inspect :binary.longest_common_prefix(["foobar", "foobaz", "fox"])
IO.inspect IO.iodata_length(["ab", ?c, ["de"]])
IO.inspect :erlang.iolist_size([<<1, 2>>, 3])
IO.binwrite("written\n")
try do :binary.at("ab", 5) rescue e -> IO.inspect(e) end
try do :binary.part("ab", 1, 5) rescue e -> IO.inspect(e) end
# :binary.split/3 options: :global, :trim, :trim_all and {:scope, {pos, len}}.
for {s, p} <- [{"a,,c,", ","}, {",a,,c,,", ","}, {"", ","}, {",,,", ","}, {"abc", ","}, {"a-b_c--d", ["-", "_"]}],
    opts <- [[], [:global], [:trim], [:trim_all], [:global, :trim], [:global, :trim_all], [:trim, :trim_all]] do
  IO.inspect({s, opts, :binary.split(s, p, opts)})
end
IO.inspect(:binary.split("a,b,c,d", ",", [:global, {:scope, {2, 3}}]))
IO.inspect(:binary.split("a,b,c,d", ",", [{:scope, {2, 3}}]))
IO.inspect(:binary.split("a,b,c,d", ",", [:global, {:scope, {7, -4}}]))
IO.inspect(:binary.split("a,b,c,d", ",", [:global, {:scope, {0, 0}}]))
for bad <- [[:bogus], [{:scope, {5, 10}}], :global, [{:scope, {-1, 2}}]] do
  try do
    :binary.split("a,b", ",", bad)
  rescue
    e -> IO.inspect({bad, e.__struct__})
  end
end
