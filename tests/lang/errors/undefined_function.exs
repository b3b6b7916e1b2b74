# Calling a function the module does not define
defmodule Greeter do
  def hello(name), do: "Hello, #{name}"
end
IO.puts Greeter.hello("Ada")
name = :goodbye
apply(Greeter, name, ["Ada"])
