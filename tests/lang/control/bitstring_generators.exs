# Bitstring generators in `for`: typed and multi-segment, with filters, `into:` and
# `reduce:`; a trailing part too short for a whole run is skipped.
IO.inspect(for <<ch <- "abc">>, do: ch)
IO.inspect(for <<c::utf8 <- "héllo">>, do: c)
IO.inspect(for <<r::8, g::8 <- <<1, 2, 3, 4, 5>> >>, do: r + g)
IO.inspect(for <<x::16 <- <<1, 0, 2, 0, 9>> >>, x > 300, do: x)
IO.inspect(for <<x::16-little <- <<1, 0, 2, 0>> >>, do: x)
IO.inspect(for <<x::signed-8 <- <<255, 1>> >>, do: x)
IO.inspect(for <<f::float-32 <- <<63, 128, 0, 0>> >>, do: f)
IO.inspect(for <<w::binary-size(2) <- "abcdefg">>, do: w)
IO.inspect(for <<ch <- "abc">>, into: "", do: <<ch + 1>>)
IO.inspect(for <<c::utf8 <- "añb">>, into: "", do: String.upcase(<<c::utf8>>))
IO.inspect(for <<ch <- "hello">>, reduce: 0 do
  acc -> acc * 31 + ch
end)
IO.inspect(for <<ch <- "abc">>, x <- [1, 2], do: {ch, x})
IO.inspect(for <<a::4, b::4 <- "">>, do: {a, b})
IO.inspect(for <<1, c <- <<1, 65, 2, 66, 1, 67>> >>, do: c)
