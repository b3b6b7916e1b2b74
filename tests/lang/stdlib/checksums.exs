# CRC-32 and Adler-32 over iodata and :binary.bin_to_list, as OTP computes them.
IO.inspect(:erlang.crc32("The quick brown fox jumps over the lazy dog"))
IO.inspect(:erlang.crc32(""))
IO.inspect(:erlang.crc32(["The quick ", ["brown", ?\s] | "fox"]))
IO.inspect(:erlang.crc32(:erlang.crc32("The quick "), "brown fox"))
IO.inspect(:erlang.crc32("The quick brown fox"))
IO.inspect(:erlang.crc32(0, ""))
IO.inspect(:erlang.adler32("Wikipedia"))
IO.inspect(:erlang.adler32(""))
IO.inspect(:erlang.adler32(["Wiki", [?p | "edia"]]))
IO.inspect(:erlang.adler32(:erlang.adler32("Wiki"), "pedia"))
IO.inspect(:erlang.adler32(:binary.copy("abc", 10000)))
IO.inspect(:binary.bin_to_list("abc"))
IO.inspect(:binary.bin_to_list(""))
IO.inspect(:binary.bin_to_list("abcdef", {1, 2}))
IO.inspect(:binary.bin_to_list("abcdef", {6, 0}))
IO.inspect(:binary.bin_to_list("abcdef", {4, -2}))
IO.inspect(:binary.bin_to_list("abcdef", 2, 3))
for f <- [
      fn -> :erlang.crc32(:a) end,
      fn -> :erlang.crc32(-1, "a") end,
      fn -> :erlang.adler32([256]) end,
      fn -> :binary.bin_to_list("abc", {2, 5}) end,
      fn -> :binary.bin_to_list(:a) end
    ] do
  try do
    f.()
  rescue
    e -> IO.inspect(e)
  end
end
