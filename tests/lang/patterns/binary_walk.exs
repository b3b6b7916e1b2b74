# Walking a binary byte by byte with <<c, rest::binary>>: the rest narrows in place only
# when no one else holds the binary; every other holder keeps seeing all of it.
defmodule Walk do
  def count(<<>>, n), do: n
  def count(<<_c, rest::binary>>, n), do: count(rest, n + 1)

  def sum(<<c, rest::binary>>, acc), do: sum(rest, acc + c)
  def sum(<<>>, acc), do: acc

  # A guard that fails after the byte matched: the next clause sees the whole binary.
  def digits(<<c, rest::binary>>, acc) when c in ?0..?9, do: digits(rest, [c - ?0 | acc])
  def digits(other, acc), do: {Enum.reverse(acc), other}

  # The binary is used again after the match (kept), so it must not be narrowed.
  def pairs(<<c, rest::binary>> = all, acc) when byte_size(all) > 1, do: pairs(rest, [{c, byte_size(all)} | acc])
  def pairs(_, acc), do: Enum.reverse(acc)

  def tokens(<<>>, acc), do: Enum.reverse(acc)
  def tokens(<<" ", rest::binary>>, acc), do: tokens(rest, acc)
  def tokens(<<c, _::binary>> = s, acc) when c in ?a..?z, do: word(s, "", acc)
  def tokens(<<c, rest::binary>>, acc), do: tokens(rest, [<<c>> | acc])

  defp word(<<c, rest::binary>>, w, acc) when c in ?a..?z, do: word(rest, w <> <<c>>, acc)
  defp word(rest, w, acc), do: tokens(rest, [w | acc])
end

big = :binary.copy("abcdefghij", 10_000)
IO.inspect {Walk.count(big, 0), Walk.sum(big, 0), byte_size(big), binary_part(big, 0, 12)}
part = binary_part(big, 5, 50)
IO.inspect {Walk.count(part, 0), part, Walk.sum(part, 0), part}
IO.inspect Walk.digits("12345abc", [])
IO.inspect Walk.digits(binary_part(:binary.copy("9876x", 100), 0, 300), []) |> elem(0) |> length()
IO.inspect Walk.pairs("hello", [])
IO.inspect Walk.tokens("let x1 = foo + 42", [])
pid = spawn(fn -> receive do {:walk, b, from} -> send(from, {:done, Walk.count(b, 0)}) end end)
send(pid, {:walk, big, self()})
IO.inspect Walk.sum(big, 0)
receive do
  {:done, n} -> IO.inspect {n, byte_size(big), binary_part(big, 99_990, 10)}
end
# A char in a range, with constant and computed operands.
IO.inspect Enum.filter(~c"a1b2-9", &(&1 in ?0..?9))
IO.inspect {5 in 1..10//2, 4 in 1..10//2, -3 in -5..-1, 3 in 10..1, 3.0 in 1..5, :a in 1..5}
lo = Enum.random([2])
IO.inspect {3 in lo..4, 1 in lo..4}
