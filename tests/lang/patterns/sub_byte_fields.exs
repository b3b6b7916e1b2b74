# Integer fields narrower than a byte, in groups that fill whole bytes: packet headers.
defmodule Bits do
  def ipv4(<<version::4, ihl::4, tos::8, len::16, _id::16, flags::3, frag::13, ttl, proto, rest::binary>>) do
    %{version: version, ihl: ihl, tos: tos, len: len, flags: flags, frag: frag, ttl: ttl, proto: proto, rest: rest}
  end

  def only_v4(<<4::4, _::4, _::binary>>), do: :v4
  def only_v4(<<6::4, _::4, _::binary>>), do: :v6
  def only_v4(_), do: :other

  def signed(<<a::signed-4, b::signed-4>>), do: {a, b}
  def flags(<<fin::1, rsv::3, op::4, mask::1, len::7>>), do: {fin, rsv, op, mask, len}
  def split(<<hi::5, mid::6, lo::5>>), do: {hi, mid, lo}

  def header(version, ihl), do: <<version::4, ihl::4>>
  def frame(fin, op, len), do: <<fin::1, 0::3, op::4, 0::1, len::7>>
end

IO.inspect(Bits.ipv4(<<0x45, 0, 0, 28, 0, 1, 0x40, 0x05, 64, 17, "payload">>))
IO.inspect(Enum.map([<<0x45, 1>>, <<0x60, 1>>, <<0x10>>], &Bits.only_v4/1))
IO.inspect(Bits.signed(<<0xF7>>))
IO.inspect(Bits.flags(<<0x81, 0x85>>))
IO.inspect(Bits.split(<<0xFF, 0xFF>>))
IO.inspect(Bits.split(<<0b10000_000, 0b001_00001>>))
IO.inspect(Bits.header(4, 5))
IO.inspect(Bits.frame(1, 2, 5))
IO.inspect(Bits.frame(1, 17, 300))
IO.inspect(Bits.flags(Bits.frame(1, 9, 127)))
v = Enum.random([5])
IO.inspect(<<1::1, v::7>>)
IO.inspect(<<-1::4, 3::4>>)
r = case <<0xAB, 1>> do
  <<a::4, b::4, rest::binary>> -> {a, b, rest}
  _ -> :nomatch
end
IO.inspect(r)
IO.inspect(for <<hi::4, lo::4 <- <<0x12, 0x34, 0xAB>> >>, do: {hi, lo})
IO.inspect(for <<flag::1, n::7 <- <<0x85, 0x03>> >>, flag == 1, do: n)
