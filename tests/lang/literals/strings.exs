# Strings: interpolation and escapes
name = "World"
IO.puts "Hello, #{name}!"
IO.puts "1 + 2 = #{1 + 2}"
IO.puts "nested #{"inner #{name}"}"
IO.puts "list: #{inspect([1, 2])}"
IO.puts "tab:\there"
IO.puts "newline:\nsecond line"
IO.puts "quote: \"quoted\""
IO.puts "backslash: \\"
IO.puts "unicode: \u00e9 and é"
IO.inspect "tab:\there"
IO.inspect "line\nbreak"
IO.inspect "quote \" inside"
IO.inspect "back\\slash"
IO.inspect "héllo"
IO.inspect ""
IO.inspect "\e[1m"
IO.inspect <<0, 1, 2>>
IO.inspect <<104, 105>>
IO.inspect "a" <> "b" <> "c"
IO.inspect "\#{not interpolated}"
IO.puts "atom: #{:ok}, float: #{2.5}, nil: [#{nil}]"
IO.inspect String.length("héllo")
IO.inspect byte_size("héllo")
IO.inspect is_binary("abc")
IO.inspect "abc" == "abc"
IO.inspect "multi
line"
