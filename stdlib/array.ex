# Erlang's `:array`, functional arrays, loaded on first use.
#
# An array is the record `{:array, size, max, default, elements}`, as in OTP 25, where
# `max` is 0 for a fixed-size array. `elements` is a tree of tuples: a leaf holds 10 values,
# an inner node 10 subtrees and, last, how many indices each subtree covers; a subtree no
# one has written to is only that count, an integer, and reads as the default. OTP's code is
# followed clause for clause, so arrays print as on the BEAM.
#
# `set/3` reads the record with `elem/2` and takes each tuple on the path out of its parent
# before changing it (`elem`, then `put_elem(…, nil)`); a pattern would keep a second
# reference to every tuple it matched. An array no one else holds is then updated in place
# instead of copying the record and a tuple per level on every write, which sieve-style
# loops do millions of times.

defmodule :array do
  @leafsize 10
  @nodesize 10
  # An inner node's tuple: its subtrees and their size.
  @node_arity 11

  def new(), do: new([])
  def new(options), do: new_0(options, 0, false)

  def new(size, options) when is_integer(size) and size >= 0, do: new_0(options, size, true)
  def new(_, _), do: :erlang.error(:badarg)

  defp new_0(options, size, fixed) when is_list(options), do: new_1(options, size, fixed, :undefined)
  defp new_0(options, size, fixed), do: new_1([options], size, fixed, :undefined)

  defp new_1([:fixed | options], size, _, default), do: new_1(options, size, true, default)
  defp new_1([{:fixed, fixed} | options], size, _, default) when is_boolean(fixed), do: new_1(options, size, fixed, default)
  defp new_1([{:default, default} | options], size, fixed, _), do: new_1(options, size, fixed, default)
  defp new_1([{:size, size} | options], _, _, default) when is_integer(size) and size >= 0, do: new_1(options, size, true, default)
  defp new_1([size | options], _, _, default) when is_integer(size) and size >= 0, do: new_1(options, size, true, default)
  defp new_1([], size, fixed, default), do: make(size, fixed, default)
  defp new_1(_options, _size, _fixed, _default), do: :erlang.error(:badarg)

  defp make(0, false, :undefined), do: {:array, 0, @leafsize, :undefined, @leafsize}

  defp make(size, fixed, default) do
    e = find_max(size - 1, @leafsize)
    {:array, size, if(fixed, do: 0, else: e), default, e}
  end

  defp find_max(i, m) when i >= m, do: find_max(i, m * @nodesize)
  defp find_max(_i, m), do: m

  def is_array({:array, size, max, _, _}) when is_integer(size) and is_integer(max), do: true
  def is_array(_), do: false

  def size({:array, n, _, _, _}), do: n
  def size(_), do: :erlang.error(:badarg)

  def default({:array, _, _, d, _}), do: d
  def default(_), do: :erlang.error(:badarg)

  def fix({:array, _, _, _, _} = a), do: put_elem(a, 2, 0)

  def is_fix({:array, _, 0, _, _}), do: true
  def is_fix({:array, _, _, _, _}), do: false

  def relax({:array, n, _, _, _} = a), do: put_elem(a, 2, find_max(n - 1, @leafsize))

  def resize(size, {:array, n, m, d, e}) when is_integer(size) and size >= 0 do
    cond do
      size > n ->
        {e1, m1} = grow(size - 1, e, if(m > 0, do: m, else: find_max(n - 1, @leafsize)))
        {:array, size, if(m > 0, do: m1, else: m), d, e1}

      size < n ->
        {:array, size, m, d, e}

      true ->
        {:array, n, m, d, e}
    end
  end

  def resize(_size, _), do: :erlang.error(:badarg)

  def resize(array), do: resize(sparse_size(array), array)

  def set(i, value, a) when is_integer(i) and i >= 0 and tuple_size(a) == 5 and elem(a, 0) == :array do
    {n, m, d} = {elem(a, 1), elem(a, 2), elem(a, 3)}

    cond do
      i < n ->
        e = elem(a, 4)
        a = put_elem(a, 4, nil)
        put_elem(a, 4, set_1(i, e, value, d))

      i < m ->
        e = elem(a, 4)
        a = put_elem(a, 4, nil)
        put_elem(put_elem(a, 1, i + 1), 4, set_1(i, e, value, d))

      m > 0 ->
        # The record's last use: the elements are then held only here.
        e = elem(a, 4)
        {e1, m1} = grow(i, e, m)
        {:array, i + 1, m1, d, set_1(i, e1, value, d)}

      true ->
        :erlang.error(:badarg)
    end
  end

  def set(_i, _value, _a), do: :erlang.error(:badarg)

  defp set_1(i, e, x, d) do
    cond do
      is_integer(e) ->
        expand(i, e, x, d)

      tuple_size(e) == @node_arity ->
        s = elem(e, @nodesize)
        i1 = div(i, s)
        sub = elem(e, i1)
        e = put_elem(e, i1, nil)
        put_elem(e, i1, set_1(rem(i, s), sub, x, d))

      true ->
        put_elem(e, i, x)
    end
  end

  # Makes room for index `i`: a tree that is still a count just counts more; otherwise
  # the tree becomes the first subtree of new roots until `i` fits.
  defp grow(i, e, _m) when is_integer(e) do
    m1 = find_max(i, e)
    {m1, m1}
  end

  defp grow(i, e, m), do: grow_1(i, e, m)

  defp grow_1(i, e, m) when i >= m, do: grow_1(i, put_elem(Tuple.duplicate(m, @node_arity), 0, e), m * @nodesize)
  defp grow_1(_i, e, m), do: {e, m}

  # The path to index `i` in a subtree that was only a count of `s` indices.
  defp expand(i, s, x, d) when s > @leafsize do
    s1 = div(s, @nodesize)
    put_elem(Tuple.duplicate(s1, @node_arity), div(i, s1), expand(rem(i, s1), s1, x, d))
  end

  defp expand(i, _s, x, d), do: put_elem(Tuple.duplicate(d, @leafsize), i, x)

  def get(i, {:array, n, m, d, e}) when is_integer(i) and i >= 0 do
    cond do
      i < n -> get_1(i, e, d)
      m > 0 -> d
      true -> :erlang.error(:badarg)
    end
  end

  def get(_i, _a), do: :erlang.error(:badarg)

  defp get_1(i, e, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    get_1(rem(i, s), elem(e, div(i, s)), d)
  end

  defp get_1(_i, e, d) when is_integer(e), do: d
  defp get_1(i, e, _d), do: elem(e, i)

  # Resetting an entry that already holds the default leaves the array as it was (OTP
  # throws out of the descent for it), so the path is copied, not taken apart.
  def reset(i, {:array, n, m, d, _} = a) when is_integer(i) and i >= 0 do

    cond do
      i < n ->
        try do
          put_elem(a, 4, reset_1(i, elem(a, 4), d))
        catch
          :default -> a
        end

      m > 0 ->
        a

      true ->
        :erlang.error(:badarg)
    end
  end

  def reset(_i, _a), do: :erlang.error(:badarg)

  defp reset_1(i, e, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    i1 = div(i, s)
    put_elem(e, i1, reset_1(rem(i, s), elem(e, i1), d))
  end

  defp reset_1(_i, e, _d) when is_integer(e), do: throw(:default)

  defp reset_1(i, e, d) do
    if elem(e, i) === d, do: throw(:default), else: put_elem(e, i, d)
  end

  def to_list({:array, 0, _, _, _}), do: []
  def to_list({:array, n, _, d, e}), do: to_list_1(e, d, n - 1)
  def to_list(_), do: :erlang.error(:badarg)

  defp to_list_1(e, d, i) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    n = div(i, s)
    to_list_3(n, d, to_list_1(elem(e, n), d, rem(i, s)), e)
  end

  defp to_list_1(e, d, i) when is_integer(e), do: push(i + 1, d, [])
  defp to_list_1(e, _d, i), do: push_tuple(i + 1, e, [])

  defp to_list_2(e, d, l) when tuple_size(e) == @node_arity, do: to_list_3(@nodesize, d, l, e)
  defp to_list_2(e, d, l) when is_integer(e), do: push(e, d, l)
  defp to_list_2(e, _d, l), do: push_tuple(@leafsize, e, l)

  defp to_list_3(0, _d, l, _e), do: l
  defp to_list_3(n, d, l, e), do: to_list_3(n - 1, d, to_list_2(elem(e, n - 1), d, l), e)

  defp push(0, _e, l), do: l
  defp push(n, e, l), do: push(n - 1, e, [e | l])

  defp push_tuple(0, _t, l), do: l
  defp push_tuple(n, t, l), do: push_tuple(n - 1, t, [elem(t, n - 1) | l])

  def sparse_to_list({:array, 0, _, _, _}), do: []
  def sparse_to_list({:array, n, _, d, e}), do: sparse_to_list_1(e, d, n - 1)
  def sparse_to_list(_), do: :erlang.error(:badarg)

  defp sparse_to_list_1(e, d, i) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    n = div(i, s)
    sparse_to_list_3(n, d, sparse_to_list_1(elem(e, n), d, rem(i, s)), e)
  end

  defp sparse_to_list_1(e, _d, _i) when is_integer(e), do: []
  defp sparse_to_list_1(e, d, i), do: sparse_push_tuple(i + 1, d, e, [])

  defp sparse_to_list_2(e, d, l) when tuple_size(e) == @node_arity, do: sparse_to_list_3(@nodesize, d, l, e)
  defp sparse_to_list_2(e, _d, l) when is_integer(e), do: l
  defp sparse_to_list_2(e, d, l), do: sparse_push_tuple(@leafsize, d, e, l)

  defp sparse_to_list_3(0, _d, l, _e), do: l
  defp sparse_to_list_3(n, d, l, e), do: sparse_to_list_3(n - 1, d, sparse_to_list_2(elem(e, n - 1), d, l), e)

  defp sparse_push_tuple(0, _d, _t, l), do: l

  defp sparse_push_tuple(n, d, t, l) do
    case elem(t, n - 1) do
      ^d -> sparse_push_tuple(n - 1, d, t, l)
      e -> sparse_push_tuple(n - 1, d, t, [e | l])
    end
  end

  def from_list(list), do: from_list(list, :undefined)

  def from_list([], default), do: new({:default, default})

  def from_list(list, default) when is_list(list) do
    {e, n, m} = from_list_1(@leafsize, list, default, 0, [], [])
    {:array, n, m, default, e}
  end

  def from_list(_, _), do: :erlang.error(:badarg)

  # Leaves of 10 values (the last one padded with the default), then layers of nodes over
  # them until one root is left.
  defp from_list_1(0, xs, d, n, as, es) do
    e = List.to_tuple(:lists.reverse(as))

    case xs do
      [] ->
        case es do
          [] -> {e, n, @leafsize}
          _ -> from_list_2_0(n, [e | es], @leafsize)
        end

      [_ | _] ->
        from_list_1(@leafsize, xs, d, n, [], [e | es])

      _ ->
        :erlang.error(:badarg)
    end
  end

  defp from_list_1(i, xs, d, n, as, es) do
    case xs do
      [x | xs1] -> from_list_1(i - 1, xs1, d, n + 1, [x | as], es)
      _ -> from_list_1(i - 1, xs, d, n, [d | as], es)
    end
  end

  defp from_list_2_0(n, es, s),
    do: from_list_2(@nodesize, pad(div(n - 1, s) + 1, @nodesize, s, es), s, n, [s], [])

  defp from_list_2(0, xs, s, n, as, es) do
    e = List.to_tuple(as)

    case xs do
      [] ->
        case es do
          [] -> {e, n, s * @nodesize}
          _ -> from_list_2_0(n, :lists.reverse([e | es]), s * @nodesize)
        end

      _ ->
        from_list_2(@nodesize, xs, s, n, [s], [e | es])
    end
  end

  defp from_list_2(i, [x | xs], s, n, as, es), do: from_list_2(i - 1, xs, s, n, [x | as], es)

  defp pad(n, k, p, es), do: push(rem(k - rem(n, k), k), p, es)

  def to_orddict({:array, 0, _, _, _}), do: []

  def to_orddict({:array, n, _, d, e}) do
    i = n - 1
    to_orddict_1(e, i, d, i)
  end

  def to_orddict(_), do: :erlang.error(:badarg)

  defp to_orddict_1(e, r, d, i) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    n = div(i, s)
    i1 = rem(i, s)
    to_orddict_3(n, r - i1 - 1, d, to_orddict_1(elem(e, n), r, d, i1), e, s)
  end

  defp to_orddict_1(e, r, d, i) when is_integer(e), do: push_pairs(i + 1, r, d, [])
  defp to_orddict_1(e, r, _d, i), do: push_tuple_pairs(i + 1, r, e, [])

  defp to_orddict_2(e, r, d, l) when tuple_size(e) == @node_arity,
    do: to_orddict_3(@nodesize, r, d, l, e, elem(e, @nodesize))

  defp to_orddict_2(e, r, d, l) when is_integer(e), do: push_pairs(e, r, d, l)
  defp to_orddict_2(e, r, _d, l), do: push_tuple_pairs(@leafsize, r, e, l)

  defp to_orddict_3(0, _r, _d, l, _e, _s), do: l
  defp to_orddict_3(n, r, d, l, e, s), do: to_orddict_3(n - 1, r - s, d, to_orddict_2(elem(e, n - 1), r, d, l), e, s)

  defp push_pairs(0, _i, _e, l), do: l
  defp push_pairs(n, i, e, l), do: push_pairs(n - 1, i - 1, e, [{i, e} | l])

  defp push_tuple_pairs(0, _i, _t, l), do: l
  defp push_tuple_pairs(n, i, t, l), do: push_tuple_pairs(n - 1, i - 1, t, [{i, elem(t, n - 1)} | l])

  def sparse_to_orddict({:array, 0, _, _, _}), do: []

  def sparse_to_orddict({:array, n, _, d, e}) do
    i = n - 1
    sparse_to_orddict_1(e, i, d, i)
  end

  def sparse_to_orddict(_), do: :erlang.error(:badarg)

  defp sparse_to_orddict_1(e, r, d, i) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    n = div(i, s)
    i1 = rem(i, s)
    sparse_to_orddict_3(n, r - i1 - 1, d, sparse_to_orddict_1(elem(e, n), r, d, i1), e, s)
  end

  defp sparse_to_orddict_1(e, _r, _d, _i) when is_integer(e), do: []
  defp sparse_to_orddict_1(e, r, d, i), do: sparse_push_tuple_pairs(i + 1, r, d, e, [])

  defp sparse_to_orddict_2(e, r, d, l) when tuple_size(e) == @node_arity,
    do: sparse_to_orddict_3(@nodesize, r, d, l, e, elem(e, @nodesize))

  defp sparse_to_orddict_2(e, _r, _d, l) when is_integer(e), do: l
  defp sparse_to_orddict_2(e, r, d, l), do: sparse_push_tuple_pairs(@leafsize, r, d, e, l)

  defp sparse_to_orddict_3(0, _r, _d, l, _e, _s), do: l

  defp sparse_to_orddict_3(n, r, d, l, e, s),
    do: sparse_to_orddict_3(n - 1, r - s, d, sparse_to_orddict_2(elem(e, n - 1), r, d, l), e, s)

  defp sparse_push_tuple_pairs(0, _i, _d, _t, l), do: l

  defp sparse_push_tuple_pairs(n, i, d, t, l) do
    case elem(t, n - 1) do
      ^d -> sparse_push_tuple_pairs(n - 1, i - 1, d, t, l)
      e -> sparse_push_tuple_pairs(n - 1, i - 1, d, t, [{i, e} | l])
    end
  end

  def from_orddict(orddict), do: from_orddict(orddict, :undefined)

  def from_orddict([], default), do: new({:default, default})

  def from_orddict(list, default) when is_list(list) do
    {e, n, m} = from_orddict_0(list, 0, @leafsize, default, [])
    {:array, n, m, default, e}
  end

  def from_orddict(_, _), do: :erlang.error(:badarg)

  # Leaves in reverse order, with a gap of whole leaves recorded as its count of indices.
  defp from_orddict_0([], n, _max, _d, es) do
    case es do
      [e] -> {e, n, @leafsize}
      _ -> collect_leafs(n, es, @leafsize)
    end
  end

  defp from_orddict_0([{ix1, _} | _] = xs, ix, max0, d, es0) when ix1 > max0 and is_integer(ix1) do
    hole = ix1 - ix
    step = hole - rem(hole, @leafsize)
    next = ix + step
    from_orddict_0(xs, next, next + @leafsize, d, [step | es0])
  end

  defp from_orddict_0([{_, _} | _] = xs0, ix0, max, d, es) do
    {xs, e, ix} = from_orddict_1(ix0, max, xs0, ix0, d, [])
    from_orddict_0(xs, ix, ix + @leafsize, d, [e | es])
  end

  defp from_orddict_0(xs, _, _, _, _), do: :erlang.error({:badarg, xs})

  defp from_orddict_1(ix, ix, xs, n, _d, as) do
    e = List.to_tuple(:lists.reverse(as))
    {xs, e, n}
  end

  defp from_orddict_1(ix, max, xs, n0, d, as) do
    case xs do
      [{^ix, val} | xs1] ->
        n = ix + 1
        from_orddict_1(n, max, xs1, n, d, [val | as])

      [{ix1, _} | _] when is_integer(ix1) and ix1 > ix ->
        n = ix + 1
        from_orddict_1(n, max, xs, n, d, [d | as])

      [_ | _] ->
        :erlang.error({:badarg, xs})

      _ ->
        from_orddict_1(ix + 1, max, xs, n0, d, [d | as])
    end
  end

  defp collect_leafs(n, es, s) do
    i = div(n - 1, s) + 1
    pad = rem(@nodesize - rem(i, @nodesize), @nodesize) * s

    case pad do
      0 -> collect_leafs(@nodesize, es, s, n, [s], [])
      _ -> collect_leafs(@nodesize, [pad | es], s, n, [s], [])
    end
  end

  defp collect_leafs(0, xs, s, n, as, es) do
    e = List.to_tuple(as)

    case xs do
      [] ->
        case es do
          [] -> {e, n, s * @nodesize}
          _ -> collect_leafs(n, :lists.reverse([e | es]), s * @nodesize)
        end

      _ ->
        collect_leafs(@nodesize, xs, s, n, [s], [e | es])
    end
  end

  defp collect_leafs(i, [x | xs], s, n, as0, es0) when is_integer(x) do
    step0 = div(x, s)

    cond do
      step0 < i ->
        collect_leafs(i - step0, xs, s, n, push(step0, s, as0), es0)

      i == @nodesize ->
        step = rem(step0, @nodesize)
        collect_leafs(i - step, xs, s, n, push(step, s, as0), [x | es0])

      i == step0 ->
        collect_leafs(0, xs, s, n, push(i, s, as0), es0)

      true ->
        step = step0 - i
        collect_leafs(0, [step * s | xs], s, n, push(i, s, as0), es0)
    end
  end

  defp collect_leafs(i, [x | xs], s, n, as, es), do: collect_leafs(i - 1, xs, s, n, [x | as], es)
  defp collect_leafs(10, [], s, n, [_], es), do: collect_leafs(n, :lists.reverse(es), s * @nodesize)

  def map(function, {:array, n, _, d, e} = array) when is_function(function, 2) do
    if n > 0, do: put_elem(array, 4, map_1(n - 1, e, 0, function, d)), else: array
  end

  def map(_, _), do: :erlang.error(:badarg)

  defp map_1(n, e, ix, f, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    List.to_tuple(:lists.reverse([s | map_2(1, e, ix, f, d, [], div(n, s) + 1, rem(n, s), s)]))
  end

  defp map_1(n, e, ix, f, d) when is_integer(e), do: map_1(n, unfold(e, d), ix, f, d)
  defp map_1(n, e, ix, f, d), do: List.to_tuple(:lists.reverse(map_3(1, e, ix, f, d, n + 1, [])))

  defp map_2(i, e, ix, f, d, l, i, r, _s), do: map_2_1(i + 1, e, [map_1(r, elem(e, i - 1), ix, f, d) | l])
  defp map_2(i, e, ix, f, d, l, n, r, s), do: map_2(i + 1, e, ix + s, f, d, [map_1(s - 1, elem(e, i - 1), ix, f, d) | l], n, r, s)

  defp map_2_1(i, e, l) when i <= @nodesize, do: map_2_1(i + 1, e, [elem(e, i - 1) | l])
  defp map_2_1(_i, _e, l), do: l

  defp map_3(i, e, ix, f, d, n, l) when i <= n, do: map_3(i + 1, e, ix + 1, f, d, n, [f.(ix, elem(e, i - 1)) | l])
  defp map_3(i, e, ix, f, d, n, l) when i <= @leafsize, do: map_3(i + 1, e, ix + 1, f, d, n, [d | l])
  defp map_3(_i, _e, _ix, _f, _d, _n, l), do: l

  defp unfold(s, _d) when s > @leafsize, do: Tuple.duplicate(div(s, @nodesize), @node_arity)
  defp unfold(_s, d), do: Tuple.duplicate(d, @leafsize)

  def sparse_map(function, {:array, n, _, d, e} = array) when is_function(function, 2) do
    if n > 0, do: put_elem(array, 4, sparse_map_1(n - 1, e, 0, function, d)), else: array
  end

  def sparse_map(_, _), do: :erlang.error(:badarg)

  defp sparse_map_1(n, e, ix, f, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    List.to_tuple(:lists.reverse([s | sparse_map_2(1, e, ix, f, d, [], div(n, s) + 1, rem(n, s), s)]))
  end

  defp sparse_map_1(_n, e, _ix, _f, _d) when is_integer(e), do: e
  defp sparse_map_1(_n, e, ix, f, d), do: List.to_tuple(:lists.reverse(sparse_map_3(1, e, ix, f, d, [])))

  defp sparse_map_2(i, e, ix, f, d, l, i, r, _s),
    do: sparse_map_2_1(i + 1, e, [sparse_map_1(r, elem(e, i - 1), ix, f, d) | l])

  defp sparse_map_2(i, e, ix, f, d, l, n, r, s),
    do: sparse_map_2(i + 1, e, ix + s, f, d, [sparse_map_1(s - 1, elem(e, i - 1), ix, f, d) | l], n, r, s)

  defp sparse_map_2_1(i, e, l) when i <= @nodesize, do: sparse_map_2_1(i + 1, e, [elem(e, i - 1) | l])
  defp sparse_map_2_1(_i, _e, l), do: l

  defp sparse_map_3(i, t, ix, f, d, l) when i <= @leafsize do
    case elem(t, i - 1) do
      ^d -> sparse_map_3(i + 1, t, ix + 1, f, d, [d | l])
      e -> sparse_map_3(i + 1, t, ix + 1, f, d, [f.(ix, e) | l])
    end
  end

  defp sparse_map_3(_i, _e, _ix, _f, _d, l), do: l

  def foldl(function, a, {:array, n, _, d, e}) when is_function(function, 3) do
    if n > 0, do: foldl_1(n - 1, e, a, 0, function, d), else: a
  end

  def foldl(_, _, _), do: :erlang.error(:badarg)

  defp foldl_1(n, e, a, ix, f, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    foldl_2(1, e, a, ix, f, d, div(n, s) + 1, rem(n, s), s)
  end

  defp foldl_1(n, e, a, ix, f, d) when is_integer(e), do: foldl_1(n, unfold(e, d), a, ix, f, d)
  defp foldl_1(n, e, a, ix, f, _d), do: foldl_3(1, e, a, ix, f, n + 1)

  defp foldl_2(i, e, a, ix, f, d, i, r, _s), do: foldl_1(r, elem(e, i - 1), a, ix, f, d)
  defp foldl_2(i, e, a, ix, f, d, n, r, s), do: foldl_2(i + 1, e, foldl_1(s - 1, elem(e, i - 1), a, ix, f, d), ix + s, f, d, n, r, s)

  defp foldl_3(i, e, a, ix, f, n) when i <= n, do: foldl_3(i + 1, e, f.(ix, elem(e, i - 1), a), ix + 1, f, n)
  defp foldl_3(_i, _e, a, _ix, _f, _n), do: a

  def sparse_foldl(function, a, {:array, n, _, d, e}) when is_function(function, 3) do
    if n > 0, do: sparse_foldl_1(n - 1, e, a, 0, function, d), else: a
  end

  def sparse_foldl(_, _, _), do: :erlang.error(:badarg)

  defp sparse_foldl_1(n, e, a, ix, f, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    sparse_foldl_2(1, e, a, ix, f, d, div(n, s) + 1, rem(n, s), s)
  end

  defp sparse_foldl_1(_n, e, a, _ix, _f, _d) when is_integer(e), do: a
  defp sparse_foldl_1(n, e, a, ix, f, d), do: sparse_foldl_3(1, e, a, ix, f, d, n + 1)

  defp sparse_foldl_2(i, e, a, ix, f, d, i, r, _s), do: sparse_foldl_1(r, elem(e, i - 1), a, ix, f, d)

  defp sparse_foldl_2(i, e, a, ix, f, d, n, r, s),
    do: sparse_foldl_2(i + 1, e, sparse_foldl_1(s - 1, elem(e, i - 1), a, ix, f, d), ix + s, f, d, n, r, s)

  defp sparse_foldl_3(i, t, a, ix, f, d, n) when i <= n do
    case elem(t, i - 1) do
      ^d -> sparse_foldl_3(i + 1, t, a, ix + 1, f, d, n)
      e -> sparse_foldl_3(i + 1, t, f.(ix, e, a), ix + 1, f, d, n)
    end
  end

  defp sparse_foldl_3(_i, _t, a, _ix, _f, _d, _n), do: a

  def foldr(function, a, {:array, n, _, d, e}) when is_function(function, 3) do
    if n > 0 do
      i = n - 1
      foldr_1(i, e, i, a, function, d)
    else
      a
    end
  end

  def foldr(_, _, _), do: :erlang.error(:badarg)

  defp foldr_1(i, e, ix, a, f, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    foldr_2(div(i, s) + 1, e, ix, a, f, d, rem(i, s), s - 1)
  end

  defp foldr_1(i, e, ix, a, f, d) when is_integer(e), do: foldr_1(i, unfold(e, d), ix, a, f, d)

  defp foldr_1(i, e, ix, a, f, _d) do
    i1 = i + 1
    foldr_3(i1, e, ix - i1, a, f)
  end

  defp foldr_2(0, _e, _ix, a, _f, _d, _r, _r0), do: a
  defp foldr_2(i, e, ix, a, f, d, r, r0), do: foldr_2(i - 1, e, ix - r - 1, foldr_1(r, elem(e, i - 1), ix, a, f, d), f, d, r0, r0)

  defp foldr_3(0, _e, _ix, a, _f), do: a
  defp foldr_3(i, e, ix, a, f), do: foldr_3(i - 1, e, ix, f.(ix + i, elem(e, i - 1), a), f)

  def sparse_foldr(function, a, {:array, n, _, d, e}) when is_function(function, 3) do
    if n > 0 do
      i = n - 1
      sparse_foldr_1(i, e, i, a, function, d)
    else
      a
    end
  end

  def sparse_foldr(_, _, _), do: :erlang.error(:badarg)

  defp sparse_foldr_1(i, e, ix, a, f, d) when tuple_size(e) == @node_arity do
    s = elem(e, @nodesize)
    sparse_foldr_2(div(i, s) + 1, e, ix, a, f, d, rem(i, s), s - 1)
  end

  defp sparse_foldr_1(_i, e, _ix, a, _f, _d) when is_integer(e), do: a

  defp sparse_foldr_1(i, e, ix, a, f, d) do
    i1 = i + 1
    sparse_foldr_3(i1, e, ix - i1, a, f, d)
  end

  defp sparse_foldr_2(0, _e, _ix, a, _f, _d, _r, _r0), do: a

  defp sparse_foldr_2(i, e, ix, a, f, d, r, r0),
    do: sparse_foldr_2(i - 1, e, ix - r - 1, sparse_foldr_1(r, elem(e, i - 1), ix, a, f, d), f, d, r0, r0)

  defp sparse_foldr_3(0, _t, _ix, a, _f, _d), do: a

  defp sparse_foldr_3(i, t, ix, a, f, d) do
    case elem(t, i - 1) do
      ^d -> sparse_foldr_3(i - 1, t, ix, a, f, d)
      e -> sparse_foldr_3(i - 1, t, ix, f.(ix + i, e, a), f, d)
    end
  end

  # The index after the last entry that is not the default.
  def sparse_size(a) do
    try do
      sparse_foldr(fn i, _v, _a -> throw({:value, i}) end, [], a)
    catch
      {:value, i} -> i + 1
    else
      [] -> 0
    end
  end
end
