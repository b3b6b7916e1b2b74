# Pattern matching in function heads
defmodule Shape do
  def area({:square, side}), do: side * side
  def area({:rect, w, h}), do: w * h
  def area({:circle, r}) when r >= 0, do: 3 * r * r
  def area(%{type: :triangle, base: b, height: h}), do: div(b * h, 2)

  def greet("Dr. " <> name), do: "Hello, Doctor #{name}"
  def greet(name), do: "Hi, #{name}"

  def first_two([a, b | _]), do: {a, b}
  def first_two(_), do: :too_short

  def same({x, x}), do: :same
  def same({_, _}), do: :different
end
IO.inspect Shape.area({:square, 3})
IO.inspect Shape.area({:rect, 2, 5})
IO.inspect Shape.area({:circle, 2})
IO.inspect Shape.area(%{type: :triangle, base: 4, height: 3, color: :red})
IO.puts Shape.greet("Dr. Who")
IO.puts Shape.greet("Ada")
IO.inspect Shape.first_two([1, 2, 3])
IO.inspect Shape.first_two([1])
IO.inspect Shape.same({1, 1})
IO.inspect Shape.same({1, 1.0})
IO.inspect Shape.same({"a", "a"})
