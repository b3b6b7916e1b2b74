# Last uses of locals are moved rather than copied (compiler/liveness.rs), and a map moved
# into Map.put or `%{m | k => v}` is updated in place when nothing else holds it. None of
# that may be visible: every earlier value stays as it was wherever it is still reachable.
defmodule LastUse do
  # Each clause reads its argument on a different path.
  def branch(x, flag) do
    if flag do
      {x, x}
    else
      [x]
    end
  end

  # A pinned variable is read again each time the receive loop goes round.
  def wait_for(tag) do
    receive do
      {^tag, v} -> v
    after
      100 -> :timeout
    end
  end

  # The argument is needed by the FunctionClauseError of the last clause.
  def only_lists([h | _]), do: h

  # A variable used after a try, and in its rescue clause.
  def guarded(m) do
    r =
      try do
        Map.fetch!(m, :missing)
      rescue
        e in KeyError -> {:rescued, e.key, map_size(m)}
      end

    {r, m}
  end

  # A map threaded through a loop is the case updated in place.
  def count([], m), do: m
  def count([w | ws], m), do: count(ws, Map.update(m, w, 1, &(&1 + 1)))

  def bump(0, m), do: m
  def bump(n, m), do: bump(n - 1, %{m | n: m.n + 1})

  def puts(0, m), do: m
  def puts(n, m), do: puts(n - 1, Map.put(m, n, n * n))

  # Take list cells apart whether or not someone else holds them.
  def sum([], acc), do: acc
  def sum([h | t], acc), do: sum(t, h + acc)
end

m = %{a: 1}
m2 = Map.put(m, :b, 2)
IO.inspect(m)
IO.inspect(m2)

# The list holds `m` too, so this Map.put may not change it.
held = [m]
m3 = Map.put(m, :c, 3)
IO.inspect(held)
IO.inspect(m3)

u = %{n: 0, name: "x"}
u2 = %{u | n: 5}
IO.inspect({u, u2})
IO.inspect(LastUse.bump(1000, u))
IO.inspect(u)

big = LastUse.puts(100, %{})
IO.inspect({map_size(big), big[10], big[100]})
again = Map.put(big, 10, :changed)
IO.inspect({big[10], again[10]})
IO.inspect(Map.delete(big, 10) |> map_size())
IO.inspect(map_size(big))
IO.inspect(Map.merge(%{a: 1, b: 2}, %{b: 3, c: 4}))
IO.inspect(Map.replace(m2, :b, 20))
IO.inspect(m2)

IO.inspect(LastUse.count(~w(a b a c b a), %{}))

IO.inspect(LastUse.branch(7, true))
IO.inspect(LastUse.branch(7, false))

send(self(), {:other, 1})
send(self(), {:mine, 2})
IO.inspect(LastUse.wait_for(:mine))
IO.inspect(LastUse.wait_for(:mine))
IO.inspect(LastUse.wait_for(:other))

IO.inspect(LastUse.guarded(%{a: 1}))

list = Enum.to_list(1..10)
IO.inspect(LastUse.sum(list, 0))
IO.inspect(LastUse.sum(list, 0))
IO.inspect(list)

# Two processes walk the same list at once.
parent = self()
for id <- [1, 2] do
  spawn(fn -> send(parent, {id, LastUse.sum(list, 0)}) end)
end
results =
  for _ <- [1, 2] do
    receive do
      {id, s} -> {id, s}
    end
  end

IO.inspect(Enum.sort(results))

f = fn x -> x * 2 end
IO.inspect({Enum.map([1, 2], f), f.(5)})

try do
  LastUse.only_lists(:atom)
rescue
  e in FunctionClauseError -> IO.inspect({e.function, e.arity})
end

# :lists.reverse relinks cells no one else holds and copies the rest.
l = [1, 2, 3]
r = :lists.reverse(l)
IO.inspect({l, r})
shared = [3, 4]
acc = [1, 2 | shared]
IO.inspect(:lists.reverse(acc))
IO.inspect(shared)
IO.inspect(:lists.reverse([1, 2], [3]))
IO.inspect(:lists.reverse(Enum.map(1..5, &(&1 * 2)), shared))
IO.inspect(Enum.reverse(l))

try do
  :lists.reverse([1 | 2])
rescue
  e in FunctionClauseError -> IO.inspect({e.module, e.function, e.arity})
end

try do
  :lists.reverse([1 | 2], [])
rescue
  e in ArgumentError -> IO.puts(Exception.message(e))
end

# Enum.to_list gives a list back as it is, and builds ranges directly.
IO.inspect({Enum.to_list(l), Enum.to_list(1..5), Enum.to_list(5..1), Enum.to_list(1..0//1)})

# Cells taken apart are reused for the next cell built; shared cells are left alone.
half = [3, 4]
whole = [1, 2 | half]
IO.inspect(Enum.map(whole, &(&1 * 10)))
IO.inspect({whole, half})
nested = Enum.map(1..4, fn i -> Enum.to_list(1..i) end)
IO.inspect(Enum.map(nested, fn l -> Enum.filter(l, &(rem(&1, 2) == 1)) end))
IO.inspect(nested)
IO.inspect(Enum.reduce(Enum.map(1..1000, &(&1 + 1)), 0, &+/2))

# `<>` appends in place to a binary no one else holds; a binary someone else still holds
# is copied, so every holder keeps its own value.
defmodule Strs do
  def build(0, acc), do: acc
  def build(n, acc), do: build(n - 1, acc <> Integer.to_string(rem(n, 10)))

  def keep_all(0, acc, seen), do: {acc, Enum.reverse(seen)}
  def keep_all(n, acc, seen), do: keep_all(n - 1, acc <> "x", [acc | seen])
end

IO.puts(Strs.build(25, ">"))
IO.inspect(Strs.keep_all(4, "", []))
base = "ab"
s1 = base <> "c"
s2 = base <> "d"
IO.inspect({base, s1, s2, s1 <> s2, base})
parent = self()
msg = "hello"
pid = spawn(fn -> receive do m -> send(parent, {:got, m <> "!"}) end end)
send(pid, msg)
receive do {:got, m} -> IO.inspect({m, msg <> "?", msg}) end
