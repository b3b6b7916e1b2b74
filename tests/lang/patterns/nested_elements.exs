# List elements that are patterns themselves, and `_` in lists and tuples: matched after the
# tail from a scratch local, with the same bindings and failures as before.
defmodule N do
  def pick([{c, _}], _r), do: c
  def pick([{c, p} | rest], r), do: if(r < p, do: c, else: pick(rest, r))
  def len([], a), do: a
  def len([_ | t], a), do: len(t, a + 1)
  def second({_, v}), do: v
  def pairs([{k, v}, {k, w} | _]), do: {:same_key, k, v, w}
  def pairs([{k, _}, {j, _} | _]), do: {:different, k, j}
  def pairs(_), do: :short
  def deep([[a, _], {_, [b | _]} | t]), do: {a, b, t}
  def deep(_), do: :no
  def lit([{:ok, x} | _]), do: {:ok, x}
  def lit([{:error, _} | _]), do: :error
  def lit(_), do: :other
end

cum = [{?a, 0.3}, {?b, 0.6}, {?c, 1.0}]
IO.inspect Enum.map([0.1, 0.5, 0.9, 2.0], &N.pick(cum, &1))
IO.inspect N.len(Enum.to_list(1..10), 0)
IO.inspect N.second({1, 2})
IO.inspect N.pairs([{:a, 1}, {:a, 2}])
IO.inspect N.pairs([{:a, 1}, {:b, 2}, {:c, 3}])
IO.inspect N.pairs([{:a, 1}])
IO.inspect N.deep([[1, 2], {3, [4, 5]}, 6])
IO.inspect N.deep([[1, 2], {3, []}, 6])
IO.inspect N.lit([{:ok, 1}])
IO.inspect N.lit([{:error, 1}])
IO.inspect N.lit([{:other, 1}])
case [{1, [2, 3]}, :x] do
  [{a, [_ | rest]}, _] -> IO.inspect({a, rest})
end
[{x, _}, _ | _] = [{:m, :n}, :o, :p]
IO.inspect x
