# Maps: atom keys, other keys, update syntax, access
m = %{a: 1, b: 2}
IO.inspect m
IO.inspect %{"k" => "v", "other" => 2}
IO.inspect %{1 => :one, 2 => :two}
IO.inspect %{}
IO.inspect m.a
IO.inspect m[:a]
IO.inspect m[:missing]
IO.inspect %{m | a: 100}
IO.inspect Map.put(m, :c, 3)
IO.inspect map_size(m)
s = %{"name" => "Ada", "age" => 36}
IO.inspect s["name"]
IO.inspect s["nope"]
IO.inspect %{s | "age" => 37}
IO.inspect %{:a => 1, "b" => 2, 3 => [4]}
IO.inspect %{{1, 2} => :tuple_key, [1] => :list_key}
IO.inspect %{b: 2, a: 1} == %{a: 1, b: 2}
IO.inspect %{z: 1, a: 2, m: 3}
IO.inspect %{c: 3, b: 2, a: 1, d: 4} |> Map.keys()
IO.inspect %{nested: %{deep: %{value: 1}}}
IO.inspect %{nested: %{deep: %{value: 1}}}.nested.deep.value
IO.inspect %{"with space": 1, "a-b": true}
IO.inspect %{nil: 1, true: 2}
IO.inspect %{3 => :c, 1 => :a, 2 => :b}
IO.inspect %{:b => 1, "a" => 2, 1 => 3, {} => 4, [] => 5}
%{a: a} = m
IO.inspect a
