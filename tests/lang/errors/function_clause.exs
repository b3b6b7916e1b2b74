# No clause matches the argument
defmodule Temp do
  def describe(c) when c < 0, do: "freezing"
  def describe(c) when c >= 0 and c < 20, do: "mild"
end
IO.puts Temp.describe(5)
IO.puts Temp.describe(String.to_atom("hot"))
