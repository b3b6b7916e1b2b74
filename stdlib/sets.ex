# Erlang's `:sets`, unordered sets, loaded on first use.
#
# OTP 25 has two representations and every function takes either. Version 1, what `new/0`
# and `from_list/1` make, is a linear hash table held in the record
# `{:set, size, n, maxn, bso, exp_size, con_size, empty, segs}`: `segs` is a tuple of
# segments, each a tuple of 16 buckets (lists), an element sits in the bucket
# `:erlang.phash/2` picks, and the table grows one bucket at a time as elements arrive. That
# record is what such a set prints as, and the order of its buckets is the order of
# `to_list/1` and `fold/3`, so the algorithm here is OTP's step for step, on the BEAM's own
# hash. Version 2 (`new(version: 2)`) is a map of each element to `[]`. Elements are equal
# only when they match exactly: `1` and `1.0` are two elements.

defmodule :sets do
  @seg_size 16

  def new() do
    empty = mk_seg()
    {:set, 0, 16, 16, 8, 80, 48, empty, {empty}}
  end

  def new([{:version, 2}]), do: %{}

  def new(opts) do
    case version(opts) do
      1 -> new()
      2 -> %{}
    end
  end

  # The `:version` option as `proplists:get_value/3` reads it, 1 when absent.
  defp version(opts) do
    case List.keyfind(opts, :version, 0) do
      {:version, v} -> v
      nil -> 1
    end
  end

  def from_list(ls), do: List.foldl(ls, new(), &add_element/2)

  def from_list(ls, [{:version, 2}]), do: Map.new(ls, &{&1, []})

  def from_list(ls, opts) do
    case version(opts) do
      1 -> from_list(ls)
      2 -> from_list(ls, [{:version, 2}])
    end
  end

  def is_set(%{}), do: true
  def is_set({:set, _, _, _, _, _, _, _, _}), do: true
  def is_set(_), do: false

  def size(%{} = s), do: map_size(s)
  def size({:set, size, _, _, _, _, _, _, _}), do: size

  def is_empty(%{} = s), do: map_size(s) == 0
  def is_empty({:set, size, _, _, _, _, _, _, _}), do: size == 0

  def to_list(%{} = s), do: Map.keys(s)
  def to_list(s) do
    segs = elem(s, 8)
    to_list_segs(segs, tuple_size(segs), [])
  end

  # `fold/3` with `[e | acc]`, without a call per element.
  defp to_list_segs(segs, i, acc) when i >= 1, do: to_list_segs(segs, i - 1, to_list_seg(elem(segs, i - 1), @seg_size, acc))
  defp to_list_segs(_, _, acc), do: acc

  defp to_list_seg(seg, i, acc) when i >= 1, do: to_list_seg(seg, i - 1, :lists.reverse(elem(seg, i - 1), acc))
  defp to_list_seg(_, _, acc), do: acc

  # Version 1 sets are read with `elem/2` rather than matched whole: a match would keep a
  # second reference to the segments tuple, and `put_elem/3` then copies all of it (a
  # 100,000-element set has 2,048 segments) on every change. Taken out of an unshared
  # record, the segments are changed in place.
  def is_element(e, %{} = s), do: Map.has_key?(s, e)

  def is_element(e, s) when elem(s, 0) == :set,
    do: Enum.member?(get_bucket_s(elem(s, 8), get_slot(s, e)), e)

  def add_element(e, %{} = s), do: Map.put(s, e, [])

  def add_element(e, s) do
    slot = get_slot(s, e)
    bkt = get_bucket_s(elem(s, 8), slot)

    if Enum.member?(bkt, e), do: s, else: maybe_expand(update_bucket(s, slot, [e | bkt]))
  end

  def del_element(e, %{} = s), do: Map.delete(s, e)

  def del_element(e, s) do
    slot = get_slot(s, e)
    bkt = get_bucket_s(elem(s, 8), slot)

    if Enum.member?(bkt, e), do: maybe_contract(update_bucket(s, slot, :lists.delete(e, bkt)), 1), else: s
  end

  def union(%{} = s1, %{} = s2), do: Map.merge(s1, s2)

  def union(s1, s2) do
    if size(s1) < size(s2),
      do: fold(&add_element/2, s2, s1),
      else: fold(&add_element/2, s1, s2)
  end

  def union([s1, s2 | ss]), do: union1(union(s1, s2), ss)
  def union([s]), do: s
  def union([]), do: new()

  defp union1(s1, [s2 | ss]), do: union1(union(s1, s2), ss)
  defp union1(s1, []), do: s1

  def intersection(%{} = s1, %{} = s2) do
    {small, big} = if map_size(s1) < map_size(s2), do: {s1, s2}, else: {s2, s1}
    Map.filter(small, fn {k, _} -> Map.has_key?(big, k) end)
  end

  def intersection(s1, s2) do
    if size(s1) < size(s2),
      do: filter(&is_element(&1, s2), s1),
      else: filter(&is_element(&1, s1), s2)
  end

  def intersection([s1, s2 | ss]), do: intersection1(intersection(s1, s2), ss)
  def intersection([s]), do: s

  defp intersection1(s1, [s2 | ss]), do: intersection1(intersection(s1, s2), ss)
  defp intersection1(s1, []), do: s1

  def is_disjoint(%{} = s1, %{} = s2) do
    {small, big} = if map_size(s1) < map_size(s2), do: {s1, s2}, else: {s2, s1}
    not Enum.any?(Map.keys(small), &Map.has_key?(big, &1))
  end

  def is_disjoint(s1, s2) do
    {small, big} = if size(s1) < size(s2), do: {s1, s2}, else: {s2, s1}
    fold(fn
      _, false -> false
      e, true -> not is_element(e, big)
    end, true, small)
  end

  def subtract(%{} = s1, %{} = s2), do: Map.drop(s1, Map.keys(s2))
  def subtract(s1, s2), do: filter(&(not is_element(&1, s2)), s1)

  def is_subset(%{} = s1, %{} = s2) do
    map_size(s1) <= map_size(s2) and Enum.all?(Map.keys(s1), &Map.has_key?(s2, &1))
  end

  def is_subset(s1, s2), do: fold(fn e, sub -> sub and is_element(e, s2) end, true, s1)

  def fold(f, acc, %{} = d) when is_function(f, 2), do: List.foldl(Map.keys(d), acc, f)

  # Segments from the last to the first, buckets from the 16th to the first, each bucket
  # from its head: the order OTP folds in.
  def fold(f, acc, s) when elem(s, 0) == :set and is_function(f, 2) do
    segs = elem(s, 8)
    fold_segs(f, acc, segs, tuple_size(segs))
  end

  defp fold_segs(f, acc, segs, i) when i >= 1 do
    seg = elem(segs, i - 1)
    fold_segs(f, fold_seg(f, acc, seg, tuple_size(seg)), segs, i - 1)
  end

  defp fold_segs(_, acc, _, _), do: acc

  defp fold_seg(f, acc, seg, i) when i >= 1, do: fold_seg(f, fold_bucket(f, acc, elem(seg, i - 1)), seg, i - 1)
  defp fold_seg(_, acc, _, _), do: acc

  defp fold_bucket(f, acc, [e | bkt]), do: fold_bucket(f, f.(e, acc), bkt)
  defp fold_bucket(_, acc, []), do: acc

  def filter(f, %{} = d) when is_function(f, 1), do: Map.filter(d, fn {k, _} -> f.(k) end)

  # Each bucket is filtered into reverse order, and the table shrinks by at most one bucket
  # however many elements went: both as in OTP.
  def filter(f, s) when elem(s, 0) == :set and is_function(f, 1) do
    {segs, removed} = filter_segs(f, Tuple.to_list(elem(s, 8)), [], 0)
    maybe_contract(put_elem(s, 8, segs), removed)
  end

  defp filter_segs(f, [seg | segs], acc, fc) do
    {bkts, fc} = filter_bkts(f, Tuple.to_list(seg), [], fc)
    filter_segs(f, segs, [bkts | acc], fc)
  end

  defp filter_segs(_, [], acc, fc), do: {List.to_tuple(:lists.reverse(acc)), fc}

  defp filter_bkts(f, [bkt | bkts], acc, fc) do
    {bkt, fc} = filter_bucket(f, bkt, [], fc)
    filter_bkts(f, bkts, [bkt | acc], fc)
  end

  defp filter_bkts(_, [], acc, fc), do: {List.to_tuple(:lists.reverse(acc)), fc}

  defp filter_bucket(f, [e | bkt], kept, fc) do
    case f.(e) do
      true -> filter_bucket(f, bkt, [e | kept], fc)
      false -> filter_bucket(f, bkt, kept, fc + 1)
    end
  end

  defp filter_bucket(_, [], kept, fc), do: {kept, fc}

  # The slot (1-based) of an element: its hash over the table's full range, folded into
  # the buckets in use while the table is between two doublings.
  defp get_slot(s, key) do
    h = :erlang.phash(key, elem(s, 3))
    if h > elem(s, 2), do: h - elem(s, 4), else: h
  end

  defp get_bucket_s(segs, slot) do
    i = slot - 1
    elem(elem(segs, div(i, @seg_size)), rem(i, @seg_size))
  end

  # Each tuple on the way is taken out of its parent before it is changed, so that an
  # unshared one is changed in place (see `is_element/2`).
  defp update_bucket(s, slot, bkt) do
    segs = elem(s, 8)
    s = put_elem(s, 8, nil)
    put_elem(s, 8, put_bucket_s(segs, slot, bkt))
  end

  defp put_bucket_s(segs, slot, bkt) do
    i = slot - 1
    seg_i = div(i, @seg_size)
    seg = elem(segs, seg_i)
    segs = put_elem(segs, seg_i, nil)
    put_elem(segs, seg_i, put_elem(seg, rem(i, @seg_size), bkt))
  end

  # One element more: past the expansion size, the next bucket is split off the one it
  # shares a hash range with, and the segments double when every bucket is in use.
  defp maybe_expand(s) do
    size = elem(s, 1)

    if size + 1 > elem(s, 5) do
      {n, maxn, bso, empty} = {elem(s, 2), elem(s, 3), elem(s, 4), elem(s, 7)}
      # The record's last use: the segments are then held only here.
      segs = elem(s, 8)
      grow = n == maxn
      segs = if grow, do: expand_segs(segs, empty), else: segs
      maxn = if grow, do: 2 * maxn, else: maxn
      bso = if grow, do: 2 * bso, else: bso
      n1 = n + 1
      slot1 = n1 - bso
      {b1, b2} = rehash(get_bucket_s(segs, slot1), slot1, n1, maxn)
      segs = put_bucket_s(put_bucket_s(segs, slot1, b1), n1, b2)
      {:set, size + 1, n1, maxn, bso, n1 * 5, n1 * 3, empty, segs}
    else
      put_elem(s, 1, size + 1)
    end
  end

  # `dc` elements fewer: below the contraction size, the last bucket is merged back into
  # its pair, and the segments halve when half the buckets are left.
  defp maybe_contract(s, dc) do
    {size, n, bso} = {elem(s, 1), elem(s, 2), elem(s, 4)}

    if size - dc < elem(s, 6) and n > 16 do
      {maxn, empty} = {elem(s, 3), elem(s, 7)}
      segs = elem(s, 8)
      slot1 = n - bso
      b1 = get_bucket_s(segs, slot1)
      b2 = get_bucket_s(segs, n)
      segs = put_bucket_s(put_bucket_s(segs, slot1, b1 ++ b2), n, [])
      n1 = n - 1

      if n1 == bso,
        do: {:set, size - dc, n1, div(maxn, 2), div(bso, 2), n1 * 5, n1 * 3, empty, contract_segs(segs)},
        else: {:set, size - dc, n1, maxn, bso, n1 * 5, n1 * 3, empty, segs}
    else
      put_elem(s, 1, size - dc)
    end
  end

  defp rehash([e | t], slot1, slot2, maxn) do
    {l1, l2} = rehash(t, slot1, slot2, maxn)

    case :erlang.phash(e, maxn) do
      ^slot1 -> {[e | l1], l2}
      ^slot2 -> {l1, [e | l2]}
    end
  end

  defp rehash([], _, _, _), do: {[], []}

  defp mk_seg(), do: {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []}

  defp expand_segs(segs, empty), do: List.to_tuple(Tuple.to_list(segs) ++ List.duplicate(empty, tuple_size(segs)))

  defp contract_segs(segs), do: List.to_tuple(Enum.take(Tuple.to_list(segs), div(tuple_size(segs), 2)))
end
