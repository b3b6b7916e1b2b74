# put_elem changes a tuple in place only when no one else holds it: every older version a
# variable, a message, a constant or another process still sees must stay as it was.
defmodule Sieve do
  def primes(n) do
    t = Tuple.duplicate(true, n + 1) |> put_elem(0, false) |> put_elem(1, false)
    t = mark(t, 2, n)
    Enum.filter(0..n, &elem(t, &1))
  end

  defp mark(t, p, n) when p * p > n, do: t
  defp mark(t, p, n), do: mark(if(elem(t, p), do: cross(t, p * p, p, n), else: t), p + 1, n)

  defp cross(t, i, _p, n) when i > n, do: t
  defp cross(t, i, p, n), do: cross(put_elem(t, i, false), i + p, p, n)
end

IO.inspect Sieve.primes(50)

# A version kept in a variable is not touched by a later put_elem.
a = {1, 2, 3}
b = put_elem(a, 0, :x)
c = put_elem(b, 1, :y)
IO.inspect {a, b, c}

# Nor is a constant, however often the literal is evaluated.
f = fn -> put_elem({:k, 0}, 1, :changed) end
IO.inspect {f.(), f.(), {:k, 0}}

# A tuple sent to another process is that process's too.
t = {0, 0}
parent = self()
pid = spawn(fn ->
  receive do
    {:go, got} -> send(parent, {:seen, got})
  end
end)
t2 = put_elem(t, 0, 1)
send(pid, {:go, t2})
t3 = put_elem(t2, 1, 2)
receive do
  {:seen, got} -> IO.inspect {got, t2, t3}
end

# In a reduce, the accumulator passes from call to call.
acc = Enum.reduce(0..9, Tuple.duplicate(0, 10), fn i, acc -> put_elem(acc, i, i * i) end)
IO.inspect acc
IO.inspect Enum.reduce(0..9, acc, fn i, acc -> put_elem(acc, i, elem(acc, i) + 1) end)
IO.inspect acc

# Errors come before anything changes.
for {t, i} <- [{{1, 2}, 2}, {{1, 2}, -1}, {[1, 2], 0}, {{1, 2}, :a}] do
  try do
    put_elem(t, i, :v)
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
for {t, i} <- [{{1, 2}, 1.0}, {:no, 1.0}, {:no, :a}] do
  try do
    put_elem(t, i, :v)
  rescue
    e -> IO.puts(Exception.message(e))
  end
  try do
    elem(t, i)
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
big = Integer.pow(2, 70)
for {t, i} <- [{{1, 2}, big}, {:no, big}, {{1, 2}, -big}] do
  try do
    put_elem(t, i, :v)
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
