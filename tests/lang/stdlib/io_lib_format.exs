# :io_lib.format/2 and :io.format/1,2,3: control sequences, fields, padding, Erlang term
# syntax, the pretty printer's line breaks, and the errors of bad formats.

s = :io_lib.format("~5..0B|~-8s|~.3f|~p~n", [42, "ab", 1.5, {1, :ok}])
IO.puts(IO.iodata_to_binary(s))

# The shape of the result: characters flat, each ~s/~p one nested element.
IO.inspect(:io_lib.format("abc", []))
IO.inspect(:io_lib.format("~p", [1]))
IO.inspect(:io_lib.format("a~sb", ["xyz"]))
IO.inspect(:io_lib.format("a~sb", [[?x, "yz"]]))
IO.inspect(:io_lib.format(:abc, []))
IO.inspect(:io_lib.format("~s", ["héllo"]))
IO.inspect(:io_lib.format("~ts", ["héllo"]))
IO.puts(:io_lib.format("~ts", ["héllo"]))
IO.inspect(:io_lib.format("~c~c|~tc", [?a, 300, 300]))
IO.inspect(:io_lib.format("~-8s|~8s|~.2s|~5.2s|~-5.2s|~.5s|~5.*s|", ["ab", "ab", "abc", "abc", "abc", "ab", 3, "abc"]))
IO.inspect(:io_lib.format("~5.3.0s|", ["a"]))
IO.inspect(:io_lib.format("~4c|~-4.2c|~3~|~3n", [?x, ?y]))
IO.inspect(:io_lib.format("~i~w", [1, 2]))

# Integers.
IO.puts(:io_lib.format("~b ~B ~.16B ~.16b ~.2B ~8.16.0B ~-8.16.0B ~x ~X ~.16x ~.16X ~.16+ ~.16#",
  [255, 255, 255, 255, 5, 255, 255, 255, '0x', 255, '0x', 255, :a, 255, '0x', 255, 255]))
IO.puts(:io_lib.format("~b ~.16b ~B ~.36B ~x ~.16X", [-255, -255, 123456789012345678901234567890, 35, -10, '0x', 255, :pre]))
IO.puts(:io_lib.format("~8.3.*f|~*.*.xB|", [?_, 1.5, 10, 16, 255]))

# Floats.
IO.puts(:io_lib.format("~e ~f ~g ~.3e ~.3f ~.3g ~10.2f ~-10.2f| ~10.2.0f ~f", [1.5, 1.5, 1.5, 123.456, 123.456, 123.456, 3.14159, 3.14159, 3.14159, -0.0]))
IO.puts(:io_lib.format("~g ~g ~g ~g ~g ~e ~f", [0.1, 0.01, 12345.0, 1.0e10, 1.0e-10, 0.0, 1.0e20]))
IO.puts(:io_lib.format("~10.3f|~-10.3e|~10g|", [3.14159, 31415.9, 0.000123]))
IO.puts(:io_lib.format("~.3f ~.1f ~.2f ~.2f", [2.675, 0.05, 1.005, 99.999]))
for x <- [0.1, 0.5, 1.0e-5, 123456.789, 1.0e15, 9.9999, 0.99999, 5.0e-324, -1.25, 2.5, 1.0e-100] do
  IO.puts(:io_lib.format("~e|~f|~g|~.2e|~.2f|~.2g|~.1g|~12.4e|~-12.4f|~.15g", [x, x, x, x, x, x, x, x, x, x]))
end

# Terms in Erlang syntax.
IO.puts(:io_lib.format("~w ~p ~w ~p ~w", [:"hello world", :Abc, :ok, [], {}]))
IO.puts(:io_lib.format("~p|~w|~p", [%{a: 1, b: [1, 2]}, %{"k" => <<1, 2, 3>>}, [a: 1]]))
IO.puts(:io_lib.format("~p ~p ~p ~p", [true, 1.0, -3, 2.5e-8]))
IO.puts(:io_lib.format("~10w|~-10w|~3w|~10p|~10.3w|~.3w|", [:abc, :abc, 123456, :abc, :abc, :abcdef]))
:io.format("~s|~ts|~p|~tp|~w~n", ["héllo", "héllo", "héllo", "héllo", "héllo"])
:io.format("~p ~tp ~p~n", ['héllo', 'héllo', [1000, 1001]])
:io.format("héllo ~p~n", [:x])
IO.inspect(:io_lib.format("~tp ~tw", [:"日本", :"日本"]))
:io.format("~p ~w~n", [:"日本", :"日本"])
:io.format("~tp ~p~n", ["日本", "日本"])
:io.format("~p ~p ~p ~p~n", [:if, :maybe, :else, :"a@b"])
:io.format("~p ~p ~p ~p~n", [:"a'b", :"a\\b", :"a\nb", :"ß"])
:io.format("~p ~p~n", [[1 | 2], [?a, ?b | ?c]])
:io.format("~p ~p ~p~n", ["a\"b\\c\n\t\e\d\x01", 'a"b', <<0, 255>>])
:io.format("~p~n", [1..3])
:io.format("~w ~p~n", [-0.0, 1.0e100])
:io.format("~s ~w~n", [["a", ?b, 'c'], %{x: [1.5, -2]}])

# Depth limits.
m = %{a: [1, 2, 3], b: {:x, :y, :z}, c: 3}
for d <- 1..5 do
  :io.format("~w: ~W | ~P~n", [d, m, d, m, d])
  :io.format("~w: ~W | ~P~n", [d, {:a, [1, 2, 3], {:b, :c}}, d, {:a, [1, 2, 3], {:b, :c}}, d])
  :io.format("~w: ~W | ~P~n", [d, "abcdefghijklmnop", d, "abcdefghijklmnop", d])
  :io.format("~w: ~W | ~P~n", [d, 'abcdefghijklmn', d, 'abcdefghijklmn', d])
end

# Line breaking.
:io.format("~p~n", [Enum.to_list(1..40)])
:io.format("~p~n", [{:ok, Enum.to_list(1..30), %{a: 1, b: 'xyz'}}])
:io.format("~p~n", [[{:a, Enum.to_list(1..10)}, {:b, 'a long string here to make it wrap around the line'}, %{key: :value, other: Enum.to_list(1..20)}]])
:io.format("~p~n", [:binary.list_to_bin(Enum.to_list(1..40))])
:io.format("~p~n", [{:a_very_long_tag_name_for_testing_purposes_here, Enum.to_list(1..22)}])
:io.format("Result: ~p~n", [%{name: "Alice", roles: [:admin, :editor, :viewer], settings: %{theme: "dark", notifications: true, language: "en"}}])
:io.format("~p~n", [Enum.map(1..12, fn i -> {i, "item #{i}", i * 1.5} end)])
:io.format("~p~n", [%{"a" => Enum.to_list(1..30), "b" => {:x, [1, 2, 3], "hello world this is long enough"}}])
:io.format("~p~n", [{{:a, :b}, {:c, :d}, {:e, :f}, {:g, :h}, {:i, :j}, {:k, :l}, {:m, :n}, {:o, :p}, {:q, :r}, {:s, :t}}])
:io.format("~40p~n", [Enum.to_list(1..40)])
:io.format("~p~n", [Enum.to_list(1..30) ++ [:end | :tail]])
:io.format("~p~n", [{String.duplicate("abc", 30), String.duplicate("xyz", 30)}])
:io.format("~P~n", [Enum.to_list(1..100), 10])
:io.format("~P~n", [%{a: Enum.to_list(1..100), b: {1, 2, 3, 4}}, 5])
:io.format("~p~n", [%{{:complex, :key} => [1, 2, 3], [1, 2] => %{nested: %{deep: Enum.to_list(1..25)}}}])
:io.format("abcdefghijklmnopqrstuvwxyz ~p~n", [Enum.to_list(1..30)])
:io.format("~p ~p~n", [Enum.to_list(1..25), Enum.to_list(1..25)])

# The other entry points.
IO.inspect(:io.format("x~n"))
IO.inspect(:io.fwrite("x~w~n", [1]))
IO.inspect(:io.format(:standard_io, "dev ~p~n", [1]))
IO.inspect(:io.fwrite(:user, "user ~p~n", [2]))
IO.puts(:io_lib.fwrite("~w", [{1, 2}]))

# Errors.
for {f, a} <- [{"~d", [1]}, {"~p ~p", [1]}, {"~s", [1]}, {"abc", [1]}, {"~5.10s", ["abc"]}, {"~b", [1.0]}, {"~.0f", [1.0]}, {"~-p", [1]}] do
  try do
    IO.inspect(:io_lib.format(f, a))
  rescue
    e -> IO.inspect(e)
  end
end
for {f, a} <- [{"~d", [1]}, {"~p ~p", [1]}, {"~s", [1]}, {"abc", [1]}, {"~5.10s", ["abc"]}, {:abc, []}, {"~b", [1.0]}, {"~p", :notalist}, {"~", []}, {"~5", [1]}, {123, []}] do
  try do
    :io.format(f, a)
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
for dev <- [:nodev, :standard_io] do
  try do
    :io.format(dev, "~d", [1])
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
IO.puts(:io_lib.format("~tp ~tp ~p", [<<208, 177, 200>>, <<208, 177>>, <<208, 177>>]))
for {f, a} <- [{"~x", [1.5, 'a']}, {"~X", [:a, 1]}, {"~c", [1.0]}, {"~lp", [1, 2]}, {"~tlx", [1]}, {"~lt", [1]}, {"~t", [1]},
               {"~.", [1]}, {"~5.3.", [1]}, {"~-s", ["a"]}, {"~*s", ["a"]}, {"~s", [[1, :a]]}, {"~s~s", [[1, :a], 5]}, {"~2+~f", [2.5, [256]]}] do
  try do
    :io.format(f, a)
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
IO.puts(:io_lib.format("~W ~P ~*p|~c", [{1, [2, 3]}, 99999999999999999999, [1, 2], -3, 99999999999999999999, :x, 99999999999999999999]))
