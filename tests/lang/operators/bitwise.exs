# Bitwise: the functions (imported, qualified, and :erlang's), the operators `&&&`, `|||`,
# `<<<`, `>>>`, `~~~` with their precedence, big integers, guards, and an import at the top of
# a script reaching the modules below it.
import Bitwise
IO.inspect({band(12, 10), bor(12, 10), bxor(12, 10), bnot(5), bsl(1, 10), bsr(1024, 3), bsr(-16, 2)})
IO.inspect({Bitwise.band(-1, 255), Bitwise.bsl(1, 70), Bitwise.bsr(Bitwise.bsl(1, 70), 69), :erlang.band(6, 3), :erlang.bxor(1 <<< 64, 1)})
IO.inspect({12 &&& 10, 12 ||| 10, 1 <<< 70, 1024 >>> 3, ~~~5, 5 &&& 3 ||| 8, 1 + 1 <<< 2})
IO.inspect({-1 >>> 100, (1 <<< 100) >>> 98, bsl(5, -1), bsr(5, -1), band(-(1 <<< 80), (1 <<< 81) - 1)})
defmodule H do
  def fnv(<<>>, h), do: h
  def fnv(<<c, rest::binary>>, h), do: fnv(rest, band(bxor(h, c) * 16777619, 0xFFFFFFFF))
  def odd?(x) when band(x, 1) == 1, do: true
  def odd?(_), do: false
  def even?(x) when (x &&& 1) == 0, do: true
  def even?(_), do: false
end
IO.inspect({H.fnv("hello world", 2166136261), H.odd?(7), H.odd?(8), H.even?(10)})
IO.inspect(:">>>")
try do
  band(1.5, 1)
rescue
  e -> IO.inspect(e)
end
# A variable on the left of `<<<` is a shift, not a call; shifts far past any width.
x = 5
IO.inspect({x <<< 2, [x <<< 1], %{a: x >>> 1}, x <<< 0})
IO.inspect({0 <<< 100000000, 1 <<< -100000000, (1 <<< 100) >>> 100000000, -(1 <<< 100) >>> 100000000, -1 >>> 64, -5 >>> 1})
try do
  1 >>> -9223372036854775808
rescue
  e -> IO.inspect(e)
end
