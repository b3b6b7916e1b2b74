# struct/1,2 and struct!/1,2: from a module or from a struct, with keyword lists and maps;
# struct/2 ignores keys the struct lacks, struct!/2 rejects them and checks @enforce_keys.
defmodule Point do
  defstruct x: 0, y: 0
end

defmodule User do
  @enforce_keys [:name]
  defstruct [:name, age: 0, tags: []]
end

defmodule NotAStruct do
  def hello, do: :hi
end

defmodule WrongName do
  def __struct__, do: %{__struct__: Point, x: 1}
end

defmodule NoName do
  def __struct__, do: %{x: 1}
end

defmodule Demo do
  def show(label, f) do
    result =
      try do
        inspect(f.())
      rescue
        e -> "#{inspect(e.__struct__)}: #{Exception.message(e)}"
      end

    IO.puts("#{label} -> #{result}")
  end

  def run(mod, fields) do
    show("struct(Point, x: 5)", fn -> struct(mod, x: 5) end)
    show("struct(Point, %{x: 5, y: 6})", fn -> struct(mod, %{x: 5, y: 6}) end)
    show("struct(Point)", fn -> struct(mod) end)
    show("struct(Point, [])", fn -> struct(mod, []) end)
    show("struct(Point, unknown key)", fn -> struct(mod, z: 1, x: 2) end)
    show("struct(Point, __struct__)", fn -> struct(mod, __struct__: Other, y: 3) end)
    show("struct(%Point{}, y: 2)", fn -> struct(%Point{x: 1}, y: 2) end)
    show("struct(%Point{}, map)", fn -> struct(%Point{x: 1}, %{y: 2, z: 3}) end)
    show("struct(Point, fields)", fn -> struct(mod, fields) end)
    show("struct(Point, stream)", fn -> struct(mod, Stream.map([x: 1, y: 2], & &1)) end)

    show("struct!(Point, x: 3)", fn -> struct!(mod, x: 3) end)
    show("struct!(Point, %{y: 4})", fn -> struct!(mod, %{y: 4}) end)
    show("struct!(Point)", fn -> struct!(mod) end)
    show("struct!(Point, unknown key)", fn -> struct!(mod, z: 3) end)
    show("struct!(%Point{}, y: 3)", fn -> struct!(%Point{}, y: 3) end)
    show("struct!(%Point{}, unknown key)", fn -> struct!(%Point{}, z: 3) end)
    show("struct!(%Point{}, __struct__)", fn -> struct!(%Point{}, __struct__: Other) end)
    show("struct!(Point, __struct__)", fn -> struct!(mod, __struct__: Other) end)

    show("struct(User)", fn -> struct(User) end)
    show("struct!(User)", fn -> struct!(User) end)
    show("struct!(User, age: 3)", fn -> struct!(User, age: 3) end)
    show("struct!(User, name: ...)", fn -> struct!(User, name: "ada", tags: [:x]) end)
    show("struct(User, name: ...)", fn -> struct(User, name: "bob") end)

    show("struct(plain map)", fn -> struct(Map.new(fields), x: 2) end)
    show("struct!(plain map)", fn -> struct!(Map.new(fields), x: 2) end)
    show("struct(42)", fn -> struct(hd([42])) end)
    show("struct!(42)", fn -> struct!(hd([42]), []) end)
    show("struct(NotAStruct)", fn -> struct(hd([NotAStruct])) end)
    show("struct(Missing)", fn -> struct(hd([Missing]), x: 1) end)
    show("struct!(Missing)", fn -> struct!(hd([Missing]), x: 1) end)
    show("struct(WrongName)", fn -> struct(hd([WrongName])) end)
    show("struct(NoName)", fn -> struct(hd([NoName])) end)
    show("struct!(WrongName)", fn -> struct!(hd([WrongName]), []) end)
    show("struct(Point, 5)", fn -> struct(mod, hd([5])) end)
    show("struct(Point, [1])", fn -> struct(mod, [hd([1])]) end)
    show("struct!(Point, [1])", fn -> struct!(mod, [hd([1])]) end)
    show("struct!(%Point{}, [1])", fn -> struct!(%Point{}, [hd([1])]) end)
  end
end

Demo.run(Point, x: 7, y: 8)
IO.inspect(Enum.map(1..3, &struct(Point, x: &1)))
IO.inspect(Enum.map([[x: 1], [y: 2]], &struct!(Point, &1)))
IO.inspect(Point.__struct__(x: 9))
