# Regenerates src/term/inspect_tests_gen.rs: each case is evaluated by the real Elixir, and
# both the term (as a full-fidelity literal the Rust test parser reads back) and the text
# Elixir printed are recorded.  Run: elixir tests/tools/gen_inspect_tests.exs > src/term/inspect_cases.rs
cases = [
  # integers and floats
  {:inspect, "0"}, {:inspect, "-42"}, {:inspect, "123456789012345678901234567890"},
  {:inspect, "-98765432109876543210"},
  {:inspect, "0.1 + 0.2"}, {:inspect, "2.5"}, {:inspect, "1.0e20"}, {:inspect, "1.0e-5"},
  {:inspect, "100.0"}, {:inspect, "1.0e15"}, {:inspect, "1.0e16"}, {:inspect, "9007199254740993.0"},
  {:inspect, "1.2345678901234567e19"}, {:inspect, "0.0001"}, {:inspect, "0.00012"}, {:inspect, "0.001"},
  {:inspect, "-0.0"}, {:inspect, "5.0e-324"}, {:inspect, "1.7976931348623157e308"}, {:inspect, "123.456"},
  {:inspect, "-1.5e-7"}, {:inspect, "1234567.125"}, {:inspect, "1.0e100"},
  {:to_string, "1000.0"}, {:to_string, "1.0e15"}, {:to_string, "1.5e3"}, {:to_string, "1250.0"},
  {:to_string, "0.1"}, {:to_string, "4503599627370496.0"}, {:to_string, "9007199254740992.0"},
  {:to_string, "123"}, {:to_string, ":ok"}, {:to_string, "nil"}, {:to_string, "true"}, {:to_string, "IO"},
  {:to_string, "[104, 105]"}, {:to_string, "[104, [\"i\", ?!], \"x\"]"}, {:to_string, "[?a | \"bc\"]"},
  {:to_string, "[955, 8364]"}, {:to_string, "\"héllo\""}, {:to_string, "-12345678901234567890123"},
  # atoms
  {:inspect, ":ok"}, {:inspect, ":\"with space\""}, {:inspect, ":\"foo-bar\""}, {:inspect, ":foo?"},
  {:inspect, ":\"1a\""}, {:inspect, "true"}, {:inspect, "nil"}, {:inspect, "IO"}, {:inspect, "Foo.Bar"},
  {:inspect, ":Elixir"}, {:inspect, ":\"Elixir.foo\""}, {:inspect, ":foo@bar"}, {:inspect, ":Foo"},
  {:inspect, ":\"\""}, {:inspect, ":\"a\\\"b\""}, {:inspect, ":ölf"}, {:inspect, ":_"},
  {:inspect, ":\"ok?x\""}, {:inspect, ":\"\\n\""}, {:inspect, ":erlang"},
  # strings and binaries
  {:inspect, "\"hello\""}, {:inspect, "\"a\\nb\\tc\""}, {:inspect, "\"quote \\\" and \\\\ back\""},
  {:inspect, "\"interp \\\#{x}\""}, {:inspect, "\"héllo wörld ✓ 😀\""}, {:inspect, "<<255, 1>>"},
  {:inspect, "<<0, 1, 2>>"}, {:inspect, "\"a\\0b\""}, {:inspect, "\"\""}, {:inspect, "\"\\e[0m \\a \\d \\v \\f \\b \\r\""},
  {:inspect, "\"\\uFEFF\""}, {:inspect, "\"# not interp {\""},
  {:inspect, "String.duplicate(\"ab\", 2100)"}, {:inspect, ":binary.copy(<<200>>, 60)"},
  {:io, ":binary.copy(<<200>>, 60)"}, {:io, ":binary.copy(<<7>>, 30)"},
  {:inspect, "\"é\" <> <<255>>"},
  # lists
  {:inspect, "[]"}, {:inspect, "[1, 2]"}, {:inspect, "[1 | 2]"}, {:inspect, "[1, 2 | :a]"},
  {:inspect, "[a: 1, b: 2]"}, {:inspect, "[{:a, 1}, 2]"}, {:inspect, "[\"my key\": 1, \"Elixir.Foo\": 2]"},
  {:inspect, "[{:a, 1}, {Foo, 2}]"}, {:inspect, "[nil: 1, true: 2, +: 3, \"::\": 4, Foo: 5]"},
  {:inspect, "[{:a, 1} | {:b, 2}]"},
  {:inspect, "'abc'"}, {:inspect, "'a\\nb\\e'"}, {:inspect, "[7, 8, 9, 10, 11, 12, 13, 27]"}, {:inspect, "[6]"},
  {:inspect, "[127]"}, {:inspect, "[31]"}, {:inspect, "[233]"}, {:inspect, "'it\\'s \\\#{x}'"},
  {:inspect, "[?a | ?b]"}, {:inspect, "String.to_charlist(String.duplicate(\"x\", 4100))"},
  {:inspect, "Enum.to_list(1..100)"}, {:io, "Enum.to_list(1..100)"}, {:io, "Enum.to_list(1..40)"},
  {:io_infinity, "Enum.to_list(1..100)"},
  {:io, "Enum.map(1..10, &String.duplicate(\"s\", &1 * 2))"},
  {:io, "Enum.map(1..8, fn i -> [i, i * 2, i * 3] end)"},
  {:io, "Enum.map(1..3, fn i -> Enum.to_list(i..(i + 30)) end)"},
  {:io, "[1, 2, 3 | Enum.to_list(1..30) |> Enum.map(&Integer.to_string/1) |> Enum.join()]"},
  {:io, "Enum.to_list(1..30) ++ [[1, 2]]"}, {:io, "[[1, 2] | Enum.to_list(1..30)]"},
  {:io, "Enum.map(1..30, fn i -> {i, i} end)"},
  {:io, "[Enum.to_list(1..100), Enum.to_list(1..100)]"},
  {:io, "Enum.reduce(1..60, [], fn _, acc -> [acc] end)"},
  {:io, "Enum.reduce(1..60, [], fn i, acc -> [i, acc] end)"},
  {:io, "Enum.map(1..30, &:\"atom_\#{&1}\")"},
  {:io, "for i <- 1..12, do: {:\"key\#{i}\", \"value \#{i}\"}"},
  {:io, "for i <- 1..3, do: {:\"key\#{i}\", Enum.to_list(1..30)}"},
  {:io, "[String.duplicate(\"x\", 100)]"}, {:io, "[String.duplicate(\"x\", 100), 1]"},
  {:io, "[1, String.duplicate(\"x\", 100), 2]"},
  # tuples
  {:inspect, "{}"}, {:inspect, "{1, :a, \"b\"}"}, {:io, "List.to_tuple(Enum.to_list(1..60))"},
  {:io, "{Enum.to_list(1..30), Enum.to_list(1..30)}"},
  {:io, "Enum.reduce(1..60, 0, fn _, acc -> {acc} end)"},
  {:io, "Enum.reduce(1..40, 0, fn i, acc -> {i, acc} end)"},
  {:io, "{:ok, %{name: String.duplicate(\"n\", 40), items: Enum.to_list(1..20)}}"},
  {:io, "{:error, String.duplicate(\"e\", 90)}"},
  # maps
  {:inspect, "%{}"}, {:inspect, "%{a: 1, b: 2}"}, {:inspect, "%{\"k\" => 1, :a => 2}"},
  {:inspect, "%{1 => 2, a: 3}"}, {:inspect, "%{IO => 1}"}, {:inspect, "%{{1, 2} => [3], [4] => %{}}"},
  {:inspect, "%{\"my key\": 1, ok?: 2}"}, {:inspect, "%{1.0 => :f, 1 => :i}"},
  {:io, "Map.new(1..20, fn i -> {:\"k\#{i}\", i} end)"},
  {:io, "Map.new(1..20, fn i -> {i, Integer.to_string(i)} end)"},
  {:io, "Map.new(1..32, fn i -> {i, i} end)"},
  {:io, "%{a: %{b: %{c: Enum.to_list(1..30)}}, d: [x: 1, y: 2]}"},
  {:io, "%{users: [%{name: \"alice\", roles: [:admin, :dev], age: 30}, %{name: \"bob\", roles: [], age: 25}]}"},
  {:io, "Enum.reduce(1..60, 0, fn _, acc -> %{a: acc} end)"},
  {:pretty, "%{a: %{b: %{c: Enum.to_list(1..30)}}, d: [x: 1, y: 2]}"},
  {:inspect, "%{a: %{b: %{c: Enum.to_list(1..30)}}, d: [x: 1, y: 2]}"},
  # structs (literal printed with structs: false)
  {:inspect, "%RuntimeError{message: \"oops\"}"}, {:inspect, "%KeyError{key: :a, term: %{}}"},
  {:inspect, "%{__struct__: RuntimeError, a: 1}"}, {:inspect, "%CondClauseError{}"},
  {:inspect, "1..10"}, {:inspect, "1..10//2"}, {:inspect, "10..1//-1"}, {:inspect, "1..0//1"},
  {:inspect, "[1..2, 3]"}, {:io, "%MatchError{term: Enum.to_list(1..40)}"},
  {:io, "Enum.map(1..10, fn i -> i..(i * 100) end)"},
  # more layout: unicode widths (bytes count), binaries that break, mixed nesting
  {:io, "Enum.map(1..12, fn _ -> \"héllo\" end)"},
  {:io, "{:data, :binary.copy(<<1, 2, 3>>, 20), :end}"},
  {:io, "[ok: {:tuple, String.duplicate(\"t\", 70)}, list: [1, 2, 3]]"},
  {:io, "{[a: 1, b: String.duplicate(\"b\", 70)], %{1 => 2}}"},
  {:io, "%KeyError{key: :some_key, term: Map.new(1..8, &{&1, &1}), message: String.duplicate(\"m\", 30)}"},
  {:io, "[%{a: 1}, %{b: 2}, %{c: String.duplicate(\"c\", 80)}]"},
  {:io, "[1.5, 2.25, 3.125, 4.0e20, -0.5, 1.0e-10, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0]"},
  {:io, "{1, 2, 3, [4, 5, 6], 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25}"},
  {:io, "[:a, 'chars', \"str\", 1..2, {}, [], %{}, 1.0, String.duplicate(\"z\", 50)]"},
  {:inspect, "String.duplicate(\"é\", 4097)"},
  {:io, "[[[[[[[[[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]]]]]]]]]]"},
]

defmodule Gen do
  def lit(term) do
    inspect(term, structs: false, charlists: :as_lists, binaries: :as_binaries,
      limit: :infinity, printable_limit: :infinity, width: :infinity)
  end
  def rs(s) do
    hashes = Enum.find(1..10, fn n -> not String.contains?(s, "\"" <> String.duplicate("#", n)) end)
    h = String.duplicate("#", hashes)
    "r#{h}\"#{s}\"#{h}"
  end
end

IO.puts "//! Generated by tests/tools/gen_inspect_tests.exs from Elixir #{System.version()}; do not edit."
IO.puts "//! Each case: how it is printed, the term as a literal, what Elixir printed.\n"
IO.puts "pub const CASES: &[(&str, &str, &str)] = &["
for {mode, expr} <- cases do
  {term, _} = Code.eval_string(expr)
  out =
    case mode do
      :inspect -> inspect(term)
      :pretty -> inspect(term, pretty: true)
      :io -> term |> Inspect.Algebra.to_doc(Inspect.Opts.new([])) |> Inspect.Algebra.group() |> Inspect.Algebra.format(80) |> IO.iodata_to_binary()
      :io_infinity -> term |> Inspect.Algebra.to_doc(Inspect.Opts.new(limit: :infinity)) |> Inspect.Algebra.group() |> Inspect.Algebra.format(80) |> IO.iodata_to_binary()
      :to_string -> to_string(term)
    end
  IO.puts "    // #{String.replace(expr, "\n", " ")}"
  IO.puts "    (\"#{mode}\", #{Gen.rs(Gen.lit(term))}, #{Gen.rs(out)}),"
end
IO.puts "];"
