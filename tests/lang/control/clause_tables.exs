# `case` and multi-clause functions whose clauses start with distinct atoms or tagged
# tuples dispatch through a table (compiler/switch.rs). Order, guards, fall-through to
# later clauses, untagged and other-sized tuples, and the errors must be as without one.
defmodule Ops do
  def step(op, acc) do
    case op do
      {:add, n} when n > 100 -> {:big_add, acc + n}
      {:add, n} -> acc + n
      {:sub, n} -> acc - n
      :double -> acc * 2
      {:mul, a, b} -> acc + a * b
      {tag, n} when is_integer(n) -> {:other_pair, tag, n}
      :reset -> 0
      x when is_atom(x) -> {:unknown_atom, x}
      [h | _] -> {:list, h}
      {_, _, _} -> :some_triple
      %{kind: k} -> {:map, k}
      n when is_integer(n) -> {:int, n}
    end
  end

  # Function heads: the second argument tells them apart.
  def handle(state, :inc), do: state + 1
  def handle(state, :dec) when state > 0, do: state - 1
  def handle(state, :dec), do: {:floor, state}
  def handle(_state, {:set, v}), do: v
  def handle(state, {:add, a, b}), do: state + a + b
  def handle(_state, :halt), do: :halted
  def handle(state, msg) when is_binary(msg), do: {:text, state, msg}

  # A table whose clauses mix keyed and unkeyed shapes, value on the stack around it.
  def around(x) do
    1 + case x do
      :one -> 1
      :two -> 2
      {:three} -> 3
      y when is_integer(y) -> y
      :four -> 4
      _ -> 0
    end
  end

  # Aliases and booleans are atoms too.
  def kind(true), do: :yes
  def kind(false), do: :no
  def kind(nil), do: :nothing
  def kind(String), do: :module
  def kind(x), do: {:other, x}
end

inputs = [
  {:add, 1}, {:add, 500}, {:sub, 3}, :double, {:mul, 2, 3}, {:div, 4}, {1, 2}, {"s", 5},
  :reset, :zzz, [9, 8], {:add, 1, 2}, {:x, :y, :z}, %{kind: :m}, 42
]
for i <- inputs do
  IO.inspect(Ops.step(i, 10), label: inspect(i))
end

try do
  Ops.step({}, 0)
rescue
  e -> IO.puts(Exception.message(e))
end

try do
  Ops.step(3.5, 0)
rescue
  e -> IO.puts(Exception.message(e))
end

IO.inspect(Enum.map([:inc, :dec, {:set, 7}, {:add, 1, 2}, :halt, "hi"], &Ops.handle(5, &1)))
IO.inspect(Ops.handle(0, :dec))

try do
  Ops.handle(1, {:set, 1, 2})
rescue
  e -> IO.puts(Exception.message(e))
end

try do
  Ops.handle(1, :other)
rescue
  e -> IO.puts(Exception.message(e))
end

IO.inspect(Enum.map([:one, :two, {:three}, 7, :four, :five, {:three, 3}, "x"], &Ops.around/1))
IO.inspect(Enum.map([true, false, nil, String, :other, 1], &Ops.kind/1))

# A hot loop over a table: a small stack machine.
defmodule Machine do
  def run([], stack), do: stack
  def run([op | rest], stack) do
    case {op, stack} do
      {{:push, n}, s} -> run(rest, [n | s])
      {:add, [a, b | s]} -> run(rest, [a + b | s])
      {:mul, [a, b | s]} -> run(rest, [a * b | s])
      {:dup, [a | s]} -> run(rest, [a, a | s])
      {:drop, [_ | s]} -> run(rest, s)
      {other, s} -> run(rest, [{:bad, other} | s])
    end
  end

  def exec(op, s) do
    case op do
      {:push, n} -> [n | s]
      :add -> add(s)
      :mul -> mul(s)
      :dup -> dup(s)
      :swap -> swap(s)
      :drop -> tl(s)
    end
  end

  defp add([a, b | s]), do: [a + b | s]
  defp mul([a, b | s]), do: [a * b | s]
  defp dup([a | s]), do: [a, a | s]
  defp swap([a, b | s]), do: [b, a | s]
end

prog = List.duplicate([{:push, 2}, {:push, 3}, :add, :dup, :mul, {:push, 1}, :drop], 1000) |> List.flatten()
IO.inspect(Machine.run(prog, []) |> length())
IO.inspect(Machine.run([{:push, 1}, :nope, :drop, :dup, :add, :zap], []))
IO.inspect(Enum.reduce([{:push, 4}, {:push, 5}, :swap, :dup, :mul, :add], [], &Machine.exec/2))

try do
  Machine.exec(:unknown, [])
rescue
  e -> IO.puts(Exception.message(e))
end
