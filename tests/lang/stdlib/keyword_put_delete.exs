# Keyword.put and delete share what they can of the list but must give Elixir's lists:
# every entry of the key goes, the new one comes first, other entries keep their order.
kw = [a: 1, b: 2, a: 3, c: 4, d: 5]
IO.inspect Keyword.put(kw, :a, 9)
IO.inspect Keyword.put(kw, :z, 0)
IO.inspect Keyword.put([], :a, 1)
IO.inspect Keyword.delete(kw, :a)
IO.inspect Keyword.delete(kw, :d)
IO.inspect Keyword.delete(kw, :q)
IO.inspect Keyword.get(kw, :a)
IO.inspect Keyword.get(kw, :q, :default)
IO.inspect Keyword.fetch(kw, :c)
IO.inspect Keyword.fetch(kw, :q)
IO.inspect Keyword.has_key?(kw, :d)
IO.inspect Keyword.put_new(kw, :a, 0)
IO.inspect Keyword.put_new(kw, :e, 0)
r = Enum.reduce(1..1000, [], fn i, acc -> Keyword.put(acc, :"k#{rem(i, 7)}", i) end)
IO.inspect r
try do
  Keyword.put(kw, "a", 1)
rescue
  e -> IO.puts(Exception.format_banner(:error, e) |> String.split("\n") |> hd)
end
try do
  Keyword.delete(:notalist, :a)
rescue
  e -> IO.puts(Exception.format_banner(:error, e) |> String.split("\n") |> hd)
end
# A list still held elsewhere must not change: wholly shared, and shared after a fresh cell.
orig = [a: 1, b: 2, a: 3]
IO.inspect {Keyword.put(orig, :a, 0), orig}
base = [c: 3, a: 1, d: 4]
fresh = [{:a, 2} | [{:b, 2} | base]]
IO.inspect Keyword.put(fresh, :a, 9)
IO.inspect base
IO.inspect Keyword.delete([{:x, 1} | base], :a)
IO.inspect base
# update/update! replace the first entry and drop later ones; a missing key is appended.
kw = [a: 1, b: 2, a: 3, c: 4]
IO.inspect Keyword.update!(kw, :a, &(&1 * 10))
IO.inspect Keyword.update!(kw, :c, &(&1 * 10))
IO.inspect Keyword.update(kw, :b, 0, &(&1 + 1))
IO.inspect Keyword.update(kw, :z, 0, &(&1 + 1))
IO.inspect kw
try do
  Keyword.update!(kw, :z, & &1)
rescue
  e -> IO.inspect(e.__struct__)
end
