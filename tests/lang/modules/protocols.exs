# defprotocol and defimpl: dispatch on structs and built-in types, fallback to Any,
# several types in one defimpl, impl_for, String.Chars for a struct, protocol errors.
defprotocol Shape do
  @doc "The area of a shape."
  def area(shape)
  def scale(shape, factor)
end

defprotocol Describe do
  @fallback_to_any true
  def describe(x)
end

defprotocol Size do
  def size(x)
end

defmodule Circle do
  defstruct r: 1
end

defmodule Rect do
  defstruct w: 1, h: 1

  defimpl Shape do
    def area(%Rect{w: w, h: h}), do: w * h
    def scale(%Rect{w: w, h: h}, f), do: %Rect{w: w * f, h: h * f}
  end
end

defimpl Shape, for: Circle do
  def area(%Circle{r: r}), do: 3 * r * r
  def scale(c, f), do: %{c | r: c.r * f}
end

defimpl Describe, for: Integer do
  def describe(i), do: "int #{i}"
end

defimpl Describe, for: [List, Tuple] do
  def describe(x), do: "#{inspect(@for)} of #{Size.size(x)}"
end

defimpl Describe, for: BitString do
  def describe(s), do: "string #{inspect(s)}"
end

defimpl Describe, for: Any do
  def describe(x), do: "something else: #{inspect(x)}"
end

defimpl Size, for: List do
  def size(l), do: length(l)
end

defimpl Size, for: Tuple do
  def size(t), do: tuple_size(t)
end

defimpl Size, for: Map do
  def size(m), do: map_size(m)
end

defimpl String.Chars, for: Rect do
  def to_string(%Rect{w: w, h: h}), do: "#{w}x#{h} rectangle"
end

defmodule Main do
  def run do
    shapes = [%Circle{r: 2}, %Rect{w: 3, h: 4}]
    IO.inspect(Enum.map(shapes, &Shape.area/1))
    IO.inspect(Enum.map(shapes, &Shape.scale(&1, 2)))
    IO.inspect(Enum.map([7, [1, 2], {:a, :b, :c}, "hi", :atom, %Circle{}, 1.5], &Describe.describe/1))
    IO.inspect(Size.size(%{a: 1}))
    IO.inspect({Shape.impl_for(%Circle{}), Shape.impl_for(42), Describe.impl_for(:x)})
    IO.inspect(Shape.__protocol__(:functions))
    r = %Rect{w: 2, h: 5}
    IO.puts(r)
    IO.puts("shape: #{r}!")
    IO.puts(to_string(r))
    IO.inspect(Enum.join([r, r], ", "))
    try do
      Shape.area(42)
    rescue
      e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
    end
    try do
      Size.size(%Circle{})
    rescue
      e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
    end
    try do
      "#{%Circle{}}"
    rescue
      e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
    end
  end
end

Main.run()

defprotocol Scale do
  def size(x)
  def by(x, k \\ 2)
end

defimpl Scale, for: Integer do
  def size(n), do: n
  def by(n, k), do: n * k
end

IO.inspect({Scale.by(3), Scale.by(3, 5), Scale.__protocol__(:functions)})

defmodule CallsChars do
  def run do
    IO.inspect(String.Chars.to_string(%Rect{w: 1, h: 2}))
    IO.inspect(Enum.map([1, :a, "s"], &String.Chars.to_string/1))
    IO.inspect({:erlang.map_get(:a, %{a: 1}), :erlang.is_map_key(:b, %{a: 1})})
  end
end

CallsChars.run()
