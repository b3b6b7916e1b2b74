# String functions count and index graphemes: a letter with its combining marks, CR LF,
# emoji sequences and flags are one grapheme each; each byte of invalid UTF-8 is one too.
defmodule Show do
  def row(label, value), do: IO.puts("#{label}: #{inspect(value)}")

  def error(label, f) do
    try do
      row(label, f.())
    rescue
      e -> IO.puts("#{label}: #{inspect(e.__struct__)} #{Exception.message(e)}")
    end
  end
end

accented = "e\u0301te\u0301"
samples = [
  {"ascii", "hello"},
  {"empty", ""},
  {"combining", accented},
  {"precomposed", "\u00e9t\u00e9"},
  {"stacked marks", "a\u0300\u0316b"},
  {"crlf", "a\r\nb\n\r"},
  {"flags", "\u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA}"},
  {"family", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}!"},
  {"skin tone", "\u{1F44B}\u{1F3FD}x"},
  {"hangul jamo", "\u1100\u1161\u11A8\u1100"},
  {"hangul", "한국어"},
  {"devanagari", "नमस्ते"},
  {"leading mark", "\u0301a"},
  {"invalid", <<0xFF, ?a, 0xE2, 0x82, ?e, 0xCC, 0x81>>}
]

for {label, s} <- samples do
  IO.puts("-- #{label}")
  Show.row("length", {String.length(s), length(String.codepoints(s)), byte_size(s)})
  Show.row("graphemes", String.graphemes(s))
  Show.row("codepoints", String.codepoints(s))
  Show.row("reverse", String.reverse(s))
  Show.row("first/last", {String.first(s), String.last(s)})
  Show.row("at", Enum.map([0, 1, 2, -1, -2, 10, -10], &String.at(s, &1)))
  Show.row("slice/3", {String.slice(s, 1, 2), String.slice(s, -2, 2), String.slice(s, 0, 0), String.slice(s, 10, 1)})
  Show.row("slice/2", {String.slice(s, 1..-1), String.slice(s, 0..-1//2), String.slice(s, -2..-1)})
  Show.row("split_at", {String.split_at(s, 1), String.split_at(s, -1)})
  Show.row("next_grapheme", String.next_grapheme(s))
  Show.row("next_codepoint", String.next_codepoint(s))
  Show.row("split on \"\"", String.split(s, ""))
  Show.row("replace \"\"", String.replace(s, "", "|"))
end

IO.puts("-- walking with next_grapheme")

walk = fn walk, s, acc ->
  case String.next_grapheme(s) do
    nil -> Enum.reverse(acc)
    {g, rest} -> walk.(walk, rest, [g | acc])
  end
end

IO.inspect(walk.(walk, accented <> "\r\n!", []))

IO.puts("-- split, replace, pad")
IO.inspect(String.split(accented, "", parts: 3))
IO.inspect(String.split(accented, "", trim: true))
IO.inspect(String.replace(accented, "", "-", global: false))
IO.inspect(String.pad_leading(accented, 5, "x"))
IO.inspect(String.pad_trailing(accented, 5))
IO.inspect(String.pad_trailing("ab", 5, "e\u0301x"))
IO.inspect(String.pad_leading(<<0xFF>>, 3))
IO.inspect(String.pad_leading(accented, 2))

IO.puts("-- reverse keeps invalid bytes in place")
IO.inspect(String.reverse("ab" <> <<0xFF>> <> "cd"))
IO.inspect(String.reverse(<<0xFF>> <> "ab"))
IO.inspect(String.reverse("xe\u0301" <> <<200>>))
IO.inspect(String.reverse("a\r\nb"))

IO.puts("-- jaro_distance compares graphemes")
IO.inspect(String.jaro_distance(accented, "ete"))
IO.inspect(String.jaro_distance("e\u0301", "e"))
IO.inspect(String.jaro_distance("martha", "marhta"))

IO.puts("-- long strings")
long = String.duplicate(accented, 1000)
IO.inspect({String.length(long), byte_size(long)})
IO.inspect(String.slice(long, 2998, 5))
IO.inspect(String.at(long, 2999))
IO.inspect(String.length(String.duplicate("ab\r\n", 1000)))

IO.puts("-- errors")
Show.error("length of an atom", fn -> String.length(Enum.at([:abc], 0)) end)
Show.error("graphemes of a number", fn -> String.graphemes(Enum.at([12], 0)) end)
Show.error("slice with a negative count", fn -> String.slice("abc", 0, Enum.at([-1], 0)) end)
Show.error("at with a float", fn -> String.at("abc", Enum.at([1.0], 0)) end)
