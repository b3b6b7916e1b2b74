# Tuple module
IO.inspect Tuple.to_list({:a, :b, :c})
IO.inspect Tuple.append({1, 2}, 3)
IO.inspect Tuple.append({}, :only)
IO.inspect Tuple.insert_at({:a, :c}, 1, :b)
IO.inspect Tuple.delete_at({:a, :b, :c}, 0)
IO.inspect Tuple.duplicate(0, 4)
IO.inspect Tuple.to_list({})
