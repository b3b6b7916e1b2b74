# Erlang's `:gb_sets`, ordered sets as general balanced trees, loaded on first use.
#
# A set is `{size, node}`, a node `{element, smaller, bigger}` or `nil`, as in OTP 25; the
# balancing is OTP's (see `stdlib/gb_trees.ex`), and so are the set operations: merging two
# sorted lists when the sets are of similar size, looking each element of the smaller one
# up in the bigger otherwise. Elements compare with `<`/`>`, so `1` and `1.0` are one element.

defmodule :gb_sets do
  def empty(), do: {0, nil}
  def new(), do: {0, nil}

  def is_empty({0, nil}), do: true
  def is_empty(_), do: false

  def size({size, _}), do: size

  def singleton(key), do: {1, {key, nil, nil}}

  def is_element(key, s), do: is_member(key, s)

  def is_member(key, {_, t}), do: is_member_1(key, t)

  # One clause tests the node and then compares: see `gb_trees.ex`.
  defp is_member_1(key, {key1, smaller, bigger}) do
    cond do
      key < key1 -> is_member_1(key, smaller)
      key > key1 -> is_member_1(key, bigger)
      true -> true
    end
  end

  defp is_member_1(_, nil), do: false

  def insert(key, {s, t}) do
    s1 = s + 1
    {s1, insert_1(key, t, s1 * s1)}
  end

  defp insert_1(key, {key1, smaller, bigger}, s) do
    cond do
      key < key1 ->
        case insert_1(key, smaller, div(s, 2)) do
          {t1, h1, s1} when is_integer(h1) ->
            t = {key1, t1, bigger}
            {h2, s2} = count(bigger)
            h = max(h1, h2) * 2
            ss = s1 + s2 + 1
            if h > ss * ss, do: balance(t, ss), else: {t, h, ss}

          t1 ->
            {key1, t1, bigger}
        end

      key > key1 ->
        case insert_1(key, bigger, div(s, 2)) do
          {t1, h1, s1} when is_integer(h1) ->
            t = {key1, smaller, t1}
            {h2, s2} = count(smaller)
            h = max(h1, h2) * 2
            ss = s1 + s2 + 1
            if h > ss * ss, do: balance(t, ss), else: {t, h, ss}

          t1 ->
            {key1, smaller, t1}
        end

      true ->
        :erlang.error({:key_exists, key})
    end
  end

  defp insert_1(key, nil, 0), do: {{key, nil, nil}, 1, 1}
  defp insert_1(key, nil, _), do: {key, nil, nil}

  defp count({_, nil, nil}), do: {1, 1}

  defp count({_, sm, bi}) do
    {h1, s1} = count(sm)
    {h2, s2} = count(bi)
    {max(h1, h2) * 2, s1 + s2 + 1}
  end

  defp count(nil), do: {1, 0}

  def balance({s, t}), do: {s, balance(t, s)}

  defp balance(t, s), do: balance_list(to_list(t, []), s)

  defp balance_list(l, s) do
    {t, _} = balance_list_1(l, s)
    t
  end

  defp balance_list_1(l, s) when s > 1 do
    sm = s - 1
    s2 = div(sm, 2)
    s1 = sm - s2
    {t1, [k | l1]} = balance_list_1(l, s1)
    {t2, l2} = balance_list_1(l1, s2)
    {{k, t1, t2}, l2}
  end

  defp balance_list_1([key | l], 1), do: {{key, nil, nil}, l}
  defp balance_list_1(l, 0), do: {nil, l}

  def add_element(x, s), do: add(x, s)

  def add(x, s) do
    if is_member(x, s), do: s, else: insert(x, s)
  end

  def from_list(l), do: from_ordset(:lists.usort(l))

  def from_ordset(l) do
    s = length(l)
    {s, balance_list(l, s)}
  end

  def del_element(key, s), do: delete_any(key, s)

  def delete_any(key, s) do
    if is_member(key, s), do: delete(key, s), else: s
  end

  def delete(key, {s, t}), do: {s - 1, delete_1(key, t)}

  defp delete_1(key, {key1, smaller, bigger}) do
    cond do
      key < key1 -> {key1, delete_1(key, smaller), bigger}
      key > key1 -> {key1, smaller, delete_1(key, bigger)}
      true -> merge(smaller, bigger)
    end
  end

  defp merge(smaller, nil), do: smaller
  defp merge(nil, larger), do: larger

  defp merge(smaller, larger) do
    {key, larger1} = take_smallest1(larger)
    {key, smaller, larger1}
  end

  def take_smallest({s, t}) do
    {key, larger} = take_smallest1(t)
    {key, {s - 1, larger}}
  end

  defp take_smallest1({key, nil, larger}), do: {key, larger}

  defp take_smallest1({key, smaller, larger}) do
    {key1, smaller1} = take_smallest1(smaller)
    {key1, {key, smaller1, larger}}
  end

  def smallest({_, t}), do: smallest_1(t)

  defp smallest_1({key, nil, _larger}), do: key
  defp smallest_1({_key, smaller, _larger}), do: smallest_1(smaller)

  def take_largest({s, t}) do
    {key, smaller} = take_largest1(t)
    {key, {s - 1, smaller}}
  end

  defp take_largest1({key, smaller, nil}), do: {key, smaller}

  defp take_largest1({key, smaller, larger}) do
    {key1, larger1} = take_largest1(larger)
    {key1, {key, smaller, larger1}}
  end

  def largest({_, t}), do: largest_1(t)

  defp largest_1({key, _smaller, nil}), do: key
  defp largest_1({_key, _smaller, larger}), do: largest_1(larger)

  def to_list({_, t}), do: to_list(t, [])

  defp to_list({key, small, big}, l), do: to_list(small, [key | to_list(big, l)])
  defp to_list(nil, l), do: l

  # An iterator is the stack of nodes still to visit, the next one first.
  def iterator({_, t}), do: iterator(t, [])

  defp iterator({_, nil, _} = t, as), do: [t | as]
  defp iterator({_, l, _} = t, as), do: iterator(l, [t | as])
  defp iterator(nil, as), do: as

  def iterator_from(s, {_, t}), do: iterator_from(s, t, [])

  defp iterator_from(s, {k, _, t}, as) when k < s, do: iterator_from(s, t, as)
  defp iterator_from(_, {_, nil, _} = t, as), do: [t | as]
  defp iterator_from(s, {_, l, _} = t, as), do: iterator_from(s, l, [t | as])
  defp iterator_from(_, nil, as), do: as

  def next([{x, _, t} | as]), do: {x, iterator(t, as)}
  def next([]), do: :none

  # Whether to merge the sorted lists of both sets (`n2` small, or not much bigger than the
  # other's `n1` elements times the depth of a lookup) or look each element up in the tree.
  defp merge_lists?(n1, n2), do: n2 < 10 or n2 < n1 * round(1.46 * :math.log(n2))

  def union({n1, t1}, {n2, t2}) when n2 < n1, do: union(to_list(t2, []), n2, t1, n1)
  def union({n1, t1}, {n2, t2}), do: union(to_list(t1, []), n1, t2, n2)

  defp union(l, n1, t2, n2) do
    if merge_lists?(n1, n2), do: union_2(l, to_list(t2, []), [], n1 + n2), else: union_1(l, {n2, t2})
  end

  defp union_1([x | xs], s), do: union_1(xs, add(x, s))
  defp union_1([], s), do: s

  # The lists swap places when the second's head is smaller, as in OTP: of two equal
  # elements (`1` and `1.0`), the one kept is then the one OTP keeps.
  defp union_2([x | xs1], [y | _] = ys, as, s) when x < y, do: union_2(xs1, ys, [x | as], s)
  defp union_2([x | _] = xs, [y | ys1], as, s) when x > y, do: union_2(ys1, xs, [y | as], s)
  defp union_2([x | xs1], [_ | ys1], as, s), do: union_2(xs1, ys1, [x | as], s - 1)
  defp union_2([], ys, as, s), do: {s, balance_revlist(push(ys, as), s)}
  defp union_2(xs, [], as, s), do: {s, balance_revlist(push(xs, as), s)}

  defp push([x | xs], as), do: push(xs, [x | as])
  defp push([], as), do: as

  defp balance_revlist(l, s) do
    {t, _} = balance_revlist_1(l, s)
    t
  end

  defp balance_revlist_1(l, s) when s > 1 do
    sm = s - 1
    s2 = div(sm, 2)
    s1 = sm - s2
    {t2, [k | l1]} = balance_revlist_1(l, s1)
    {t1, l2} = balance_revlist_1(l1, s2)
    {{k, t1, t2}, l2}
  end

  defp balance_revlist_1([key | l], 1), do: {{key, nil, nil}, l}
  defp balance_revlist_1(l, 0), do: {nil, l}

  def union([s | ss]), do: union_list(s, ss)
  def union([]), do: empty()

  defp union_list(s, [s1 | ss]), do: union_list(union(s, s1), ss)
  defp union_list(s, []), do: s

  def intersection({n1, t1}, {n2, t2}) when n2 < n1, do: intersection(to_list(t2, []), n2, t1, n1)
  def intersection({n1, t1}, {n2, t2}), do: intersection(to_list(t1, []), n1, t2, n2)

  defp intersection(l, n1, t2, n2) do
    if merge_lists?(n1, n2), do: intersection_2(l, to_list(t2, []), [], 0), else: intersection_1(l, t2, [], 0)
  end

  defp intersection_1([x | xs], t, as, n) do
    if is_member_1(x, t), do: intersection_1(xs, t, [x | as], n + 1), else: intersection_1(xs, t, as, n)
  end

  defp intersection_1([], _, as, n), do: {n, balance_revlist(as, n)}

  defp intersection_2([x | xs1], [y | _] = ys, as, s) when x < y, do: intersection_2(xs1, ys, as, s)
  defp intersection_2([x | _] = xs, [y | ys1], as, s) when x > y, do: intersection_2(ys1, xs, as, s)
  defp intersection_2([x | xs1], [_ | ys1], as, s), do: intersection_2(xs1, ys1, [x | as], s + 1)
  defp intersection_2([], _, as, s), do: {s, balance_revlist(as, s)}
  defp intersection_2(_, [], as, s), do: {s, balance_revlist(as, s)}

  def intersection([s | ss]), do: intersection_list(s, ss)

  defp intersection_list(s, [s1 | ss]), do: intersection_list(intersection(s, s1), ss)
  defp intersection_list(s, []), do: s

  def is_disjoint({n1, t1}, {n2, t2}) when n1 < n2, do: is_disjoint_1(t1, t2)
  def is_disjoint({_, t1}, {_, t2}), do: is_disjoint_1(t2, t1)

  defp is_disjoint_1({k1, smaller1, bigger}, {k2, smaller2, _} = tree) when k1 < k2 do
    not is_member_1(k1, smaller2) and is_disjoint_1(smaller1, smaller2) and is_disjoint_1(bigger, tree)
  end

  defp is_disjoint_1({k1, smaller, bigger1}, {k2, _, bigger2} = tree) when k1 > k2 do
    not is_member_1(k1, bigger2) and is_disjoint_1(bigger1, bigger2) and is_disjoint_1(smaller, tree)
  end

  defp is_disjoint_1({_k1, _, _}, {_k2, _, _}), do: false
  defp is_disjoint_1(nil, _), do: true
  defp is_disjoint_1(_, nil), do: true

  def subtract(s1, s2), do: difference(s1, s2)

  def difference({n1, t1}, {n2, t2}) do
    l = to_list(t1, [])
    if merge_lists?(n1, n2), do: difference_2(l, to_list(t2, []), [], n1), else: difference_1(l, t2, [], 0)
  end

  defp difference_1([x | xs], t, as, n) do
    if is_member_1(x, t), do: difference_1(xs, t, as, n), else: difference_1(xs, t, [x | as], n + 1)
  end

  defp difference_1([], _, as, n), do: {n, balance_revlist(as, n)}

  defp difference_2([x | xs1], [y | _] = ys, as, s) when x < y, do: difference_2(xs1, ys, [x | as], s)
  defp difference_2([x | _] = xs, [y | ys1], as, s) when x > y, do: difference_2(xs, ys1, as, s)
  defp difference_2([_x | xs1], [_y | ys1], as, s), do: difference_2(xs1, ys1, as, s - 1)
  defp difference_2([], _ys, as, s), do: {s, balance_revlist(as, s)}
  defp difference_2(xs, [], as, s), do: {s, balance_revlist(push(xs, as), s)}

  def is_subset({n1, t1}, {n2, t2}) do
    l = to_list(t1, [])
    if merge_lists?(n1, n2), do: is_subset_2(l, to_list(t2, [])), else: is_subset_1(l, t2)
  end

  defp is_subset_1([x | xs], t) do
    if is_member_1(x, t), do: is_subset_1(xs, t), else: false
  end

  defp is_subset_1([], _), do: true

  defp is_subset_2([x | _], [y | _]) when x < y, do: false
  defp is_subset_2([x | _] = xs, [y | ys1]) when x > y, do: is_subset_2(xs, ys1)
  defp is_subset_2([_ | xs1], [_ | ys1]), do: is_subset_2(xs1, ys1)
  defp is_subset_2([], _), do: true
  defp is_subset_2(_, []), do: false

  def is_set({0, nil}), do: true
  def is_set({n, {_, _, _}}) when is_integer(n) and n >= 0, do: true
  def is_set(_), do: false

  def filter(f, s) when is_function(f, 1), do: from_ordset(for x <- to_list(s), f.(x), do: x)

  def fold(f, a, {_, t}) when is_function(f, 2), do: fold_1(f, a, t)

  defp fold_1(f, acc0, {key, small, big}) do
    acc1 = fold_1(f, acc0, small)
    fold_1(f, f.(key, acc1), big)
  end

  defp fold_1(_, acc, _), do: acc
end
