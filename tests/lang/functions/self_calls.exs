# A function calling itself by its local name runs the same chunk without an export lookup
# (CallSelf); these check that such calls behave as any other call.
defmodule Self do
  # Body recursion deep enough to need many frames.
  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)

  # Tail recursion with several clauses and a guard.
  def count(n, acc) when n <= 0, do: acc
  def count(n, acc) when rem(n, 3) == 0, do: count(n - 1, acc + 1)
  def count(n, acc), do: count(n - 1, acc)

  # The same name at another arity is another function.
  def total(n), do: total(n, 0)
  def total(0, acc), do: acc
  def total(n, acc), do: total(n - 1, acc + n)

  # A call from a closure inside the function is not a call from the function itself.
  def nest(0), do: :bottom
  def nest(n) do
    f = fn -> nest(n - 1) end
    {n, f.()}
  end

  # A private function calling itself.
  def evens(list), do: keep_even(list, [])
  defp keep_even([], acc), do: Enum.reverse(acc)
  defp keep_even([h | t], acc) when rem(h, 2) == 0, do: keep_even(t, [h | acc])
  defp keep_even([_ | t], acc), do: keep_even(t, acc)

  # Errors raised below a chain of self calls.
  def down(0), do: raise(ArgumentError, "reached zero")
  def down(n), do: 1 + down(n - 1)

  def bad(n), do: bad(n, :x)
  def bad(0, x), do: x + 1
  def bad(n, x), do: bad(n - 1, x)
end

IO.puts(Self.sum(Enum.to_list(1..100_000)))
IO.puts(Self.count(1_000_000, 0))
IO.puts(Self.total(10))
IO.inspect(Self.nest(3))
IO.inspect(Self.evens(Enum.to_list(1..10)))

try do
  Self.down(5)
rescue
  e in ArgumentError -> IO.puts("rescued: " <> e.message)
end

try do
  Self.bad(3)
rescue
  e -> IO.inspect(e)
end

# A self-recursive loop in a spawned process, beside another process.
parent = self()
spawn(fn -> send(parent, {:counted, Self.count(3_000_000, 0)}) end)
spawn(fn -> send(parent, :quick) end)
receive do
  {:counted, n} -> IO.puts("counted #{n}")
end
receive do
  :quick -> IO.puts("quick ran")
end
