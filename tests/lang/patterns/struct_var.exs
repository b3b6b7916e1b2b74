# `%mod{}` in a pattern matches any struct and binds its module; `%_{}` ignores it.
defmodule Point do
  defstruct x: 0, y: 0
end

defmodule Size do
  defstruct w: 1
end

defmodule Kinds do
  def module_of(%mod{}), do: mod
  def module_of(_), do: :not_a_struct
  def x_of(%m{x: x}) when m == Point, do: {:point_x, x}
  def x_of(%_{}), do: :other_struct
  def x_of(other), do: {:plain, other}

  def run do
    IO.inspect(Enum.map([%Point{}, %Size{}, %{x: 1}, 5], &module_of/1))
    IO.inspect(Enum.map([%Point{x: 4}, %Size{}, %{x: 1}], &x_of/1))
    case %Size{w: 9} do
      %s{w: w} -> IO.inspect({s, w})
    end
    IO.inspect(match?(%_{}, %{a: 1}))
    IO.inspect(match?(%_{}, %Point{}))
  end
end

Kinds.run()
