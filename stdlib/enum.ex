# Enum and Stream: the functions that call back into user code, written in the language.
# Everything is reduced to a list first by the native `:vial_enum.to_list/1` (lists, ranges,
# maps) or, for streams, by pulling the stream; leaf work without callbacks (sort, sum,
# reverse, …) is native.

defmodule Enum do
  def to_list(%Stream{} = s), do: Stream.__to_list__(s)
  def to_list(enum), do: :vial_enum.to_list(enum)

  # A plain map of more than 32 keys is walked in two orders, as on the BEAM: `Enum.reduce/3`
  # and what Elixir builds on it (`map`, `filter`, `for`, …) fold it as `:maps.fold/3` does,
  # while the functions that go through the Enumerable protocol (`take`, `find`, `at`,
  # `reduce_while`, streams, …) see `Map.to_list/1`'s order, the reverse.
  defp fold_list(%Stream{} = s), do: Stream.__to_list__(s)
  defp fold_list(enum), do: :vial_enum.fold_list(enum)

  # `reduce/3` in the Enumerable protocol's order, for the functions Elixir writes on it.
  defp reduce_listed(enum, acc, f), do: reduce_list(to_list(enum), acc, f)

  def map(enum, f), do: map_list(fold_list(enum), f, [])

  defp map_list([], _f, acc), do: :lists.reverse(acc)
  defp map_list([h | t], f, acc), do: map_list(t, f, [f.(h) | acc])

  def each(enum, f) do
    each_list(fold_list(enum), f)
  end

  defp each_list([], _f), do: :ok
  defp each_list([h | t], f) do
    f.(h)
    each_list(t, f)
  end

  def filter(enum, f), do: filter_list(fold_list(enum), f, [])

  defp filter_list([], _f, acc), do: :lists.reverse(acc)
  defp filter_list([h | t], f, acc) do
    if f.(h), do: filter_list(t, f, [h | acc]), else: filter_list(t, f, acc)
  end

  def reject(enum, f), do: filter(enum, fn x -> !f.(x) end)

  # Elixir's `reduce/2` goes through the Enumerable protocol, unlike `reduce/3`.
  def reduce(enum, f) do
    case to_list(enum) do
      [h | t] -> reduce_list(t, h, f)
      [] -> raise Enum.EmptyError
    end
  end

  def reduce(enum, acc, f), do: reduce_list(fold_list(enum), acc, f)

  defp reduce_list([], acc, _f), do: acc
  defp reduce_list([h | t], acc, f), do: reduce_list(t, f.(h, acc), f)

  # The functions that can stop early pull a stream only as far as they need, so that
  # they finish on an infinite one, as in Elixir.
  def reduce_while(%Stream{next: next}, acc, f), do: Stream.__reduce_while__(next, acc, f)
  # A range is walked, not listed: a search over `1..10_000` that stops at the tenth
  # element builds nothing.
  def reduce_while(%Range{first: first, last: last, step: step}, acc, f), do: range_while(first, last, step, acc, f)
  def reduce_while(enum, acc, f), do: reduce_while_list(to_list(enum), acc, f)

  defp range_while(i, last, step, acc, f) when (step > 0 and i <= last) or (step < 0 and i >= last) do
    case f.(i, acc) do
      {:cont, acc} -> range_while(i + step, last, step, acc, f)
      {:halt, acc} -> acc
    end
  end

  defp range_while(_i, _last, _step, acc, _f), do: acc

  defp reduce_while_list([], acc, _f), do: acc
  defp reduce_while_list([h | t], acc, f) do
    case f.(h, acc) do
      {:cont, acc} -> reduce_while_list(t, acc, f)
      {:halt, acc} -> acc
    end
  end

  def map_reduce(enum, acc, f) do
    {items, acc} =
      reduce(enum, {[], acc}, fn x, {items, acc} ->
        {y, acc} = f.(x, acc)
        {[y | items], acc}
      end)
    {:lists.reverse(items), acc}
  end

  def scan(enum, acc, f) do
    {items, _} =
      reduce(enum, {[], acc}, fn x, {items, acc} ->
        acc = f.(x, acc)
        {[acc | items], acc}
      end)
    :lists.reverse(items)
  end

  def scan(enum, f) do
    case fold_list(enum) do
      [] -> []
      [h | t] -> [h | scan(t, h, f)]
    end
  end

  def count(enum, f), do: reduce(enum, 0, fn x, n -> if f.(x), do: n + 1, else: n end)

  def sum_by(enum, f), do: reduce(enum, 0, fn x, acc -> acc + f.(x) end)

  def sort(enum, :asc), do: sort(enum)
  def sort(enum, :desc), do: :vial_enum.sort_desc(fold_list(enum))
  def sort(enum, f) when is_function(f, 2), do: :vial_enum.merge_sort(fold_list(enum), f)

  def sort_by(enum, key_fun), do: sort_by(enum, key_fun, :asc)

  def sort_by(enum, key_fun, order) do
    pairs = map(enum, fn x -> {key_fun.(x), x} end)

    case order do
      :asc -> :vial_enum.sort_by_keys(pairs)
      :desc -> :vial_enum.sort_by_keys_desc(pairs)
      f -> :vial_enum.merge_sort_by_keys(pairs, f)
    end
  end

  def min_by(enum, f) do
    case fold_list(enum) do
      [] -> raise Enum.EmptyError
      [h | t] -> elem(reduce_list(t, {h, f.(h)}, fn x, {best, k} -> kx = f.(x); if kx < k, do: {x, kx}, else: {best, k} end), 0)
    end
  end

  def min_by(enum, f, empty_fallback) when is_function(empty_fallback, 0) do
    case fold_list(enum) do
      [] -> empty_fallback.()
      list -> min_by(list, f)
    end
  end

  def min_by(enum, f, :desc), do: max_by(enum, f)
  def min_by(enum, f, _sorter), do: min_by(enum, f)

  def max_by(enum, f, empty_fallback) when is_function(empty_fallback, 0) do
    case fold_list(enum) do
      [] -> empty_fallback.()
      list -> max_by(list, f)
    end
  end

  def max_by(enum, f, :asc), do: min_by(enum, f)
  def max_by(enum, f, _sorter), do: max_by(enum, f)

  def max_by(enum, f) do
    case fold_list(enum) do
      [] -> raise Enum.EmptyError
      [h | t] -> elem(reduce_list(t, {h, f.(h)}, fn x, {best, k} -> kx = f.(x); if kx > k, do: {x, kx}, else: {best, k} end), 0)
    end
  end

  def find(enum, f), do: find(enum, nil, f)

  def find(%Stream{} = s, default, f),
    do: reduce_while(s, default, fn x, d -> if f.(x), do: {:halt, x}, else: {:cont, d} end)

  def find(%Range{} = r, default, f),
    do: reduce_while(r, default, fn x, d -> if f.(x), do: {:halt, x}, else: {:cont, d} end)

  def find(enum, default, f), do: find_list(to_list(enum), default, f)

  defp find_list([], default, _f), do: default
  defp find_list([h | t], default, f), do: if(f.(h), do: h, else: find_list(t, default, f))

  def find_index(%Stream{} = s, f) do
    step = fn x, i -> if f.(x), do: {:halt, {:found, i}}, else: {:cont, i + 1} end

    case reduce_while(s, 0, step) do
      {:found, i} -> i
      _ -> nil
    end
  end

  def find_index(%Range{} = r, f) do
    step = fn x, i -> if f.(x), do: {:halt, {:found, i}}, else: {:cont, i + 1} end

    case reduce_while(r, 0, step) do
      {:found, i} -> i
      _ -> nil
    end
  end

  def find_index(enum, f), do: find_index_list(to_list(enum), 0, f)

  defp find_index_list([], _i, _f), do: nil
  defp find_index_list([h | t], i, f), do: if(f.(h), do: i, else: find_index_list(t, i + 1, f))

  def find_value(enum, default \\ nil, f)

  def find_value(%Stream{} = s, default, f),
    do: reduce_while(s, default, fn x, d -> if v = f.(x), do: {:halt, v}, else: {:cont, d} end)

  def find_value(%Range{} = r, default, f),
    do: reduce_while(r, default, fn x, d -> if v = f.(x), do: {:halt, v}, else: {:cont, d} end)

  def find_value(enum, default, f), do: find_value_list(to_list(enum), default, f)

  defp find_value_list([], default, _f), do: default
  defp find_value_list([h | t], default, f) do
    v = f.(h)
    if v, do: v, else: find_value_list(t, default, f)
  end

  def any?(enum), do: any?(enum, fn x -> x end)
  def any?(%Stream{} = s, f), do: reduce_while(s, false, fn x, _ -> if f.(x), do: {:halt, true}, else: {:cont, false} end)
  def any?(%Range{} = r, f), do: reduce_while(r, false, fn x, _ -> if f.(x), do: {:halt, true}, else: {:cont, false} end)
  def any?(enum, f), do: any_list(to_list(enum), f)

  defp any_list([], _f), do: false
  defp any_list([h | t], f), do: if(f.(h), do: true, else: any_list(t, f))

  def all?(enum), do: all?(enum, fn x -> x end)
  def all?(%Stream{} = s, f), do: reduce_while(s, true, fn x, _ -> if f.(x), do: {:cont, true}, else: {:halt, false} end)
  def all?(%Range{} = r, f), do: reduce_while(r, true, fn x, _ -> if f.(x), do: {:cont, true}, else: {:halt, false} end)
  def all?(enum, f), do: all_list(to_list(enum), f)

  defp all_list([], _f), do: true
  defp all_list([h | t], f), do: if(f.(h), do: all_list(t, f), else: false)

  def map_join(enum, joiner \\ "", f), do: join(map(enum, f), joiner)

  def map_intersperse(enum, sep, f), do: intersperse(map(enum, f), sep)

  def group_by(enum, key_fun, value_fun \\ fn x -> x end) do
    reduce(reverse(enum), %{}, fn x, acc ->
      k = key_fun.(x)
      Map.update(acc, k, [value_fun.(x)], fn xs -> [value_fun.(x) | xs] end)
    end)
  end

  def frequencies_by(enum, f) do
    reduce(enum, %{}, fn x, acc -> Map.update(acc, f.(x), 1, fn n -> n + 1 end) end)
  end

  def uniq_by(enum, f) do
    {items, _} =
      reduce(enum, {[], %{}}, fn x, {items, seen} ->
        k = f.(x)
        if Map.has_key?(seen, k), do: {items, seen}, else: {[x | items], Map.put(seen, k, true)}
      end)
    :lists.reverse(items)
  end

  def flat_map(enum, f), do: flat_map_list(fold_list(enum), f, [])

  defp flat_map_list([], _f, acc), do: :lists.reverse(acc)

  # `for` compiles to flat_map with a function returning `[]` or `[x]`: those two cases,
  # and lists in general, skip the generic to_list.
  defp flat_map_list([h | t], f, acc) do
    case f.(h) do
      [] -> flat_map_list(t, f, acc)
      [x] -> flat_map_list(t, f, [x | acc])
      list when is_list(list) -> flat_map_list(t, f, :lists.reverse(list, acc))
      other -> flat_map_list(t, f, :lists.reverse(to_list(other), acc))
    end
  end

  def into(enum, collectable), do: :vial_enum.into(to_list(enum), collectable)

  def into(enum, collectable, f), do: :vial_enum.into(map(enum, f), collectable)

  def with_index(enum, f) when is_function(f, 2) do
    map(with_index(enum, 0), fn {x, i} -> f.(x, i) end)
  end

  def with_index(enum, offset), do: :vial_enum.with_index(fold_list(enum), offset)

  def with_index(enum), do: :vial_enum.with_index(fold_list(enum), 0)

  def take(%Stream{} = s, n) when n >= 0, do: Stream.__take__(s, n)
  # A range is taken lazily, so `Enum.take(1..1_000_000_000, 5)` does not build the list.
  def take(%Range{} = r, n) when n >= 0, do: Stream.__take__(Stream.map(r, fn x -> x end), n)
  def take(enum, n), do: :vial_enum.take(to_list(enum), n)

  def take_while(%Stream{} = s, f), do: to_list(Stream.take_while(s, f))
  def take_while(%Range{} = r, f) do
    r |> reduce_while([], fn x, acc -> if f.(x), do: {:cont, [x | acc]}, else: {:halt, acc} end) |> :lists.reverse()
  end

  def take_while(enum, f), do: take_while_list(to_list(enum), f, [])

  defp take_while_list([h | t], f, acc) do
    if f.(h), do: take_while_list(t, f, [h | acc]), else: :lists.reverse(acc)
  end
  defp take_while_list([], _f, acc), do: :lists.reverse(acc)

  def drop_while(enum, f), do: drop_while_list(fold_list(enum), f)

  defp drop_while_list([h | t] = l, f), do: if(f.(h), do: drop_while_list(t, f), else: l)
  defp drop_while_list([], _f), do: []

  def split_with(enum, f) do
    {a, b} = reduce(enum, {[], []}, fn x, {a, b} -> if f.(x), do: {[x | a], b}, else: {a, [x | b]} end)
    {:lists.reverse(a), :lists.reverse(b)}
  end

  def chunk_by(enum, f) do
    case to_list(enum) do
      [] -> []
      [h | t] -> chunk_by_list(t, f, f.(h), [h], [])
    end
  end

  defp chunk_by_list([], _f, _k, cur, acc), do: :lists.reverse([:lists.reverse(cur) | acc])
  defp chunk_by_list([h | t], f, k, cur, acc) do
    kh = f.(h)
    if kh == k, do: chunk_by_list(t, f, k, [h | cur], acc), else: chunk_by_list(t, f, kh, [h], [:lists.reverse(cur) | acc])
  end

  def zip_with(a, b, f), do: map(zip(a, b), fn {x, y} -> f.(x, y) end)
  def zip_with(enums, f), do: map(zip(enums), fn t -> f.(Tuple.to_list(t)) end)

  def each_with_index(enum, f), do: each(with_index(enum), fn {x, i} -> f.(x, i) end)

  def filter_map(enum, filter, mapper), do: map(filter(enum, filter), mapper)

  def dedup_by(enum, f) do
    {items, _} =
      reduce(enum, {[], make_ref()}, fn x, {items, last} ->
        k = f.(x)
        if k === last, do: {items, last}, else: {[x | items], k}
      end)
    :lists.reverse(items)
  end

  def max(enum, empty_fallback) when is_function(empty_fallback, 0) do
    case to_list(enum) do
      [] -> empty_fallback.()
      l -> max(l)
    end
  end

  def min(enum, empty_fallback) when is_function(empty_fallback, 0) do
    case to_list(enum) do
      [] -> empty_fallback.()
      l -> min(l)
    end
  end

  # Functions without callbacks: thin wrappers over natives.
  def reverse(enum), do: :lists.reverse(fold_list(enum))
  def reverse(enum, tail), do: :lists.reverse(fold_list(enum), tail)
  def sum(enum), do: :vial_enum.sum(to_list(enum))
  def product(enum), do: reduce(enum, 1, fn x, acc -> x * acc end)
  def count(%Stream{} = s), do: length(to_list(s))
  def count(enum), do: :vial_enum.count(enum)
  def sort(enum), do: :vial_enum.sort(to_list(enum))
  def member?(%Stream{} = s, x), do: any?(s, fn y -> y === x end)
  def member?(enum, x), do: :vial_enum.member(enum, x)
  def join(enum, joiner \\ ""), do: :vial_enum.join(fold_list(enum), joiner)
  def intersperse(enum, sep), do: :vial_enum.intersperse(fold_list(enum), sep)
  def uniq(enum), do: :vial_enum.uniq(fold_list(enum))
  def dedup(enum), do: dedup_by(enum, fn x -> x end)
  def frequencies(enum), do: :vial_enum.frequencies(to_list(enum))
  def min(enum), do: :vial_enum.min(to_list(enum))
  def max(enum), do: :vial_enum.max(to_list(enum))
  def min_max(enum), do: {min(enum), max(enum)}
  # Lists are walked and ranges indexed where they are, without being copied into a list.
  def at(enum, i, default \\ nil)
  def at(%Stream{} = s, i, default) when is_integer(i) and i >= 0, do: :vial_enum.at(Stream.__take__(s, i + 1), i, default)
  def at(enum, i, default) when is_integer(i), do: :vial_enum.at(unstream(enum), i, default)
  def fetch(%Stream{} = s, i) when is_integer(i) and i >= 0, do: :vial_enum.fetch(Stream.__take__(s, i + 1), i)
  def fetch(enum, i) when is_integer(i), do: :vial_enum.fetch(unstream(enum), i)
  def fetch!(enum, i) when is_integer(i), do: :vial_enum.fetch!(unstream(enum), i)

  defp unstream(%Stream{} = s), do: to_list(s)
  defp unstream(enum), do: enum
  def drop(enum, n) when n >= 0, do: :vial_enum.drop(fold_list(enum), n)
  def drop(enum, n), do: :vial_enum.drop(to_list(enum), n)
  def slice(enum, range), do: :vial_enum.slice(to_list(enum), range)
  def slice(enum, start, len), do: :vial_enum.slice(to_list(enum), start, len)
  def split(enum, n) when is_list(enum) and n >= 0, do: {take(enum, n), drop(enum, n)}
  # A negative count splits that many off the end.
  def split(enum, n) when is_list(enum), do: {drop(enum, n), take(enum, n)}
  def split(enum, n), do: split(fold_list(enum), n)
  # With a stream among them, zipping pulls each only as far as the shortest goes.
  def zip(%Stream{} = a, b), do: to_list(Stream.zip(a, b))
  def zip(a, %Stream{} = b), do: to_list(Stream.zip(a, b))
  def zip(a, b), do: :vial_enum.zip(to_list(a), to_list(b))

  def zip(enums) do
    if Enum.any?(enums, &match?(%Stream{}, &1)),
      do: to_list(Stream.zip(enums)),
      else: :vial_enum.zip_all(map(enums, fn e -> to_list(e) end))
  end
  def unzip(enum), do: :vial_enum.unzip(fold_list(enum))
  def concat(enums), do: :vial_enum.concat(map(enums, fn e -> fold_list(e) end))
  def concat(a, b), do: fold_list(a) ++ fold_list(b)
  def chunk_every(enum, n), do: :vial_enum.chunk_every(to_list(enum), n, n, [])
  def chunk_every(enum, n, step), do: :vial_enum.chunk_every(to_list(enum), n, step, [])
  def chunk_every(enum, n, step, leftover), do: :vial_enum.chunk_every(to_list(enum), n, step, leftover)
  def empty?(enum), do: to_list(enum) == []
  def random(enum), do: :vial_enum.random(to_list(enum))
  def shuffle(enum), do: :vial_enum.shuffle(to_list(enum))
  def take_random(enum, n), do: take(shuffle(enum), n)
  def flatten(enum), do: List.flatten(to_list(enum))

  def map_every(enum, 0, _f), do: to_list(enum)

  def map_every(enum, n, f) when is_integer(n) and n > 0 do
    {items, _} = reduce(enum, {[], 0}, fn x, {acc, i} ->
      {[if(rem(i, n) == 0, do: f.(x), else: x) | acc], i + 1}
    end)
    :lists.reverse(items)
  end

  def take_every(_enum, 0), do: []

  def take_every(enum, n) when is_integer(n) and n > 0 do
    {items, _} = reduce_listed(enum, {[], 0}, fn x, {acc, i} ->
      {if(rem(i, n) == 0, do: [x | acc], else: acc), i + 1}
    end)
    :lists.reverse(items)
  end

  def split_while(enum, f), do: split_while_list(fold_list(enum), f, [])

  defp split_while_list([], _f, acc), do: {:lists.reverse(acc), []}
  defp split_while_list([h | t] = l, f, acc) do
    if f.(h), do: split_while_list(t, f, [h | acc]), else: {:lists.reverse(acc), l}
  end

  def min_max_by(enum, f), do: {min_by(enum, f), max_by(enum, f)}

  def flat_map_reduce(enum, acc, f) do
    # `{:halt, acc}` from the function stops the walk, keeping the items gathered so far,
    # so this is a `reduce_while` (which also stops an infinite stream there).
    {items, acc} =
      reduce_while(enum, {[], acc}, fn x, {items, acc} ->
        case f.(x, acc) do
          {:halt, acc} -> {:halt, {items, acc}}
          {ys, acc} -> {:cont, {:lists.reverse(to_list(ys), items), acc}}
        end
      end)
    {:lists.reverse(items), acc}
  end

  def zip_reduce(a, b, acc, f), do: reduce(zip(a, b), acc, fn {x, y}, acc -> f.(x, y, acc) end)

  def count_until(enum, limit), do: Kernel.min(count(enum), limit)
  def count_until(enum, f, limit), do: Kernel.min(reduce_listed(enum, 0, fn x, n -> if f.(x), do: n + 1, else: n end), limit)

  def chunk_while(enum, acc, chunk_fun, after_fun) do
    {chunks, acc} =
      reduce_listed(enum, {[], acc}, fn x, {chunks, acc} ->
        case chunk_fun.(x, acc) do
          {:cont, chunk, acc} -> {[chunk | chunks], acc}
          {:cont, acc} -> {chunks, acc}
          {:halt, acc} -> {chunks, acc}
        end
      end)
    case after_fun.(acc) do
      {:cont, chunk, _} -> :lists.reverse([chunk | chunks])
      {:cont, _} -> :lists.reverse(chunks)
    end
  end

  def reverse_slice(enum, start, count) do
    list = fold_list(enum)
    {front, rest} = split(list, start)
    {mid, back} = split(rest, count)
    front ++ :lists.reverse(mid) ++ back
  end
end

defmodule Stream do
  # A stream is a struct holding a zero-arity function that yields `{item, next_fun}`
  # or `:done`: pulling it one element at a time keeps it lazy.
  #
  # A chain of `map`/`filter`/`reject`/`each`/`flat_map` over a list or a range also keeps
  # `pipe: {source, stages}` (stages last first). A consumer that takes every element
  # (`Enum.to_list`, `Enum.sum`, `Enum.reduce`…) pushes each element through the stages in
  # turn instead of pulling: the same calls in the same order, without a closure and a
  # tuple per element per stage. Anything that may stop early pulls through `next`.
  defstruct [:next, :pipe]

  def iterate(start, f), do: %Stream{next: fn -> iterate_next(start, f) end}

  defp iterate_next(x, f), do: {x, fn -> iterate_next(f.(x), f) end}

  def unfold(acc, f), do: %Stream{next: fn -> unfold_next(acc, f) end}

  defp unfold_next(acc, f) do
    case f.(acc) do
      nil -> :done
      {x, acc} -> {x, fn -> unfold_next(acc, f) end}
    end
  end

  def repeatedly(f), do: %Stream{next: fn -> repeatedly_next(f) end}

  defp repeatedly_next(f), do: {f.(), fn -> repeatedly_next(f) end}

  def cycle(enum) do
    list = Enum.to_list(enum)
    %Stream{next: fn -> cycle_next(list, list) end}
  end

  defp cycle_next([], all), do: cycle_next(all, all)
  defp cycle_next([h | t], all), do: {h, fn -> cycle_next(t, all) end}

  def map(enum, f) do
    src = source(enum)
    %Stream{next: fn -> map_next(src, f) end, pipe: pipe(enum, {:map, f})}
  end

  defp pipe(%Stream{pipe: nil}, _stage), do: nil
  defp pipe(%Stream{pipe: {src, stages}}, stage), do: {src, [stage | stages]}
  defp pipe(%Range{} = r, stage), do: {r, [stage]}
  defp pipe(list, stage) when is_list(list), do: {list, [stage]}
  defp pipe(_enum, _stage), do: nil

  defp map_next(src, f) do
    case src.() do
      :done -> :done
      {x, rest} -> {f.(x), fn -> map_next(rest, f) end}
    end
  end

  def filter(enum, f) do
    src = source(enum)
    %Stream{next: fn -> filter_next(src, f) end, pipe: pipe(enum, {:filter, f})}
  end

  def reject(enum, f), do: filter(enum, fn x -> !f.(x) end)

  defp filter_next(src, f) do
    case src.() do
      :done -> :done
      {x, rest} -> if f.(x), do: {x, fn -> filter_next(rest, f) end}, else: filter_next(rest, f)
    end
  end

  def take(enum, n) do
    src = source(enum)
    %Stream{next: fn -> take_next(src, n) end}
  end

  defp take_next(_src, 0), do: :done
  defp take_next(src, n) do
    case src.() do
      :done -> :done
      {x, rest} -> {x, fn -> take_next(rest, n - 1) end}
    end
  end

  def take_while(enum, f) do
    src = source(enum)
    %Stream{next: fn -> take_while_next(src, f) end}
  end

  defp take_while_next(src, f) do
    case src.() do
      :done -> :done
      {x, rest} -> if f.(x), do: {x, fn -> take_while_next(rest, f) end}, else: :done
    end
  end

  def drop(enum, n) do
    src = source(enum)
    %Stream{next: fn -> drop_next(src, n) end}
  end

  defp drop_next(src, 0), do: src.()
  defp drop_next(src, n) do
    case src.() do
      :done -> :done
      {_, rest} -> drop_next(rest, n - 1)
    end
  end

  def with_index(enum, offset \\ 0) do
    src = source(enum)
    %Stream{next: fn -> index_next(src, offset) end}
  end

  defp index_next(src, i) do
    case src.() do
      :done -> :done
      {x, rest} -> {{x, i}, fn -> index_next(rest, i + 1) end}
    end
  end

  def flat_map(enum, f) do
    src = source(enum)
    %Stream{next: fn -> flat_next(src, [], f) end, pipe: pipe(enum, {:flat_map, f})}
  end

  defp flat_next(src, [h | t], f), do: {h, fn -> flat_next(src, t, f) end}
  defp flat_next(src, [], f) do
    case src.() do
      :done -> :done
      {x, rest} -> flat_next(rest, Enum.to_list(f.(x)), f)
    end
  end

  def chunk_every(enum, n), do: %Stream{next: fn -> chunk_next(source(enum), n) end}

  defp chunk_next(src, n) do
    case pull(src, n, []) do
      {[], _} -> :done
      {items, rest} -> {items, fn -> chunk_next(rest, n) end}
    end
  end

  defp pull(src, 0, acc), do: {:lists.reverse(acc), src}
  defp pull(src, n, acc) do
    case src.() do
      :done -> {:lists.reverse(acc), fn -> :done end}
      {x, rest} -> pull(rest, n - 1, [x | acc])
    end
  end

  def run(enum) do
    Enum.each(enum, fn _ -> :ok end)
    :ok
  end

  def each(enum, f), do: map(enum, fn x -> f.(x); x end)

  # A pull function for any enumerable; ranges are stepped lazily.
  defp source(%Stream{next: next}), do: next
  defp source(%Range{first: first, last: last, step: step}), do: fn -> range_step(first, last, step) end
  defp source(enum), do: list_next(Enum.to_list(enum))

  defp range_step(i, last, step) when (step > 0 and i > last) or (step < 0 and i < last), do: :done
  defp range_step(i, last, step), do: {i, fn -> range_step(i + step, last, step) end}

  defp list_next(list), do: fn -> list_step(list) end

  defp list_step([]), do: :done
  defp list_step([h | t]), do: {h, list_next(t)}

  def zip(a, b), do: zip([a, b])
  def zip(enums), do: %Stream{next: fn -> zip_next(Enum.map(enums, &source/1)) end}

  defp zip_next(srcs) do
    case zip_pull(srcs, [], []) do
      :done -> :done
      {items, rests} -> {List.to_tuple(items), fn -> zip_next(rests) end}
    end
  end

  defp zip_pull([], items, rests), do: {:lists.reverse(items), :lists.reverse(rests)}

  defp zip_pull([src | t], items, rests) do
    case src.() do
      :done -> :done
      {x, rest} -> zip_pull(t, [x | items], [rest | rests])
    end
  end

  def zip_with(a, b, f), do: map(zip(a, b), fn {x, y} -> f.(x, y) end)
  def zip_with(enums, f), do: map(zip(enums), fn t -> f.(Tuple.to_list(t)) end)

  def concat(a, b), do: concat([a, b])
  def concat(enums), do: %Stream{next: fn -> concat_next(source(enums), fn -> :done end) end}

  # `outer` yields the enumerables, `inner` the items of the current one.
  defp concat_next(outer, inner) do
    case inner.() do
      {x, rest} ->
        {x, fn -> concat_next(outer, rest) end}

      :done ->
        case outer.() do
          :done -> :done
          {enum, rest} -> concat_next(rest, source(enum))
        end
    end
  end

  def scan(enum, acc, f), do: %Stream{next: fn -> scan_next(source(enum), acc, f) end}

  def scan(enum, f) do
    src = source(enum)

    %Stream{
      next: fn ->
        case src.() do
          :done -> :done
          {x, rest} -> {x, fn -> scan_next(rest, x, f) end}
        end
      end
    }
  end

  defp scan_next(src, acc, f) do
    case src.() do
      :done -> :done
      {x, rest} ->
        acc = f.(x, acc)
        {acc, fn -> scan_next(rest, acc, f) end}
    end
  end

  def uniq(enum), do: uniq_by(enum, fn x -> x end)
  def uniq_by(enum, f), do: %Stream{next: fn -> uniq_next(source(enum), %{}, f) end}

  defp uniq_next(src, seen, f) do
    case src.() do
      :done -> :done
      {x, rest} ->
        k = f.(x)
        if Map.has_key?(seen, k), do: uniq_next(rest, seen, f), else: {x, fn -> uniq_next(rest, Map.put(seen, k, true), f) end}
    end
  end

  def dedup(enum), do: dedup_by(enum, fn x -> x end)
  def dedup_by(enum, f), do: %Stream{next: fn -> dedup_next(source(enum), :none, f) end}

  defp dedup_next(src, last, f) do
    case src.() do
      :done -> :done
      {x, rest} ->
        k = f.(x)
        if last === {:some, k}, do: dedup_next(rest, last, f), else: {x, fn -> dedup_next(rest, {:some, k}, f) end}
    end
  end

  def drop_while(enum, f), do: %Stream{next: fn -> drop_while_next(source(enum), f) end}

  defp drop_while_next(src, f) do
    case src.() do
      :done -> :done
      {x, rest} -> if f.(x), do: drop_while_next(rest, f), else: {x, rest}
    end
  end

  def chunk_by(enum, f), do: %Stream{next: fn -> chunk_by_next(source(enum), f) end}

  defp chunk_by_next(src, f) do
    case src.() do
      :done -> :done
      {x, rest} -> chunk_by_fill(rest, f, f.(x), [x])
    end
  end

  defp chunk_by_fill(src, f, key, acc) do
    case src.() do
      :done ->
        {:lists.reverse(acc), fn -> :done end}

      {x, rest} ->
        k = f.(x)

        if k == key,
          do: chunk_by_fill(rest, f, key, [x | acc]),
          else: {:lists.reverse(acc), fn -> chunk_by_fill(rest, f, k, [x]) end}
    end
  end

  def intersperse(enum, sep) do
    src = source(enum)

    %Stream{
      next: fn ->
        case src.() do
          :done -> :done
          {x, rest} -> {x, fn -> intersperse_next(rest, sep) end}
        end
      end
    }
  end

  defp intersperse_next(src, sep) do
    case src.() do
      :done -> :done
      {x, rest} -> {sep, fn -> {x, fn -> intersperse_next(rest, sep) end} end}
    end
  end

  def take_every(enum, n) when is_integer(n) and n > 0 do
    src = source(enum)
    %Stream{next: fn -> every_next(src, n, 0, fn x -> x end, true) end}
  end

  def take_every(_enum, 0), do: %Stream{next: fn -> :done end}

  def map_every(enum, n, f) when is_integer(n) and n > 0 do
    src = source(enum)
    %Stream{next: fn -> every_next(src, n, 0, f, false) end}
  end

  def map_every(enum, 0, _f), do: map(enum, fn x -> x end)

  # Every `n`th item (from the first) is mapped with `f`; the others are dropped (`only`)
  # or passed through.
  defp every_next(src, n, i, f, only) do
    case src.() do
      :done -> :done
      {x, rest} ->
        next = fn -> every_next(rest, n, rem(i + 1, n), f, only) end

        cond do
          i == 0 -> {f.(x), next}
          only -> next.()
          true -> {x, next}
        end
    end
  end

  # `f.(item, acc)` returns `{items, acc}` (items may be any enumerable) or `{:halt, acc}`.
  def transform(enum, acc, f), do: %Stream{next: fn -> transform_next(source(enum), acc, f, fn -> :done end, nil) end}

  def transform(enum, start, f, last) when is_function(last, 1),
    do: %Stream{next: fn -> transform_next(source(enum), start.(), f, fn -> :done end, last) end}

  defp transform_next(src, acc, f, pending, last) do
    case pending.() do
      {x, rest} ->
        {x, fn -> transform_next(src, acc, f, rest, last) end}

      :done ->
        case src.() do
          :done ->
            if last, do: last.(acc)
            :done

          {x, rest} ->
            case f.(x, acc) do
              {:halt, acc} ->
                if last, do: last.(acc)
                :done

              {items, acc} ->
                transform_next(rest, acc, f, source(items), last)
            end
        end
    end
  end

  # `next.(acc)` returns `{items, acc}` or `{:halt, acc}`; `stop.(acc)` runs at the end.
  def resource(start, next, stop), do: %Stream{next: fn -> resource_next(start.(), next, stop, fn -> :done end) end}

  defp resource_next(acc, next, stop, pending) do
    case pending.() do
      {x, rest} ->
        {x, fn -> resource_next(acc, next, stop, rest) end}

      :done ->
        case next.(acc) do
          {:halt, acc} ->
            stop.(acc)
            :done

          {items, acc} ->
            resource_next(acc, next, stop, source(items))
        end
    end
  end

  def interval(ms), do: %Stream{next: fn -> interval_next(ms, 0) end}

  defp interval_next(ms, i) do
    Process.sleep(ms)
    {i, fn -> interval_next(ms, i + 1) end}
  end

  def timer(ms), do: %Stream{next: fn -> Process.sleep(ms); {0, fn -> :done end} end}

  def __reduce_while__(next, acc, f) do
    case next.() do
      :done ->
        acc

      {x, rest} ->
        case f.(x, acc) do
          {:cont, acc} -> __reduce_while__(rest, acc, f)
          {:halt, acc} -> acc
        end
    end
  end

  def __to_list__(%Stream{pipe: {src, stages}}), do: push_all(src, :lists.reverse(stages))
  def __to_list__(%Stream{next: next}), do: collect(next, [])

  defp push_all(%Range{first: first, last: last, step: step}, stages), do: push_range(first, last, step, stages, [])
  defp push_all(list, stages), do: push_list(list, stages, [])

  defp push_range(i, last, step, _stages, acc) when (step > 0 and i > last) or (step < 0 and i < last),
    do: :lists.reverse(acc)

  defp push_range(i, last, step, stages, acc), do: push_range(i + step, last, step, stages, push(i, stages, acc))

  defp push_list([h | t], stages, acc), do: push_list(t, stages, push(h, stages, acc))
  defp push_list([], _stages, acc), do: :lists.reverse(acc)

  # One element through the remaining stages, onto the (reversed) output.
  defp push(x, [], acc), do: [x | acc]
  defp push(x, [{:map, f} | rest], acc), do: push(f.(x), rest, acc)
  defp push(x, [{:filter, f} | rest], acc), do: if(f.(x), do: push(x, rest, acc), else: acc)
  defp push(x, [{:flat_map, f} | rest], acc), do: push_each(Enum.to_list(f.(x)), rest, acc)

  defp push_each([h | t], stages, acc), do: push_each(t, stages, push(h, stages, acc))
  defp push_each([], _stages, acc), do: acc

  defp collect(next, acc) do
    case next.() do
      :done -> :lists.reverse(acc)
      {x, rest} -> collect(rest, [x | acc])
    end
  end

  def __take__(%Stream{next: next}, n), do: elem(pull(next, n, []), 0)
end

defmodule List.Internal do
  @moduledoc false

  # A stable merge sort with a user comparator (`Enum.sort/2`): `f.(a, b)` is true when
  # `a` may come first.
  def merge_sort([], _f), do: []
  def merge_sort([x], _f), do: [x]

  def merge_sort(list, f) do
    {a, b} = :vial_enum.split_half(list)
    merge(merge_sort(a, f), merge_sort(b, f), f, [])
  end

  def merge_sort_by_keys(pairs, f) do
    for {_, x} <- merge_sort(pairs, fn {a, _}, {b, _} -> f.(a, b) end), do: x
  end

  defp merge([], b, _f, acc), do: :lists.reverse(acc, b)
  defp merge(a, [], _f, acc), do: :lists.reverse(acc, a)

  defp merge([x | xs] = a, [y | ys] = b, f, acc) do
    if f.(x, y), do: merge(xs, b, f, [x | acc]), else: merge(a, ys, f, [y | acc])
  end
end
