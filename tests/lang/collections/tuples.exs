# Tuples
t = {:ok, "value", 42}
IO.inspect t
IO.inspect {}
IO.inspect {1}
IO.inspect {1, {2, {3}}}
IO.inspect elem(t, 0)
IO.inspect elem(t, 2)
IO.inspect tuple_size(t)
IO.inspect put_elem(t, 1, "new")
IO.inspect t
IO.inspect {:error, :enoent}
{:ok, value, n} = t
IO.puts value
IO.puts n
IO.inspect Tuple.to_list(t)
IO.inspect List.to_tuple([1, 2, 3])
IO.inspect is_tuple(t)
IO.inspect {1, 2} == {1, 2}
IO.inspect {1, 2} < {1, 3}
IO.inspect {2} < {1, 1}
