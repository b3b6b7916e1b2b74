# :array: functional arrays in OTP 25's record and tree shapes.

IO.inspect(:array.new())
IO.inspect(:array.new(4))
a = :array.set(3, 42, :array.new(10, default: 0))
IO.inspect(a)
IO.inspect({:array.get(3, a), :array.get(4, a), :array.size(a), :array.default(a)})
IO.inspect(:array.to_list(a))
IO.inspect(:array.sparse_to_list(a))
IO.inspect({:array.to_orddict(a) |> Enum.take(4), :array.sparse_to_orddict(a)})
IO.inspect(:array.reset(3, a) == :array.new(10, default: 0))

# Growable arrays extend as they are written; fixed ones refuse indices past their size.
g = Enum.reduce(0..24, :array.new(), fn i, acc -> :array.set(i, i * i, acc) end)
IO.inspect(g, limit: :infinity)
IO.inspect({:array.size(g), :array.get(24, g), :array.get(1000, g), :array.is_fix(g)})
f = :array.fix(:array.new(5))
IO.inspect({:array.is_fix(f), :array.relax(f), :array.resize(20, f), :array.resize(2, f)})
IO.inspect(:array.set(12_345, :far, :array.new()), limit: :infinity)

l = :array.from_list(Enum.to_list(1..23))
IO.inspect(l, limit: :infinity)
IO.inspect(:array.to_list(l) == Enum.to_list(1..23))
IO.inspect(:array.foldl(fn i, v, acc -> acc + i * v end, 0, l))
IO.inspect(:array.foldr(fn i, v, acc -> [{i, v} | acc] end, [], l) |> Enum.take(3))
IO.inspect(:array.map(fn i, v -> i + v end, :array.from_list([10, 20, 30])))
IO.inspect(:array.get(5, :array.from_list([:a, :b], :none)))

# Sparse functions skip entries that hold the default.
s = :array.set(25, :x, :array.set(2, :y, :array.new()))
IO.inspect(:array.sparse_to_list(s))
IO.inspect(:array.sparse_foldl(fn i, v, acc -> [{i, v} | acc] end, [], s))
IO.inspect(:array.sparse_foldr(fn i, v, acc -> [{i, v} | acc] end, [], s))
IO.inspect(:array.sparse_map(fn i, v -> {i, v} end, s) |> :array.sparse_to_list())
IO.inspect({:array.sparse_size(s), :array.size(s), :array.resize(s) |> :array.size()})
IO.inspect(:array.from_orddict([{0, :a}, {3, :b}, {250, :c}]), limit: :infinity)
IO.inspect(:array.from_orddict([{5, :a}, {1000, :b}], 0) |> :array.sparse_to_orddict())
IO.inspect({:array.is_array(s), :array.is_array({:a, 1})})

# A sieve of Eratosthenes, the common benchmark use.
defmodule Sieve do
  def primes(n) do
    a = :array.new(n + 1, default: true)
    a = mark(2, n, a)
    for i <- 2..n, :array.get(i, a), do: i
  end

  defp mark(i, n, a) when i * i > n, do: a
  defp mark(i, n, a), do: mark(i + 1, n, if(:array.get(i, a), do: cross(i * i, i, n, a), else: a))

  defp cross(j, _i, n, a) when j > n, do: a
  defp cross(j, i, n, a), do: cross(j + i, i, n, :array.set(j, false, a))
end

primes = Sieve.primes(20_000)
IO.inspect({length(primes), Enum.take(primes, 10), List.last(primes)})

for bad <- [fn -> :array.set(5, 1, f) end, fn -> :array.get(5, f) end, fn -> :array.set(-1, 1, g) end, fn -> :array.new(-1, []) end, fn -> :array.size(:x) end] do
  try do
    bad.()
  rescue
    e in ArgumentError -> IO.inspect(e.message)
  end
end
