# A call of a closure held in a variable (`f.(x)`) runs the closure from where it lies;
# other values in the variable take the general path with its errors.
defmodule Calls do
  def apply_all([], _f, acc), do: Enum.reverse(acc)
  def apply_all([h | t], f, acc), do: apply_all(t, f, [f.(h) | acc])

  def twice(f, x), do: f.(f.(x))

  def count_true([], _f, n), do: n
  def count_true([h | t], f, n) do
    if f.(h), do: count_true(t, f, n + 1), else: count_true(t, f, n)
  end

  def call(f, x) do
    r = f.(x)
    {r, is_function(f)}
  end
end

k = 10
add_k = fn x -> x + k end
IO.inspect(Calls.apply_all([1, 2, 3], add_k, []))
IO.inspect(Calls.twice(add_k, 1))
IO.inspect(Calls.count_true(Enum.to_list(1..100), fn x -> rem(x, 7) == 0 end, 0))
IO.inspect(Calls.call(&String.upcase/1, "abc"))
IO.inspect(Calls.call(&Calls.twice(add_k, &1), 5))
IO.inspect(Calls.apply_all([-1, 2], &abs/1, []))

# The variable still holds the closure after the call, and can be rebound.
f = fn x -> x * 2 end
a = f.(3)
b = f.(a)
f = fn x -> x - 1 end
IO.inspect({a, b, f.(b)})

# A closure that calls a closure it captured.
compose = fn g, h -> fn x -> h.(g.(x)) end end
IO.inspect(compose.(add_k, f).(1))

for {bad, arg} <- [{:not_a_fun, 1}, {fn -> :zero end, 1}, {fn a, b -> a + b end, 1}] do
  try do
    Calls.call(bad, arg)
  rescue
    e -> IO.inspect(e.__struct__)
  end
end
