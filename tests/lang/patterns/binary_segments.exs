# Binary patterns and construction with segment types: integers of any whole-byte size,
# signed and little-endian; floats; utf8/16/32; binary-size(n) with literal and variable
# sizes; and the errors construction raises.
defmodule Bin do
  # A length-prefixed frame: the size comes from a field matched earlier in the pattern.
  def frames(<<len::16, body::binary-size(len), rest::binary>>, acc), do: frames(rest, [body | acc])
  def frames(<<>>, acc), do: Enum.reverse(acc)
  def frames(other, _acc), do: {:truncated, other}

  def chars(<<c::utf8, rest::binary>>, acc), do: chars(rest, [c | acc])
  def chars(<<>>, acc), do: Enum.reverse(acc)
  def chars(<<b, _::binary>>, _acc), do: {:invalid, b}

  # A walk over 1 MB, byte by byte: each `rest` must not copy what remains.
  def sum(<<b, rest::binary>>, acc), do: sum(rest, acc + b)
  def sum(<<>>, acc), do: acc

  def header(<<"GIF", v::binary-size(3), w::little-16, h::little-size(16), _::binary>>), do: {v, w, h}
  def header(_), do: :not_a_gif
end

IO.inspect(<<1, 2>> <> <<300::16>>)
IO.inspect(<<-1::signed-32>>)
IO.inspect(<<-1::32>>)
<<a::signed-16, b::little-unsigned-16, c::32>> = <<255, 254, 1, 0, 0, 0, 1, 44>>
IO.inspect({a, b, c})
<<x::float, y::float-32>> = <<1.5::float, 2.25::float-32>>
IO.inspect({x, y})
<<big::size(72)>> = <<255, 255, 255, 255, 255, 255, 255, 255, 255>>
IO.inspect(big)
<<sbig::signed-size(72)>> = <<128, 0, 0, 0, 0, 0, 0, 0, 1>>
IO.inspect(sbig)

msg = <<5::16, "hello", 3::16, "abc">>
IO.inspect(Bin.frames(msg, []))
IO.inspect(Bin.frames(<<5::16, "hel">>, []))
IO.inspect(Bin.chars("héllo, wörld ☃ 😀", []))
IO.inspect(Bin.chars(<<104, 255, 105>>, []))
IO.inspect(Bin.header(<<"GIF89a", 10, 0, 20, 0, "rest">>))
IO.inspect(Bin.header("PNG"))

n = 3
<<head::binary-size(n), tail::binary>> = "abcdef"
IO.inspect({head, tail})
<<first::binary-size(2), _::binary-size(2), last::binary>> = "abcdef"
IO.inspect({first, last})
<<p::size(n)-unit(8), _::binary>> = <<0, 1, 2, 3>>
IO.inspect(p)

big = String.duplicate("ab", 500_000)
IO.inspect(Bin.sum(big, 0))

IO.inspect(<<"é"::utf8, 0x1F600::utf16, ?a::utf32-little>>)
IO.inspect(<<"hi"::utf16>>)
<<u16::utf16, u32::utf32>> = <<0x1F600::utf16, 0x2603::utf32>>
IO.inspect({u16, u32})
IO.inspect(<<1::size(n)-unit(8), "x"::binary, 7::little-32>>)
IO.inspect(<<256, 257, -1>>)

case <<1, 2, 3>> do
  <<_::binary-size(4)>> -> IO.puts("four")
  <<_::binary-size(2), x>> -> IO.inspect({:two_then, x})
end

for v <- [<<0, 0, 0, 42>>, <<42>>, "abc"] do
  case v do
    <<i::32>> -> IO.inspect({:int32, i})
    <<i>> -> IO.inspect({:byte, i})
    _ -> IO.inspect({:other, v})
  end
end

try_it = fn f ->
  try do
    f.()
  rescue
    e -> IO.inspect(e)
  end
end

s = "ab"
neg = -1
fl = 1.5
try_it.(fn -> <<s>> end)
try_it.(fn -> <<s::binary-size(3)>> end)
try_it.(fn -> <<neg::utf8>> end)
try_it.(fn -> <<fl::integer>> end)
try_it.(fn -> <<1, 2, fl::size(16)>> end)
try_it.(fn -> <<s::float>> end)
try_it.(fn -> <<0xD800::utf8>> end)
import Bitwise
try_it.(fn -> <<(1 <<< 2000)::float>> end)
