# Segment sizes that are expressions: `size(n * 8)`, `binary-size(len - 2)`, in patterns
# (with variables bound earlier in the same pattern) and in construction.
defmodule Sizes do
  def double(<<n::8, data::binary-size(n * 2), rest::binary>>), do: {data, rest}
  def minus(<<len::16, body::binary-size(len - 2), _::binary>>), do: body
  def field(n, bin) do
    <<x::size(n * 8), rest::binary>> = bin
    {x, rest}
  end
  def build(n, v), do: <<v::size(n * 8)>>
  def pad(s, width), do: <<s::binary, 0::size((width - byte_size(s)) * 8)>>
  def packet(payload), do: <<byte_size(payload) + 2::16, payload::binary>>
  def words(bin, k) do
    case bin do
      <<w::binary-size(k * 4), more::binary>> -> [w | words(more, k)]
      _ -> [bin]
    end
  end
end

IO.inspect(Sizes.double(<<2, "abcdef">>))
IO.inspect(Sizes.minus(<<0, 5, "xyzw">>))
IO.inspect(Sizes.field(2, <<1, 2, 3>>))
IO.inspect(Sizes.build(2, 258))
IO.inspect(Sizes.build(3, -1))
IO.inspect(Sizes.pad("ab", 5))
IO.inspect(Sizes.packet("hey"))
IO.inspect(Sizes.minus(Sizes.packet("hello")))
IO.inspect(Sizes.words("abcdefghij", 1))
