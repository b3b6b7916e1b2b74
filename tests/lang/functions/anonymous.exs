# Anonymous functions: clauses, guards, calling with .()
add = fn a, b -> a + b end
IO.inspect add.(1, 2)
square = fn x -> x * x end
IO.inspect square.(9)
classify = fn
  0 -> :zero
  n when n < 0 -> :negative
  n when is_integer(n) -> :positive
  _ -> :not_an_integer
end
IO.inspect Enum.map([0, -3, 5, 2.5], classify)
IO.inspect is_function(add)
IO.inspect is_function(add, 2)
IO.inspect is_function(add, 1)
hello = fn -> "no arguments" end
IO.puts hello.()
swap = fn {a, b} -> {b, a} end
IO.inspect swap.({1, 2})
IO.inspect (fn x -> x + 1 end).(41)
apply_twice = fn f, x -> f.(f.(x)) end
IO.inspect apply_twice.(square, 3)
make_adder = fn n -> fn x -> x + n end end
add5 = make_adder.(5)
IO.inspect add5.(10)
IO.inspect make_adder.(1).(1)
IO.inspect Function.info(add)[:arity]

# The function value is evaluated before the arguments, and a call through a variable gets
# the same result whether the variable is loaded before or after them.
make = fn -> IO.puts("fun first"); fn x, y -> {x, y} end end
IO.inspect(make.().(IO.puts("then arg 1"), IO.puts("then arg 2")))
inc = fn x -> x + 1 end
IO.inspect(inc.(inc.(1)))
IO.inspect(Enum.map([1, 2], fn x -> inc.(x) end))

# Rebinding the function's variable inside its own arguments still calls the old function.
g = fn x -> {:g1, x} end
IO.inspect(g.((g = fn x -> {:g2, x} end; 1)))
IO.inspect(g.(1))
l = [fn x -> {:listed, x} end]
IO.inspect(inc.(([inc | _] = l; 4)))
