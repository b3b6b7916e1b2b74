# inspect prints a struct's fields in the order defstruct declared them (defexception's too),
# and a map whose __struct__ names no struct module as a plain map.
defmodule Point do
  defstruct x: 0, y: 0, tag: nil
end
defmodule Person do
  defstruct [:name, :age, email: "none", admin: false]
end
defmodule Oops do
  defexception message: "default msg", code: 0, where: nil
end
# Structs are used from a function: Elixir cannot expand them at a script's top level
# in the file that defines them.
defmodule Main do
  def run do
    IO.inspect(%Point{x: 1, y: 2})
    IO.inspect(%Person{name: "Ann", age: 30})
    IO.inspect([%Point{}, %{p: %Person{}}])
    IO.inspect(%Oops{})
    IO.inspect(%Point{x: 1}, structs: false)
    IO.inspect(%{__struct__: NotAStruct, b: 1, a: 2})
    IO.inspect(Map.put(%Point{}, :extra, 1))
    IO.puts(inspect(%Person{name: "B", age: 1}, pretty: true, width: 20))
    try do
      raise Oops, code: 7
    rescue
      e -> IO.inspect(e)
    end
  end
end

Main.run()
