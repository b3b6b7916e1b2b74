# Erlang's `:ordsets`, sets as sorted lists without duplicates, loaded on first use.
#
# A set is a plain list, so programs print it and pass it to `Enum` freely. Elements compare
# with `<`/`>` (`1` and `1.0` are one element), and the recursions are OTP 25's, which decide
# which of two equal elements a union keeps.

defmodule :ordsets do
  def new(), do: []

  def is_set([e | es]), do: is_set(es, e)
  def is_set([]), do: true
  def is_set(_), do: false

  defp is_set([e2 | es], e1) when e1 < e2, do: is_set(es, e2)
  defp is_set([_ | _], _), do: false
  defp is_set([], _), do: true

  def size(s), do: length(s)

  def is_empty(s), do: s === []

  def to_list(s), do: s

  def from_list(l), do: :lists.usort(l)

  def is_element(e, [h | es]) when e > h, do: is_element(e, es)
  def is_element(e, [h | _]) when e < h, do: false
  def is_element(_e, [_h | _]), do: true
  def is_element(_, []), do: false

  def add_element(e, [h | es]) when e > h, do: [h | add_element(e, es)]
  def add_element(e, [h | _] = set) when e < h, do: [e | set]
  def add_element(_e, [_h | _] = set), do: set
  def add_element(e, []), do: [e]

  def del_element(e, [h | es]) when e > h, do: [h | del_element(e, es)]
  def del_element(e, [h | _] = set) when e < h, do: set
  def del_element(_e, [_h | es]), do: es
  def del_element(_, []), do: []

  def union([e1 | es1], [e2 | _] = set2) when e1 < e2, do: [e1 | union(es1, set2)]
  def union([e1 | _] = set1, [e2 | es2]) when e1 > e2, do: [e2 | union(es2, set1)]
  def union([e1 | es1], [_e2 | es2]), do: [e1 | union(es1, es2)]
  def union([], es2), do: es2
  def union(es1, []), do: es1

  def union(sets) when is_list(sets), do: List.foldl(sets, [], fn s, acc -> union(acc, s) end)

  def intersection([e1 | es1], [e2 | _] = set2) when e1 < e2, do: intersection(es1, set2)
  def intersection([e1 | _] = set1, [e2 | es2]) when e1 > e2, do: intersection(es2, set1)
  def intersection([e1 | es1], [_e2 | es2]), do: [e1 | intersection(es1, es2)]
  def intersection([], _), do: []
  def intersection(_, []), do: []

  def intersection([s1, s2 | ss]), do: intersection1(intersection(s1, s2), ss)
  def intersection([s]), do: s

  defp intersection1(s1, [s2 | ss]), do: intersection1(intersection(s1, s2), ss)
  defp intersection1(s1, []), do: s1

  def is_disjoint([e1 | es1], [e2 | _] = set2) when e1 < e2, do: is_disjoint(es1, set2)
  def is_disjoint([e1 | _] = set1, [e2 | es2]) when e1 > e2, do: is_disjoint(es2, set1)
  def is_disjoint([_e1 | _es1], [_e2 | _es2]), do: false
  def is_disjoint([], _), do: true
  def is_disjoint(_, []), do: true

  def subtract([e1 | es1], [e2 | _] = set2) when e1 < e2, do: [e1 | subtract(es1, set2)]
  def subtract([e1 | _] = set1, [e2 | es2]) when e1 > e2, do: subtract(set1, es2)
  def subtract([_e1 | es1], [_e2 | es2]), do: subtract(es1, es2)
  def subtract([], _), do: []
  def subtract(es1, []), do: es1

  def is_subset([e1 | _], [e2 | _]) when e1 < e2, do: false
  def is_subset([e1 | _] = set1, [e2 | es2]) when e1 > e2, do: is_subset(set1, es2)
  def is_subset([_e1 | es1], [_e2 | es2]), do: is_subset(es1, es2)
  def is_subset([], _), do: true
  def is_subset(_, []), do: false

  def fold(f, acc, set), do: :lists.foldl(f, acc, set)

  def filter(f, set), do: :lists.filter(f, set)
end
