# Word sigils and charlists
IO.inspect ~w(a b c)
IO.inspect ~w(a b)a
IO.inspect ~w(x y z)c
IO.inspect ~w[one two  three]
IO.inspect ~s(a "quoted" string)
IO.inspect ~S(no #{interp} here)
IO.inspect 'hello'
IO.inspect 'hello' ++ ' world'
IO.inspect [104, 101, 108, 108, 111]
IO.inspect [1, 2, 3]
IO.inspect [?a, ?b]
IO.inspect 'abc' == [97, 98, 99]
IO.inspect is_list('abc')
IO.inspect length('abc')
IO.inspect to_string('abc')
IO.inspect to_charlist("abc")
IO.inspect String.to_charlist("héllo")
IO.inspect [?é]
IO.puts 'charlist puts'
IO.inspect 'it\'s'
IO.inspect [7, 8, 9]
IO.inspect [10]
IO.inspect [65, 66, 0]
