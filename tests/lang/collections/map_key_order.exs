# Map keys are kept in the BEAM's map key order: term order, except that every integer
# sorts before every float, whatever their values, at any depth. Printing, Map.keys/1,
# Enum over a map and comparing two maps all show it.

m = %{2 => :two, 1.5 => :one_and_a_half, 1 => :one, 0.5 => :half, -1 => :minus_one, -0.5 => :minus_half}
IO.inspect(m)
IO.inspect(Map.keys(m))
IO.inspect(Map.values(m))
IO.inspect(Enum.map(m, fn {k, _} -> k end))
IO.inspect(%{1 => :int, 1.0 => :float})
IO.inspect(map_size(%{1 => :int, 1.0 => :float}))
IO.inspect(Map.get(%{1 => :int, 1.0 => :float}, 1.0))
IO.inspect(%{1_000_000_000_000_000_000_000 => :big, 1.0e30 => :float, 5 => :small})
IO.inspect(%{:a => 1, 3.5 => 2, 7 => 3, "s" => 4, {1} => 5})

IO.puts("-- nested keys")
IO.inspect(%{{2} => :a, {1.5} => :b})
IO.inspect(%{[2] => :a, [1.5] => :b})
IO.inspect(%{{1, 2.5} => :a, {1, 2} => :b})
IO.inspect(%{%{a: 2} => :x, %{a: 1.5} => :y})
IO.inspect(%{%{2 => 0} => :x, %{1.5 => 0} => :y})

IO.puts("-- comparing maps")
IO.inspect(%{2 => 0} < %{1.5 => 0})
IO.inspect(%{1.5 => 0} < %{2 => 0})
IO.inspect(%{a: 2} < %{a: 1.5})
IO.inspect(%{1 => 0} == %{1.0 => 0})
IO.inspect(%{a: 1} == %{a: 1.0})
IO.inspect(%{a: 1} === %{a: 1.0})
IO.inspect(Enum.sort([%{2 => 0}, %{1.5 => 0}, %{1 => 0}]))

IO.puts("-- the term order itself is unchanged")
IO.inspect(2 < 1.5)
IO.inspect({2} < {1.5})
IO.inspect([2] < [1.5])
IO.inspect(Enum.sort([2, 1.5, 1, 0.5, -1]))
IO.inspect(Enum.sort([{2}, {1.5}]))
IO.inspect(Enum.uniq([1, 1.0, 2, 2.0, 1]))
