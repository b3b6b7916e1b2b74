# The :lists, :maps and :erlang functions Elixir programs commonly call directly.
IO.inspect({:lists.seq(1, 5), :lists.seq(1, 0), :lists.seq(1, 10, 3), :lists.seq(5, 1, -2), :lists.sum([1, 2, 3]), :lists.max([3, 9, 2])})
IO.inspect({:lists.foldl(fn x, acc -> x + acc end, 0, [1, 2, 3]), :lists.foldr(fn x, acc -> [x | acc] end, [], [1, 2, 3]), :lists.map(&(&1 * 2), [1, 2])})
IO.inspect({:lists.sort([3, 1, 2]), :lists.sort(fn a, b -> a > b end, [3, 1, 2]), :lists.usort([3, 1, 3, 2]), :lists.nth(2, [:a, :b, :c]), :lists.last([1, 2])})
IO.inspect({:lists.member(2, [1, 2]), :lists.append([1], [2]), :lists.append([[1], [2, 3]]), :lists.flatten([1, [2, [3]]]), :lists.duplicate(3, :x)})
IO.inspect({:lists.keyfind(:b, 1, [{:a, 1}, {:b, 2}]), :lists.keyfind(:z, 1, [{:a, 1}]), :lists.split(2, [1, 2, 3]), :lists.sublist([1, 2, 3], 2), :lists.delete(2, [1, 2, 3, 2])})
IO.inspect({:lists.filtermap(fn x -> if x > 1, do: {true, x * 10}, else: false end, [1, 2, 3]), :lists.partition(&(&1 > 1), [1, 2, 3]), :lists.reverse([1, 2])})
m = %{a: 1}
IO.inspect({:maps.get(:a, m), :maps.get(:b, m, 0), :maps.find(:a, m), :maps.find(:b, m), :maps.put(:b, 2, m), :maps.remove(:a, m), :maps.is_key(:a, m)})
IO.inspect({:maps.keys(%{b: 2, a: 1}), :maps.values(%{b: 2, a: 1}), :maps.to_list(m), :maps.from_list([{1, 2}]), :maps.size(m), :maps.merge(m, %{c: 3})})
IO.inspect({:maps.fold(fn k, v, acc -> [{k, v} | acc] end, [], %{a: 1, b: 2}), :maps.map(fn _k, v -> v * 10 end, %{a: 1}), :maps.filter(fn _k, v -> v > 1 end, %{a: 1, b: 2})})
IO.inspect({:erlang.element(2, {:a, :b}), :erlang.setelement(1, {:a, :b}, :z), :erlang.list_to_tuple([1, 2]), :erlang.tuple_to_list({1, 2}), :erlang.make_tuple(3, 0)})
IO.inspect({:erlang.abs(-3), :erlang.max(1, 2), :erlang.min(1, 2), :erlang.length([1]), :erlang.iolist_to_binary(["a", ?b, ["c"]]), :erlang.atom_to_list(:ok)})
try do
  :maps.get(:zz, m)
rescue
  e -> IO.inspect(e.__struct__)
end
