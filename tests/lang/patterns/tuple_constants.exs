# Tuple heads mixing constants, variables and `_`, matched in place: a failed constant
# must move on to the next clause with every binding as it was.
defmodule T do
  def check({nil, nil}), do: 1
  def check({l, r}), do: 1 + check(l) + check(r)
  def make(0), do: {nil, nil}
  def make(d), do: {make(d - 1), make(d - 1)}
  def res({:ok, v}, _), do: {:got, v}
  def res({:error, :timeout}, n), do: {:retry, n}
  def res({:error, why}, _), do: {:failed, why}
  def res({_, _, _} = t, _), do: {:triple, t}
  def res(other, _), do: {:other, other}
  def mixed({1, x, "s", y}), do: {x, y}
  def mixed({a, b, c, d}), do: [a, b, c, d]
end

IO.inspect T.check(T.make(10))
IO.inspect T.res({:ok, 1}, 0)
IO.inspect T.res({:error, :timeout}, 3)
IO.inspect T.res({:error, :closed}, 3)
IO.inspect T.res({:a, :b, :c}, 0)
IO.inspect T.res({:ok}, 0)
IO.inspect T.mixed({1, :x, "s", :y})
IO.inspect T.mixed({1, :x, "t", :y})
IO.inspect T.mixed({1.0, :x, "s", :y})
case {:ok, 5} do
  {:error, _} -> IO.puts("no")
  {:ok, n} when n > 9 -> IO.puts("big")
  {:ok, n} -> IO.inspect(n)
end
