# :dict: OTP 25's hash-table dictionaries, in the record shape the BEAM prints.

IO.inspect(:dict.new())
d = :dict.from_list([{:a, 1}, {:b, 2}, {1, :x}, {1.0, :y}, {"k", [1]}, {:a, 3}])
IO.inspect(d)
IO.inspect({:dict.to_list(d), :dict.fetch_keys(d), :dict.size(d), :dict.is_empty(d), :dict.is_empty(:dict.new())})

# Keys are equal only when they match exactly: 1 and 1.0 are two keys.
IO.inspect({:dict.fetch(:a, d), :dict.find(1.0, d), :dict.find(:q, d), :dict.is_key(1, d), :dict.is_key(2, d)})
IO.inspect(:dict.erase(:a, d) |> :dict.to_list())
IO.inspect({:dict.take(:b, d) |> elem(0), :dict.take(:zz, d)})
IO.inspect(:dict.append(:l, 2, :dict.append(:l, 1, d)) |> then(&:dict.fetch(:l, &1)))
IO.inspect(:dict.append_list("k", [2, 3], d) |> then(&:dict.fetch("k", &1)))
IO.inspect(:dict.update(:a, &(&1 * 10), d) |> then(&:dict.fetch(:a, &1)))
IO.inspect(:dict.update(:new, &(&1 * 10), 0, d) |> then(&:dict.fetch(:new, &1)))
IO.inspect({:dict.update_counter(:b, 5, d) |> then(&:dict.fetch(:b, &1)), :dict.update_counter(:c, 5, d) |> then(&:dict.fetch(:c, &1))})
IO.inspect(:dict.map(fn k, v -> {k, v} end, d) |> :dict.to_list())
IO.inspect(:dict.filter(fn _k, v -> is_integer(v) end, d))
IO.inspect(:dict.merge(fn _k, v1, v2 -> [v1, v2] end, d, :dict.from_list([{:a, 100}, {:z, 0}])) |> :dict.to_list())
IO.inspect(:dict.fold(fn k, v, acc -> [{v, k} | acc] end, [], d))

# Word counting, a common use.
words = ~w(the cat and the hat and the bat on the mat)
counts = Enum.reduce(words, :dict.new(), fn w, acc -> :dict.update_counter(w, 1, acc) end)
IO.inspect(:dict.to_list(counts))

# The table grows past 80 entries and shrinks again as they go.
big = Enum.reduce(1..300, :dict.new(), fn i, acc -> :dict.store(i * 7, i, acc) end)
IO.inspect({:dict.size(big), elem(big, 2), elem(big, 3), tuple_size(elem(big, 8)), :dict.fetch(70, big)})
IO.inspect(:dict.to_list(big) |> Enum.take(10))
small = Enum.reduce(1..280, big, fn i, acc -> :dict.erase(i * 7, acc) end)
IO.inspect(small, limit: :infinity)

for bad <- [fn -> :dict.fetch(:nope, d) end, fn -> :dict.update(:nope, & &1, d) end] do
  try do
    bad.()
  rescue
    e in ArgumentError -> IO.inspect(e.message)
  end
end
