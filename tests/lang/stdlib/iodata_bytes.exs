# iodata is bytes: an integer in it is one byte 0..255 (chardata would encode a code point),
# and a binary may stand as a list's tail.
IO.inspect :erlang.list_to_binary([200, "a", [255, 0]])
IO.inspect IO.iodata_to_binary([200, "a", [255, 0]])
IO.inspect :erlang.iolist_to_binary([200, "a", [255, 0]])
IO.inspect IO.iodata_to_binary(["ab" | "cd"])
IO.inspect IO.iodata_to_binary("plain")
IO.inspect :binary.list_to_bin([1, [2, "x"]])
IO.inspect {IO.iodata_length([200, "a", [255, 0]]), :erlang.iolist_size(["é", 1])}
IO.inspect byte_size(:erlang.list_to_binary(Enum.map(1..1000, &rem(&1, 256))))
# Chardata is where code points belong.
IO.inspect {List.to_string([200, ?a]), IO.chardata_to_string([200, ?a])}
IO.inspect Function.identity(:same)

f = fn g ->
  try do
    IO.inspect(g.())
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
bad = Enum.map([[256], [:a], [-1], ["a" | 1], [1.0]], &Function.identity/1)
for b <- bad do
  f.(fn -> IO.iodata_length(b) end)
  f.(fn -> :erlang.iolist_size(b) end)
  f.(fn -> :erlang.iolist_to_binary(b) end)
  f.(fn -> :erlang.list_to_binary(b) end)
  f.(fn -> IO.iodata_to_binary(b) end)
end
f.(fn -> :erlang.list_to_binary(Function.identity("abc")) end)
f.(fn -> IO.iodata_length(Function.identity(:abc)) end)
f.(fn -> :binary.list_to_bin(Function.identity("abc")) end)
