# List's tuple-key and index functions, Myers differences, and the less common Map and
# Keyword functions (Map.split/take/filter/reject, Keyword.validate/validate!).

IO.puts("-- List key functions")
IO.inspect(List.keyfind([a: 1, b: 2], :a, 0))
IO.inspect(List.keyfind([a: 1, b: 2], 2, 1))
IO.inspect(List.keyfind([a: 1, b: 2], :c, 0))
IO.inspect(List.keyfind([a: 1, b: 2], :c, 0, :none))
IO.inspect(List.keyfind([{1, 2, 3}, {4, 5, 6}], 6, 2))
IO.inspect(List.keystore([a: 1, b: 2], :a, 0, {:a, 3}))
IO.inspect(List.keystore([a: 1, b: 2], :e, 0, {:e, 3}))
IO.inspect(List.keydelete([a: 1, b: 2], :a, 0))
IO.inspect(List.keydelete([a: 1, b: 2], 2, 1))
IO.inspect(List.keydelete([a: 1, b: 2], :z, 0))
IO.inspect(List.keyreplace([a: 1, b: 2], :a, 0, {:a, 3}))
IO.inspect(List.keyreplace([a: 1, b: 2], :z, 0, {:a, 3}))
IO.inspect(List.keytake([a: 1, b: 2], :a, 0))
IO.inspect(List.keytake([a: 1, b: 2], 2, 1))
IO.inspect(List.keytake([a: 1, b: 2], :c, 0))
IO.inspect(List.keysort([a: 5, b: 1, c: 3], 1))
IO.inspect(List.keysort([a: 5, c: 1, b: 3], 0))
IO.inspect(List.keysort([a: 5, c: 1, b: 3], 0, :asc))
IO.inspect(List.keysort([a: 5, c: 1, b: 3], 0, :desc))
IO.inspect(List.keysort([{1, :x}, {0, :y}, {1, :z}, {0, :w}], 0, :desc))
IO.inspect(List.keysort([{1, :x}, {0, :y}, {1, :z}], 0, fn a, b -> a >= b end))
defmodule ByLength do
  def compare(a, b) do
    cond do
      byte_size(a) < byte_size(b) -> :lt
      byte_size(a) > byte_size(b) -> :gt
      true -> :eq
    end
  end
end

IO.inspect(List.keysort([x: "ccc", y: "a", z: "bb", w: "d"], 1, ByLength))
IO.inspect(List.keysort([x: "ccc", y: "a", z: "bb", w: "d"], 1, {:asc, ByLength}))
IO.inspect(List.keysort([x: "ccc", y: "a", z: "bb", w: "d", v: "eee"], 1, {:desc, ByLength}))
IO.inspect(List.keymember?([a: 5, c: 1, b: 3], :c, 0))

IO.puts("-- List index functions")
IO.inspect(List.pop_at([1, 2, 3], 0))
IO.inspect(List.pop_at([1, 2, 3], 5))
IO.inspect(List.pop_at([1, 2, 3], 5, 10))
IO.inspect(List.pop_at([1, 2, 3], -1))
IO.inspect(List.pop_at([1, 2, 3], -4))
IO.inspect(List.insert_at([1, 2, 3, 4], 2, 0))
IO.inspect(List.insert_at([1, 2, 3], 10, 0))
IO.inspect(List.insert_at([1, 2, 3], -1, 0))
IO.inspect(List.insert_at([1, 2, 3], -10, 0))
IO.inspect(List.update_at([1, 2, 3], 0, &(&1 + 10)))
IO.inspect(List.update_at([1, 2, 3], 10, &(&1 + 10)))
IO.inspect(List.update_at([1, 2, 3], -1, &(&1 + 10)))
IO.inspect(List.update_at([1, 2, 3], -4, &(&1 + 10)))
IO.inspect(List.replace_at([1, 2, 3], -1, 0))

IO.puts("-- myers_difference")
IO.inspect(List.myers_difference([1, 4, 2, 3], [1, 2, 3, 4]))
IO.inspect(List.myers_difference(~c"kitten", ~c"sitting"))
IO.inspect(List.myers_difference([], [1]))
IO.inspect(List.myers_difference([1, 2], []))
IO.inspect(List.myers_difference([1, 2, 3, 4], [1, 2, 3, 4]))
IO.inspect(List.myers_difference(["a", "db", "c"], ["a", "bc"], &String.myers_difference/2))
IO.inspect(String.myers_difference("abc", "adc"))
IO.inspect(String.myers_difference("fox hops over the dog", "fox jumps over the lazy cat"))

IO.puts("-- Map")
IO.inspect(Map.split(%{a: 1, b: 2, c: 3}, [:a, :c, :e]))
IO.inspect(Map.take(%{a: 1, b: 2, c: 3}, [:a, :c, :e]))
IO.inspect(Map.reject(%{one: 1, two: 2, three: 3}, fn {_key, val} -> rem(val, 2) == 1 end))
IO.inspect(Map.filter(%{one: 1, two: 2, three: 3}, fn {_key, val} -> rem(val, 2) == 1 end))
# Map.map/2 is deprecated in 1.14 (a compile-time warning when called directly) but exists.
IO.inspect(function_exported?(Map, :map, 2))
IO.inspect(apply(Map, :map, [%{a: 1, b: 2}, fn {k, v} -> {k, v} end]))

IO.puts("-- Keyword.validate")
IO.inspect(Keyword.validate([one: 1, two: 2], [:one, :two]))
IO.inspect(Keyword.validate([one: 1, two: 2], [:one]))
IO.inspect(Keyword.validate([one: 1], [:one, two: 2]))
IO.inspect(Keyword.validate([], [:one, two: 2, three: 3]))
IO.inspect(Keyword.validate([one: 1, three: 3, four: 4], [:one, two: 2]))
IO.inspect(Keyword.validate([one: 1, one: 2], [:one]))
IO.inspect(Keyword.validate!([one: 1], [:one, two: 2]))

for {kw, values} <- [
      {[one: 1, three: 3], [:one, two: 2]},
      {[one: 1, three: 3, four: 4], [:one, two: 2]},
      {[one: 1, one: 2], [:one]},
      {[{"one", 1}], [:one]},
      {[:one], [:one]},
      {[one: 1], ["one"]}
    ] do
  try do
    IO.inspect(Keyword.validate!(kw, values))
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
