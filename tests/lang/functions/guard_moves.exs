# Functions whose guards may raise (elem/2, arithmetic, map_size/1) still pass their
# arguments on as last uses; a failing or raising guard leaves them intact for the next
# clause, and a value someone else holds is never changed.

defmodule G do
  def bump(t, i) when elem(t, 0) == :rec, do: put_elem(t, i, elem(t, i) + 1)
  def bump(t, _i), do: {:not_a_rec, t}

  def fill(t, i, n) when i * 1 >= n, do: t
  def fill(t, i, n), do: fill(put_elem(t, i, i * i), i + 1, n)

  def add(m, k) when map_size(m) < 3, do: Map.put(m, k, true)
  def add(m, k) when hd(m) == 1, do: {:never, k}
  def add(m, _k), do: {:full, m}

  def first(l) when hd(l) > 0, do: {:positive, l}
  def first(l), do: {:other, l}
end

r = {:rec, 1, 2}
IO.inspect(G.bump(r, 1))
IO.inspect(r)
IO.inspect(G.bump({:other, 5}, 1))

t = Tuple.duplicate(0, 6)
IO.inspect(G.fill(t, 0, 6))
IO.inspect(t)
IO.inspect(G.fill(Tuple.duplicate(:x, 4), 1, 4))

m = %{a: 1}
m2 = G.add(m, :b)
IO.inspect({m, m2})
IO.inspect(G.add(%{a: 1, b: 2, c: 3}, :d))

# hd/1 raises on [] inside the guard: the next clause still sees the list.
IO.inspect(G.first([]))
IO.inspect(G.first([1, 2]))
IO.inspect(G.first([-1]))

# A loop threading a tuple through a guarded function, with the start kept aside.
start = Tuple.duplicate(0, 10)
done = Enum.reduce(1..5, start, fn k, acc -> G.fill(acc, k, k + 3) end)
IO.inspect({start, done})
