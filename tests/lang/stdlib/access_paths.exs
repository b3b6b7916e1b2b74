# Nested access: path macros (`put_in(m.a[:b], v)`), and the Access accessors as path keys.
defmodule Inventory do
  defstruct items: [], owner: %{name: "ann", tags: []}
end

defmodule Paths do
  def run do
    m = %{a: %{b: [1]}, c: %{d: 1}}
    IO.inspect(put_in(m.a[:b], [2]))
    IO.inspect(put_in(m[:a][:b], [3]))
    IO.inspect(update_in(m.a.b, &[0 | &1]))
    IO.inspect(update_in(m[:c].d, &(&1 + 10)))
    IO.inspect(get_and_update_in(m.c.d, &{&1, &1 * 2}))
    IO.inspect(pop_in(m[:c][:d]))
    IO.inspect(pop_in(m[:a]))

    inv = %Inventory{items: [%{n: "x", qty: 1}, %{n: "y", qty: 5}]}
    IO.inspect(put_in(inv.owner.name, "bob"))
    IO.inspect(update_in(inv.items, &Enum.reverse/1))
    IO.inspect(get_in(inv, [Access.key(:owner), :name]))
    IO.inspect(get_in(inv, [Access.key(:missing, :dflt)]))
    IO.inspect(update_in(inv, [Access.key!(:items), Access.all(), :qty], &(&1 * 2)))
    IO.inspect(get_in(inv, [Access.key!(:items), Access.all(), :n]))
    IO.inspect(get_in(inv.items, [Access.at(1), :qty]))
    IO.inspect(get_in(inv.items, [Access.at(-1), :n]))
    IO.inspect(get_in(inv.items, [Access.at(5), :n]))
    IO.inspect(update_in(inv.items, [Access.at(0), :qty], &(&1 + 100)))
    IO.inspect(get_in(inv.items, [Access.filter(&(&1.qty > 2)), :n]))
    IO.inspect(update_in(inv.items, [Access.filter(&(&1.qty > 2)), :qty], &(-&1)))
    IO.inspect(get_in({1, {2, 3}}, [Access.elem(1), Access.elem(0)]))
    IO.inspect(put_in({1, {2, 3}}, [Access.elem(1), Access.elem(1)], :z))
    IO.inspect(get_and_update_in([1, 2, 3], [Access.all()], &{&1, &1 + 1}))
    IO.inspect(get_and_update_in([a: 1, b: 2], [Access.all()], fn {k, v} -> if(v > 1, do: :pop, else: {k, {k, v}}) end))
    IO.inspect(get_in(%{list: [%{v: 1}, %{v: 2}]}, [:list, Access.all(), :v]))
    IO.inspect(get_in(nil, [:a, :b]))
    IO.inspect(put_in([a: [b: 1]], [:a, :b], 2))
    try do
      get_in(inv, [Access.key!(:nope)])
    rescue
      e in KeyError -> IO.inspect(e.key)
    end
    try do
      get_in([1], [Access.key!(:a)])
    rescue
      e -> IO.puts(Exception.message(e))
    end
  end
end

Paths.run()

defmodule PopPaths do
  def run do
    c = %{meta: %{counts: %{raises: 3}, other: 1}}
    IO.inspect(pop_in(c, [Access.key(:meta), :counts]))
    IO.inspect(pop_in(c, [:meta, Access.key(:counts), :raises]))
    IO.inspect(pop_in([a: [1, 2, 3]], [:a, Access.at(1)]))
    IO.inspect(pop_in(%{l: [1, 2, 3, 4]}, [:l, Access.filter(&(&1 > 2))]))
  end
end

PopPaths.run()

IO.inspect(get_in(nil, [Access.key(:x)]))
IO.inspect(get_in(%{a: nil}, [:a, Access.all()]))
IO.inspect(get_and_update_in([1, 2, 3], [Access.at(7)], fn x -> {x, 0} end))
IO.inspect(get_and_update_in([1, 2, 3], [Access.at(-7)], fn x -> {x, 0} end))
IO.inspect(update_in([1, 2, 3], [Access.at(-5)], fn x -> x end))
IO.inspect(pop_in([1, 2, 3], [Access.at(-9)]))
IO.inspect(get_in([1, 2, 3], [Access.at(-9)]))
