# :orddict: dictionaries as lists of {key, value} sorted by key.

d = :orddict.from_list([{:b, 2}, {:a, 1}, {:c, 3}, {:a, 10}])
IO.inspect(d)
IO.inspect({:orddict.new(), :orddict.size(d), :orddict.is_empty(d), :orddict.is_empty([]), :orddict.to_list(d)})
IO.inspect({:orddict.is_key(:a, d), :orddict.is_key(:z, d)})
IO.inspect({:orddict.fetch(:b, d), :orddict.find(:c, d), :orddict.find(:z, d)})
IO.inspect(:orddict.fetch_keys(d))
IO.inspect(:orddict.store(:b, 20, d))
IO.inspect(:orddict.store(:aa, 5, d))
IO.inspect(:orddict.erase(:a, d))
IO.inspect(:orddict.erase(:zz, d))
IO.inspect(:orddict.take(:b, d))
IO.inspect(:orddict.take(:q, d))
IO.inspect(:orddict.append(:a, :x, :orddict.store(:a, [], d)))
IO.inspect(:orddict.append(:new, :x, d))
IO.inspect(:orddict.append_list(:l, [1, 2], :orddict.append_list(:l, [0], d)))
IO.inspect(:orddict.update(:a, &(&1 * 100), d))
IO.inspect(:orddict.update(:q, &(&1 * 100), 0, d))
IO.inspect(:orddict.update(:c, &(&1 * 100), 0, d))
IO.inspect(:orddict.update_counter(:c, 5, d))
IO.inspect(:orddict.update_counter(:d, 5, d))
IO.inspect(:orddict.fold(fn k, v, acc -> [{v, k} | acc] end, [], d))
IO.inspect(:orddict.map(fn _k, v -> v + 1 end, d))
IO.inspect(:orddict.filter(fn _k, v -> v > 2 end, d))
IO.inspect(:orddict.merge(fn _k, v1, v2 -> v1 + v2 end, d, [{:a, 1}, {:d, 4}]))

# Keys compare with ==: 1 and 1.0 are one key.
IO.inspect(:orddict.store(1.0, :float, :orddict.store(1, :int, [])))

# Counting words, a common use.
words = ~w(the cat and the hat and the bat)
IO.inspect(Enum.reduce(words, :orddict.new(), fn w, acc -> :orddict.update_counter(w, 1, acc) end))

try do
  :orddict.fetch(:missing, d)
rescue
  e in FunctionClauseError -> IO.inspect({e.module, e.function, e.arity})
end
