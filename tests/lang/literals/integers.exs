# Integer literals in all their spellings
IO.puts 42
IO.puts -7
IO.puts 1_000_000
IO.puts 0x1F
IO.puts 0xFF
IO.puts 0b1010
IO.puts 0o777
IO.puts ?a
IO.inspect 0
IO.inspect -0
IO.inspect 123_456_789
IO.inspect [1, -2, 0x10, 0b11, 0o10]
IO.puts 10 + 20 * 3
IO.puts (10 + 20) * 3
IO.puts div(17, 5)
IO.puts rem(17, 5)
IO.puts rem(-17, 5)
IO.puts div(-17, 5)
IO.inspect is_integer(5)
IO.inspect is_integer(5.0)
