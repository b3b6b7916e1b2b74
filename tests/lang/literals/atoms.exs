# Atoms, booleans and nil
IO.inspect :ok
IO.inspect :error
IO.inspect :"with space"
IO.inspect :hello_world
IO.inspect :Question?
IO.inspect :bang!
IO.inspect :"123abc"
IO.inspect :+
IO.inspect :"foo-bar"
IO.inspect true
IO.inspect false
IO.inspect nil
IO.inspect :true
IO.inspect :nil
IO.inspect true == :true
IO.inspect is_atom(nil)
IO.inspect is_atom(:ok)
IO.inspect is_boolean(false)
IO.inspect is_atom(String)
IO.inspect String
IO.inspect Elixir.String
IO.inspect :"Elixir.Foo.Bar"
IO.inspect :erlang
IO.puts :ok
IO.puts :"with space"
IO.puts Atom.to_string(:abc)
IO.inspect [:a, :b, :"c d"]
IO.inspect :ok == :ok
IO.inspect :a < :b
