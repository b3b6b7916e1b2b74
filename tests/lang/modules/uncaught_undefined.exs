# An uncaught call to a function that does not exist ends the script with exit code 1
defmodule Calc do
  def add(a, b), do: a + b
end

IO.puts "before"
IO.puts Calc.add(1, 2)
fun = :subtract
apply(Calc, fun, [5, 3])
IO.puts "never printed"
