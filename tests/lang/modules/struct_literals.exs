# Struct literals start from the module's defaults (a shared constant when they are all
# literals) and replace the given keys; no instance ever sees another's changes.
defmodule Vec do
  defstruct x: 0.0, y: 0.0, tags: [], meta: %{kind: :plain}

  def new(x, y), do: %__MODULE__{x: x, y: y}
  def swap(%Vec{x: x, y: y} = v), do: %Vec{v | x: y, y: x}
end

defmodule Wrap do
  defstruct inner: nil, count: 0, stamp: nil
end

# Top-level code cannot expand a struct defined in the same file, so it runs in a module.
defmodule Main do
  def run do
    a = %Vec{}
    b = %Vec{x: 1.5}
    c = Vec.new(3, 4)
    d = Vec.swap(c)
    e = %{b | meta: Map.put(b.meta, :kind, :changed)}
    IO.inspect [a, b, c, d, e]
    IO.inspect %Vec{}
    IO.inspect {a.meta, e.meta, %Vec{}.meta}

    w = %Wrap{count: 2, inner: %Vec{}}
    w2 = %Wrap{w | inner: %Vec{w.inner | x: 9}}
    IO.inspect {w, w2, %Wrap{}}

    # Values are evaluated in order, and a struct built in a loop is fresh each time.
    list = for i <- 1..3, do: %Vec{x: i, y: i * i, tags: [i]}
    IO.inspect list
    IO.inspect Enum.reduce(list, %Vec{}, fn v, acc -> %Vec{acc | x: acc.x + v.x, tags: v.tags ++ acc.tags} end)

    # Constant map literals are shared, yet updating one changes only the copy.
    f = fn -> %{a: 1, b: [2, 3], c: %{d: 4}} end
    m1 = f.()
    m2 = %{f.() | a: 100}
    m3 = Map.put(f.(), :e, 5)
    IO.inspect {m1, m2, m3, f.()}
    IO.inspect is_map_key(%Vec{}, :tags)
  end
end

Main.run()
