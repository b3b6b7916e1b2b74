# Calling what does not exist, or is private, raises UndefinedFunctionError
defmodule Secretive do
  def public, do: "public " <> hidden()
  defp hidden, do: "hidden"
end

IO.puts Secretive.public()

try do
  apply(Secretive, :hidden, [])
rescue
  e in UndefinedFunctionError ->
    IO.puts Exception.message(e)
    IO.inspect e.module
    IO.inspect e.function
    IO.inspect e.arity
end

try do
  apply(Secretive, :nope, [1, 2])
rescue
  e -> IO.puts Exception.message(e)
end

try do
  apply(NoSuchModule, :run, [])
rescue
  e -> IO.puts Exception.message(e)
end

try do
  apply(String, :no_such_fun, ["x"])
rescue
  e -> IO.puts Exception.message(e)
end

mod = Secretive
try do
  mod.missing()
rescue
  e -> IO.inspect e.__struct__
end
