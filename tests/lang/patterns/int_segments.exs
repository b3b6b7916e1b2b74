# Integer segments of every whole-byte size, both byte orders and both signs, built and
# matched back: small integers take a fast path, wider fields a big-integer one.
vals = [0, 1, -1, 127, -128, 255, 256, -32769, 65535, 16_777_215, -16_777_216,
        4_294_967_295, -2_147_483_649, 0x7FFFFFFFFFFFFFFF, -0x8000000000000000,
        0xFFFFFFFFFFFFFFFF, 0x1_0000_0000_0000_0000, -0x1_0000_0000_0000_0001]
for v <- vals do
  row =
    for bits <- [8, 16, 24, 32, 40, 56, 64, 72] do
      big = <<v::size(bits)>>
      little = <<v::little-size(bits)>>
      <<ub::size(bits)>> = big
      <<sb::signed-size(bits)>> = big
      <<ul::little-size(bits)>> = little
      <<sl::little-signed-size(bits)>> = little
      {big, little, ub, sb, ul, sl}
    end
  IO.inspect({v, row}, limit: :infinity)
end
IO.inspect <<1::16, -1::32-little, 300::8, 65::utf8>>
<<a::24, b::signed-8, rest::binary>> = <<1, 2, 3, 200, "tail">>
IO.inspect {a, b, rest}
