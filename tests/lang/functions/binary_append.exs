# Building a binary by `<<acc::binary, …>>` and by `"#{acc}…"` appends in place to an
# accumulator no one else holds (as `acc <> x` does), and never changes a binary someone
# else still sees.
defmodule A do
  def bin(0, acc), do: acc
  def bin(n, acc), do: bin(n - 1, <<acc::binary, "ab">>)
  def interp(0, acc), do: acc
  def interp(n, acc), do: interp(n - 1, "#{acc}ab")
  def mixed(0, acc), do: acc
  def mixed(n, acc), do: mixed(n - 1, <<acc::bytes, n::16, "#{n}"::binary>>)
  # The previous version is kept in a list: every append must copy.
  def kept(0, acc, seen), do: {acc, seen}
  def kept(n, acc, seen), do: kept(n - 1, "#{acc}#{n}", [acc | seen])
end
IO.inspect(byte_size(A.bin(300_000, "")))
IO.inspect(byte_size(A.interp(300_000, "")))
IO.inspect(A.mixed(3, "x"))
IO.inspect(A.kept(4, "s", []))
x = "abc"
y = x
z = <<x::binary, "!">>
w = "#{x}?"
IO.inspect({x, y, z, w, <<x::binary, 1, 2>>, <<x::bytes, "d"::binary, ?e>>, "#{x}#{x}"})
n = 5
IO.inspect(<<"#{n}"::binary, n>>)
try do
  <<n::binary, "x">>
rescue
  e -> IO.inspect(e.__struct__)
end
