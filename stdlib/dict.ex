# Erlang's `:dict`, key-value dictionaries, loaded on first use.
#
# A dictionary is OTP 25's linear hash table, the record
# `{:dict, size, n, maxn, bso, exp_size, con_size, empty, segs}` with each entry an improper
# list `[key | value]` in the bucket `:erlang.phash/2` picks: the same table as version 1
# `:sets` (see `stdlib/sets.ex`), and what such a dictionary prints as. Keys are equal only
# when they match exactly (`1` and `1.0` are two keys). As in `sets.ex`, a dictionary is read
# with `elem/2` and its segments are taken out before a change, so that one no one else
# holds is changed in place rather than copied.

defmodule :dict do
  @seg_size 16

  def new() do
    empty = mk_seg()
    {:dict, 0, 16, 16, 8, 80, 48, empty, {empty}}
  end

  def is_key(key, d), do: find_key(key, get_bucket(d, get_slot(d, key)))

  defp find_key(k, [[k1 | _val] | bkt]), do: if(k1 === k, do: true, else: find_key(k, bkt))
  defp find_key(_, []), do: false

  def to_list(d), do: collect(d, true)

  def from_list(l), do: List.foldl(l, new(), fn {k, v}, d -> store(k, v, d) end)

  def size({:dict, n, _, _, _, _, _, _, _}) when is_integer(n) and n >= 0, do: n

  def is_empty({:dict, n, _, _, _, _, _, _, _}), do: n == 0

  def fetch(key, d) do
    case find_val(key, get_bucket(d, get_slot(d, key))) do
      {:ok, val} -> val
      :error -> :erlang.error(:badarg)
    end
  end

  def find(key, d), do: find_val(key, get_bucket(d, get_slot(d, key)))

  defp find_val(k, [[k1 | val] | bkt]), do: if(k1 === k, do: {:ok, val}, else: find_val(k, bkt))
  defp find_val(_, []), do: :error

  def fetch_keys(d), do: collect(d, false)

  # `fold/3` consing `{key, value}` (or the key) onto a list, without a call per entry.
  defp collect(d, pairs?) do
    segs = elem(d, 8)
    collect_segs(segs, tuple_size(segs), pairs?, [])
  end

  defp collect_segs(segs, i, pairs?, acc) when i >= 1,
    do: collect_segs(segs, i - 1, pairs?, collect_seg(elem(segs, i - 1), @seg_size, pairs?, acc))

  defp collect_segs(_, _, _, acc), do: acc

  defp collect_seg(seg, i, pairs?, acc) when i >= 1,
    do: collect_seg(seg, i - 1, pairs?, collect_bucket(elem(seg, i - 1), pairs?, acc))

  defp collect_seg(_, _, _, acc), do: acc

  defp collect_bucket([[key | val] | bkt], true, acc), do: collect_bucket(bkt, true, [{key, val} | acc])
  defp collect_bucket([[key | _] | bkt], false, acc), do: collect_bucket(bkt, false, [key | acc])
  defp collect_bucket([], _, acc), do: acc

  def erase(key, d0) do
    slot = get_slot(d0, key)
    {d1, dc} = on_bucket(fn b0 -> erase_key(key, b0) end, d0, slot)
    maybe_contract(d1, dc)
  end

  defp erase_key(key, [[k | _val] = e | bkt]) do
    if k === key do
      {bkt, 1}
    else
      {bkt1, dc} = erase_key(key, bkt)
      {[e | bkt1], dc}
    end
  end

  defp erase_key(_, []), do: {[], 0}

  def take(key, d0) do
    slot = get_slot(d0, key)

    case on_bucket(fn b0 -> take_key(key, b0) end, d0, slot) do
      {d1, {value, dc}} -> {value, maybe_contract(d1, dc)}
      {_, :error} -> :error
    end
  end

  defp take_key(key, [[k | val] = e | bkt]) do
    if k === key do
      {bkt, {val, 1}}
    else
      {bkt1, res} = take_key(key, bkt)
      {[e | bkt1], res}
    end
  end

  defp take_key(_, []), do: {[], :error}

  def store(key, val, d0) do
    slot = get_slot(d0, key)
    {d1, ic} = on_bucket(fn b0 -> store_bkt_val(key, val, b0) end, d0, slot)
    maybe_expand(d1, ic)
  end

  defp store_bkt_val(key, new, [[k | _old] = other | bkt]) do
    if k === key do
      {[[key | new] | bkt], 0}
    else
      {bkt1, ic} = store_bkt_val(key, new, bkt)
      {[other | bkt1], ic}
    end
  end

  defp store_bkt_val(key, new, []), do: {[[key | new]], 1}

  def append(key, val, d0) do
    slot = get_slot(d0, key)
    {d1, ic} = on_bucket(fn b0 -> append_bkt(key, [val], b0) end, d0, slot)
    maybe_expand(d1, ic)
  end

  def append_list(key, l, d0) do
    slot = get_slot(d0, key)
    {d1, ic} = on_bucket(fn b0 -> append_bkt(key, l, b0) end, d0, slot)
    maybe_expand(d1, ic)
  end

  defp append_bkt(key, l, [[k | bag] = other | bkt]) do
    if k === key do
      {[[key | bag ++ l] | bkt], 0}
    else
      {bkt1, ic} = append_bkt(key, l, bkt)
      {[other | bkt1], ic}
    end
  end

  defp append_bkt(key, l, []), do: {[[key | l]], 1}

  def update(key, f, d0) do
    slot = get_slot(d0, key)

    try do
      on_bucket(fn b0 -> update_bkt(key, f, b0) end, d0, slot)
    catch
      :badarg -> :erlang.error(:badarg)
    else
      {d1, _uv} -> d1
    end
  end

  defp update_bkt(key, f, [[k | val] = other | bkt]) do
    if k === key do
      upd = f.(val)
      {[[key | upd] | bkt], upd}
    else
      {bkt1, upd} = update_bkt(key, f, bkt)
      {[other | bkt1], upd}
    end
  end

  defp update_bkt(_key, _f, []), do: throw(:badarg)

  def update(key, f, init, d0) do
    slot = get_slot(d0, key)
    {d1, ic} = on_bucket(fn b0 -> update_bkt(key, f, init, b0) end, d0, slot)
    maybe_expand(d1, ic)
  end

  defp update_bkt(key, f, init, [[k | val] = other | bkt]) do
    if k === key do
      {[[key | f.(val)] | bkt], 0}
    else
      {bkt1, ic} = update_bkt(key, f, init, bkt)
      {[other | bkt1], ic}
    end
  end

  defp update_bkt(key, f, init, []) when is_function(f, 1), do: {[[key | init]], 1}

  def update_counter(key, incr, d0) when is_number(incr) do
    slot = get_slot(d0, key)
    {d1, ic} = on_bucket(fn b0 -> counter_bkt(key, incr, b0) end, d0, slot)
    maybe_expand(d1, ic)
  end

  defp counter_bkt(key, i, [[k | val] = other | bkt]) do
    if k === key do
      {[[key | val + i] | bkt], 0}
    else
      {bkt1, ic} = counter_bkt(key, i, bkt)
      {[other | bkt1], ic}
    end
  end

  defp counter_bkt(key, i, []), do: {[[key | i]], 1}

  def fold(f, acc, d) when is_function(f, 3) do
    if elem(d, 1) == 0 do
      acc
    else
      segs = elem(d, 8)
      fold_segs(f, acc, segs, tuple_size(segs))
    end
  end

  # Segments from the last to the first, buckets from the 16th to the first, each bucket
  # from its head: the order OTP folds in, which is `to_list/1`'s order reversed.
  defp fold_segs(f, acc, segs, i) when i >= 1 do
    seg = elem(segs, i - 1)
    fold_segs(f, fold_seg(f, acc, seg, tuple_size(seg)), segs, i - 1)
  end

  defp fold_segs(_, acc, _, 0), do: acc

  defp fold_seg(f, acc, seg, i) when i >= 1, do: fold_seg(f, fold_bucket(f, acc, elem(seg, i - 1)), seg, i - 1)
  defp fold_seg(_, acc, _, 0), do: acc

  defp fold_bucket(f, acc, [[key | val] | bkt]), do: fold_bucket(f, f.(key, val, acc), bkt)
  defp fold_bucket(_, acc, []), do: acc

  def map(f, d) when is_function(f, 2) do
    if elem(d, 1) == 0 do
      d
    else
      segs = for seg <- Tuple.to_list(elem(d, 8)), do: List.to_tuple(for bkt <- Tuple.to_list(seg), do: map_bucket(f, bkt))
      put_elem(d, 8, List.to_tuple(segs))
    end
  end

  defp map_bucket(f, [[key | val] | bkt]), do: [[key | f.(key, val)] | map_bucket(f, bkt)]
  defp map_bucket(_, []), do: []

  # Unlike version 1 sets, each bucket keeps its order; the table still shrinks by at most
  # one bucket however many entries went.
  def filter(f, d) when is_function(f, 2) do
    if elem(d, 1) == 0 do
      d
    else
      {segs, removed} = filter_segs(f, Tuple.to_list(elem(d, 8)), [], 0)
      maybe_contract(put_elem(d, 8, segs), removed)
    end
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

  defp filter_bucket(f, [[key | val] = e | bkt], kept, fc) do
    case f.(key, val) do
      true -> filter_bucket(f, bkt, [e | kept], fc)
      false -> filter_bucket(f, bkt, kept, fc + 1)
    end
  end

  defp filter_bucket(_, [], kept, fc), do: {:lists.reverse(kept), fc}

  # The smaller dictionary's entries go into the bigger one.
  def merge(f, d1, d2) do
    if elem(d1, 1) < elem(d2, 1) do
      fold(fn k, v1, d -> update(k, fn v2 -> f.(k, v1, v2) end, v1, d) end, d2, d1)
    else
      fold(fn k, v2, d -> update(k, fn v1 -> f.(k, v1, v2) end, v2, d) end, d1, d2)
    end
  end

  defp get_slot(d, key) do
    h = :erlang.phash(key, elem(d, 3))
    if h > elem(d, 2), do: h - elem(d, 4), else: h
  end

  defp get_bucket(d, slot), do: get_bucket_s(elem(d, 8), slot)

  defp get_bucket_s(segs, slot) do
    i = slot - 1
    elem(elem(segs, div(i, @seg_size)), rem(i, @seg_size))
  end

  # Replaces a bucket by what `f` makes of it, returning the dictionary and `f`'s count.
  # Each tuple on the way is taken out of its parent first, so an unshared one changes in
  # place.
  defp on_bucket(f, d, slot) do
    i = slot - 1
    {seg_i, bkt_i} = {div(i, @seg_size), rem(i, @seg_size)}
    segs = elem(d, 8)
    d = put_elem(d, 8, nil)
    seg = elem(segs, seg_i)
    segs = put_elem(segs, seg_i, nil)
    {b1, res} = f.(elem(seg, bkt_i))
    {put_elem(d, 8, put_elem(segs, seg_i, put_elem(seg, bkt_i, b1))), res}
  end

  defp put_bucket_s(segs, slot, bkt) do
    i = slot - 1
    seg_i = div(i, @seg_size)
    seg = elem(segs, seg_i)
    segs = put_elem(segs, seg_i, nil)
    put_elem(segs, seg_i, put_elem(seg, rem(i, @seg_size), bkt))
  end

  # `ic` entries more (0 or 1): past the expansion size, the next bucket is split off the
  # one it shares a hash range with, and the segments double when every bucket is in use.
  defp maybe_expand(d, ic) do
    size = elem(d, 1)

    if size + ic > elem(d, 5) do
      {n, maxn, bso, empty} = {elem(d, 2), elem(d, 3), elem(d, 4), elem(d, 7)}
      # The record's last use: the segments are then held only here.
      segs = elem(d, 8)
      grow = n == maxn
      segs = if grow, do: expand_segs(segs, empty), else: segs
      maxn = if grow, do: 2 * maxn, else: maxn
      bso = if grow, do: 2 * bso, else: bso
      n1 = n + 1
      slot1 = n1 - bso
      {b1, b2} = rehash(get_bucket_s(segs, slot1), slot1, n1, maxn)
      segs = put_bucket_s(put_bucket_s(segs, slot1, b1), n1, b2)
      {:dict, size + ic, n1, maxn, bso, n1 * 5, n1 * 3, empty, segs}
    else
      put_elem(d, 1, size + ic)
    end
  end

  # `dc` entries fewer: below the contraction size, the last bucket is merged back into its
  # pair, and the segments halve when half the buckets are left.
  defp maybe_contract(d, dc) do
    {size, n, bso} = {elem(d, 1), elem(d, 2), elem(d, 4)}

    if size - dc < elem(d, 6) and n > 16 do
      {maxn, empty} = {elem(d, 3), elem(d, 7)}
      segs = elem(d, 8)
      slot1 = n - bso
      b1 = get_bucket_s(segs, slot1)
      b2 = get_bucket_s(segs, n)
      segs = put_bucket_s(put_bucket_s(segs, slot1, b1 ++ b2), n, [])
      n1 = n - 1

      if n1 == bso,
        do: {:dict, size - dc, n1, div(maxn, 2), div(bso, 2), n1 * 5, n1 * 3, empty, contract_segs(segs)},
        else: {:dict, size - dc, n1, maxn, bso, n1 * 5, n1 * 3, empty, segs}
    else
      put_elem(d, 1, size - dc)
    end
  end

  defp rehash([[key | _bag] = key_bag | t], slot1, slot2, maxn) do
    {l1, l2} = rehash(t, slot1, slot2, maxn)

    case :erlang.phash(key, maxn) do
      ^slot1 -> {[key_bag | l1], l2}
      ^slot2 -> {l1, [key_bag | l2]}
    end
  end

  defp rehash([], _, _, _), do: {[], []}

  defp mk_seg(), do: {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []}

  defp expand_segs(segs, empty), do: List.to_tuple(Tuple.to_list(segs) ++ List.duplicate(empty, tuple_size(segs)))

  defp contract_segs(segs), do: List.to_tuple(Enum.take(Tuple.to_list(segs), div(tuple_size(segs), 2)))
end
