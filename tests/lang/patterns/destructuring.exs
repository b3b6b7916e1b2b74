# Destructuring with =
{a, b, c} = {1, :two, "three"}
IO.inspect {c, b, a}
[x, y] = [10, 20]
IO.inspect x * y
[head | tail] = [1, 2, 3]
IO.inspect {head, tail}
[first, second | rest] = [1, 2, 3, 4, 5]
IO.inspect {first, second, rest}
[[p, q], [r | _]] = [[1, 2], [3, 4, 5]]
IO.inspect [p, q, r]
{:ok, [_, {_, inner}]} = {:ok, [0, {:skip, :wanted}]}
IO.inspect inner
%{name: name} = %{name: "Ada", age: 36}
IO.puts name
%{} = %{any: :map}
%{"k" => v} = %{"k" => :string_key, "other" => 1}
IO.inspect v
%{a: %{b: deep}} = %{a: %{b: :nested}}
IO.inspect deep
"prefix-" <> suffix = "prefix-rest of string"
IO.inspect suffix
<<h, t::binary>> = "hey"
IO.inspect {h, t}
{_, _, third} = {1, 2, 3}
IO.inspect third
_ = :ignored
_unused = :also_ignored
{n, n} = {5, 5}
IO.inspect n
[z, z, z] = [:same, :same, :same]
IO.inspect z
list = [1, 2]
[^head | _] = [1, :anything]
IO.inspect list
{:ok, %{items: [item | _]}} = {:ok, %{items: ["first", "second"]}}
IO.puts item
[{k1, v1}, {k2, v2}] = [a: 1, b: 2]
IO.inspect {k1, v1, k2, v2}
