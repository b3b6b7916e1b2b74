# :erlang.term_to_binary/1,2, binary_to_term/1,2 and external_size/1,2: the bytes of the
# external term format (version 131) as OTP 25 writes them, round trips, and the
# ArgumentErrors for malformed input and bad options.

show = fn label, f ->
  try do
    IO.puts("#{label}: #{inspect(f.(), limit: :infinity)}")
  rescue
    e -> IO.puts("#{label}: #{inspect(e.__struct__)} #{inspect(Exception.message(e))}")
  end
end

IO.puts("-- encoding")
for t <- [0, 1, 255, 256, -1, 2_147_483_647, 2_147_483_648, -2_147_483_648, -2_147_483_649,
          9_223_372_036_854_775_807, -9_223_372_036_854_775_808, 123_456_789_012_345_678_901_234_567_890,
          -(2 ** 64), 1.5, -0.0, 0.1, 1.0e300, -2.5e-300,
          :a, :"é", :"日本", :ok, nil, true, false, Enum,
          "abc", "", <<0, 255>>, "héllo",
          [], [1, 2, 3], 'abc', [1, 300], [1 | 2], [:a, "b"], [[]], [1, [2, [3]]],
          {}, {1, 2}, {:ok, {"nested", [1]}},
          %{}, %{a: 1, b: 2}, %{1 => 2, 1.0 => 3, :a => 4, "x" => 5}, %{{1, 2} => [3], [4] => %{5 => 6}},
          &Enum.map/2, &:lists.reverse/1] do
  IO.puts("#{inspect(t)} => #{inspect(:erlang.term_to_binary(t), limit: :infinity)}")
end

IO.puts("-- large shapes (first bytes)")
IO.inspect(:erlang.term_to_binary(List.duplicate(7, 65535)) |> binary_part(0, 6))
IO.inspect(:erlang.term_to_binary(List.duplicate(7, 65536)) |> binary_part(0, 8))
IO.inspect(:erlang.term_to_binary(List.to_tuple(Enum.to_list(1..300))) |> binary_part(0, 8))
IO.inspect(:erlang.term_to_binary(2 ** 2100) |> binary_part(0, 8))
IO.inspect(:erlang.term_to_binary(-(2 ** 2100)) |> byte_size())
IO.inspect(:erlang.term_to_binary(String.to_atom(String.duplicate("x", 255))) |> binary_part(0, 5))
IO.inspect(:erlang.term_to_binary(String.to_atom(String.duplicate("é", 200))) |> binary_part(0, 5))
IO.inspect(:erlang.term_to_binary(String.to_atom(String.duplicate("日", 100))) |> binary_part(0, 5))
IO.inspect(:erlang.term_to_binary(Map.new(1..32, &{&1, -&1})) |> byte_size())

IO.puts("-- options")
IO.inspect(:erlang.term_to_binary(:a, minor_version: 2))
IO.inspect(:erlang.term_to_binary({:"é", [:b]}, minor_version: 2))
IO.inspect(:erlang.term_to_binary(1.5, minor_version: 0))
IO.inspect(:erlang.term_to_binary(0.1, minor_version: 0))
IO.inspect(:erlang.term_to_binary(-1.0e-300, minor_version: 0))
IO.inspect(:erlang.term_to_binary(1.0e300, minor_version: 0))
IO.inspect(:erlang.term_to_binary(:"日本", minor_version: 0))
IO.inspect(:erlang.term_to_binary([1, 2], [:deterministic]))
IO.inspect(:erlang.term_to_binary(1, [:compressed]))
IO.inspect(:erlang.term_to_binary(1, compressed: 0))
IO.inspect(:erlang.term_to_binary(List.duplicate(1, 100), compressed: 0))
show.("bogus option", fn -> :erlang.term_to_binary(1, [:bogus]) end)
show.("not a list", fn -> :erlang.term_to_binary(1, :bogus) end)
show.("improper", fn -> :erlang.term_to_binary(1, [:compressed | :bad]) end)
show.("minor 3", fn -> :erlang.term_to_binary(1, minor_version: 3) end)
show.("level 10", fn -> :erlang.term_to_binary(1, compressed: 10) end)

IO.puts("-- compressed output decodes")
for t <- [List.duplicate(1, 100), String.duplicate("ab", 500), {[1, 2, 3], "hello", :world, %{a: [1, 2]}}, :short] do
  c = :erlang.term_to_binary(t, [:compressed])
  IO.puts("#{inspect(t, limit: 3)}: compressed? #{binary_part(c, 1, 1) == <<80>>} back? #{:erlang.binary_to_term(c) === t}")
  c9 = :erlang.term_to_binary(t, compressed: 9)
  IO.puts("  level 9 back? #{:erlang.binary_to_term(c9) === t}")
end

IO.puts("-- external_size")
IO.inspect(:erlang.external_size([1, 2, 3]))
IO.inspect(:erlang.external_size(%{a: "b"}))
IO.inspect(:erlang.external_size(1.0, minor_version: 0))
IO.inspect(:erlang.external_size(:abc, minor_version: 1))
show.("external_size minor 2", fn -> :erlang.external_size(:abc, minor_version: 2) end)
show.("external_size compressed", fn -> :erlang.external_size(:abc, [:compressed]) end)

IO.puts("-- round trips")
for t <- [0, -5, 2 ** 100, -(2 ** 100), 3.25, :atom, :"日本", "bin", [], [1, 2], [1 | 2], 'chars', List.duplicate(0, 70000),
          {}, {1, [2, {3}]}, %{a: %{b: [1.0, 1]}}, [nil, true, false],
          &Enum.map/2] do
  IO.puts("#{inspect(t, limit: 4)} #{:erlang.binary_to_term(:erlang.term_to_binary(t)) === t}")
end
big_map = Map.new(1..50, &{&1, Integer.to_string(&1)})
IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary(big_map)) === big_map)
deep = Enum.reduce(1..100_000, [], fn _, acc -> [acc] end)
IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary(deep)) == deep)
deep_tuple = Enum.reduce(1..100_000, 0, fn _, acc -> {acc} end)
IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary(deep_tuple)) == deep_tuple)
IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary(&Enum.sum/1)).([1, 2, 3]))
# An anonymous function decodes in the run that encoded it, with its captured values.
factor = 7
times = fn x -> x * factor end
IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary(times)).(6))
IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary({:f, [times]}, [:compressed])) |> elem(1) |> hd() |> then(& &1.(2)))

IO.puts("-- decoding what OTP writes")
show.("trailing bytes", fn -> :erlang.binary_to_term(<<131, 97, 1, 99>>) end)
show.("used", fn -> :erlang.binary_to_term(<<131, 97, 1, 99>>, [:used]) end)
show.("safe existing", fn -> :erlang.binary_to_term(<<131, 100, 0, 2, "ok">>, [:safe]) end)
show.("safe used", fn -> :erlang.binary_to_term(<<131, 104, 1, 97, 7>>, [:safe, :used]) end)
show.("bit binary 8", fn -> :erlang.binary_to_term(<<131, 77, 0, 0, 0, 1, 8, 255>>) end)
show.("bit binary empty", fn -> :erlang.binary_to_term(<<131, 77, 0, 0, 0, 0, 0>>) end)
show.("small big 0", fn -> :erlang.binary_to_term(<<131, 110, 0, 0>>) end)
show.("small big 1", fn -> :erlang.binary_to_term(<<131, 110, 2, 0, 1, 0>>) end)
show.("small big max", fn -> :erlang.binary_to_term(<<131, 110, 8, 0, 255, 255, 255, 255, 255, 255, 255, 127>>) end)
show.("small big min", fn -> :erlang.binary_to_term(<<131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128>>) end)
show.("big sign 2", fn -> :erlang.binary_to_term(<<131, 110, 1, 2, 5>>) end)
show.("large big", fn -> :erlang.binary_to_term(<<131, 111, 0, 0, 0, 1, 1, 5>>) end)
show.("small atom", fn -> :erlang.binary_to_term(<<131, 115, 3, "foo">>) end)
show.("atom utf8", fn -> :erlang.binary_to_term(<<131, 118, 0, 3, "foo">>) end)
show.("small atom utf8", fn -> :erlang.binary_to_term(<<131, 119, 2, 195, 169>>) end)
show.("latin1 atom", fn -> :erlang.binary_to_term(<<131, 100, 0, 2, 195, 169>>) end)
show.("float text", fn -> :erlang.binary_to_term(<<131, 99, "1.50000000000000000000e+00", 0, 0, 0, 0, 0>>) end)
show.("float text short", fn -> :erlang.binary_to_term(<<131, 99, "-1.25e-3", 0::size(184)>>) end)
show.("float text comma", fn -> :erlang.binary_to_term(<<131, 99, "2,5", 0::size(224)>>) end)
show.("improper len 0", fn -> :erlang.binary_to_term(<<131, 108, 0, 0, 0, 0, 97, 1>>) end)
show.("large tuple", fn -> :erlang.binary_to_term(<<131, 105, 0, 0, 0, 2, 97, 1, 97, 2>>) end)
show.("export", fn -> :erlang.binary_to_term(<<131, 113, 100, 0, 11, "Elixir.Enum", 100, 0, 3, "sum", 97, 1>>).([4, 5]) end)
show.("export int arity", fn -> :erlang.binary_to_term(<<131, 113, 100, 0, 4, "Enum", 100, 0, 3, "map", 98, 0, 0, 0, 2>>) end)
show.("zlib", fn -> :erlang.binary_to_term(<<131, 80, 0, 0, 0, 103, 120, 156, 203, 102, 72, 97, 164, 3, 0, 0, 102, 162, 1, 52>>) |> length() end)
show.("zlib used", fn -> :erlang.binary_to_term(<<131, 80, 0, 0, 0, 103, 120, 156, 203, 102, 72, 97, 164, 3, 0, 0, 102, 162, 1, 52, 1, 2>>, [:used]) |> elem(1) end)
show.("zlib from OTP", fn -> :erlang.binary_to_term(<<131, 80, 0, 0, 0, 154, 120, 156, 203, 96, 203, 102, 96, 102, 100, 98, 206,
  101, 96, 96, 96, 205, 72, 205, 201, 201, 79, 97, 96, 45, 207, 47, 202, 73,
  113, 179, 255, 193, 0, 6, 37, 64, 204, 152, 194, 192, 152, 152, 205, 192, 196,
  200, 4, 82, 152, 146, 152, 68, 123, 8, 0, 141, 121, 48, 9>>) end)

IO.puts("-- malformed input")
for {label, bin} <- [
      {"empty", <<>>},
      {"no version", "abc"},
      {"version 130", <<130, 97, 1>>},
      {"truncated", <<131, 97>>},
      {"truncated int", <<131, 98, 0, 0>>},
      {"unknown tag", <<131, 1>>},
      {"duplicate map keys", <<131, 116, 0, 0, 0, 2, 97, 1, 97, 1, 97, 1, 97, 2>>},
      {"partial byte", <<131, 77, 0, 0, 0, 1, 0, 0>>},
      {"bad utf8 atom", <<131, 119, 2, 195, 40>>},
      {"long atom", <<131, 100, 1, 0, String.duplicate("a", 256)::binary>>},
      {"long utf8 atom", <<131, 118, 1, 0, String.duplicate("a", 256)::binary>>},
      {"float text garbage", <<131, 99, "abc", 0::size(224)>>},
      {"float text spaces", <<131, 99, "  1.5", 0::size(208)>>},
      {"float text no point", <<131, 99, "15", 0::size(232)>>},
      {"float text exponent only", <<131, 99, "1e5", 0::size(224)>>},
      {"float text inf", <<131, 99, "inf", 0::size(224)>>},
      {"infinity", <<131, 70, 127, 240, 0, 0, 0, 0, 0, 0>>},
      {"nan", <<131, 70, 127, 248, 0, 0, 0, 0, 0, 0>>},
      {"short string", <<131, 107, 0, 3, 1, 2>>},
      {"huge list", <<131, 108, 255, 255, 255, 255, 97, 1>>},
      {"huge binary", <<131, 109, 255, 255, 255, 255, 97, 1>>},
      {"huge tuple", <<131, 105, 255, 255, 255, 255>>},
      {"huge map", <<131, 116, 255, 255, 255, 255>>},
      {"huge big", <<131, 111, 255, 255, 255, 255, 0, 1>>},
      {"missing tail", <<131, 108, 0, 0, 0, 1, 97, 1>>},
      {"export bad arity", <<131, 113, 100, 0, 4, "Enum", 100, 0, 3, "map", 100, 0, 1, "x">>},
      {"export not atom", <<131, 113, 97, 1, 100, 0, 3, "map", 97, 2>>},
      {"zlib wrong size", <<131, 80, 0, 0, 0, 104, 120, 156, 203, 102, 72, 97, 164, 3, 0, 0, 102, 162, 1, 52>>},
      {"zlib truncated", <<131, 80, 0, 0, 0, 103, 120, 156, 203>>},
      {"zlib garbage", <<131, 80, 0, 0, 0, 3, 120, 156, 75, 4, 0, 0, 98, 0, 98>>},
      {"zlib huge size", <<131, 80, 255, 255, 255, 255, 120, 156, 203>>},
      {"deep and cut", :erlang.list_to_binary([131 | List.duplicate([108, 0, 0, 0, 1], 100_000)])}
    ] do
  show.(label, fn -> :erlang.binary_to_term(bin) end)
end
show.("not a binary", fn -> :erlang.binary_to_term(:abc) end)
show.("unsafe atom", fn -> :erlang.binary_to_term(<<131, 100, 0, 9, "zq_no_such">>, [:safe]) end)
show.("unsafe nested", fn -> :erlang.binary_to_term(<<131, 104, 1, 100, 0, 9, "zq_no_such">>, [:safe]) end)
show.("bad option", fn -> :erlang.binary_to_term(<<131, 97, 1>>, [:bogus]) end)
show.("options not a list", fn -> :erlang.binary_to_term(<<131, 97, 1>>, :bogus) end)
