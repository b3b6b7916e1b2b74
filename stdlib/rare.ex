# The rarely used functions of Enum, Keyword and List, ported from Elixir 1.14: the
# eager modules (enum.ex, data.ex) keep one-line wrappers with Elixir's guards and call
# these, so that start-up does not compile them. Loaded on first use.

defmodule Enum.Rare do
  @moduledoc false

  # As Elixir's: one pass, the first of equal minimums and of equal maximums kept.
  def min_max_by(enum, f, empty_fallback) when is_function(f, 1) and is_function(empty_fallback, 0),
    do: min_max_by(enum, f, &</2, empty_fallback)

  def min_max_by(enum, f, sorter), do: min_max_by(enum, f, sorter, fn -> raise Enum.EmptyError end)

  def min_max_by(enum, f, sorter, empty_fallback) when is_function(f, 1) and is_atom(sorter) and is_function(empty_fallback, 0),
    do: min_max_by(enum, f, fn a, b -> sorter.compare(a, b) == :lt end, empty_fallback)

  def min_max_by(enum, f, sorter, empty_fallback) when is_function(f, 1) and is_function(sorter, 2) and is_function(empty_fallback, 0) do
    case Enum.to_list(enum) do
      [] -> empty_fallback.()
      [h | t] ->
        fh = f.(h)
        {min, max, _, _} =
          Enum.reduce(t, {h, h, fh, fh}, fn x, {min, max, fmin, fmax} = acc ->
            fx = f.(x)
            cond do
              sorter.(fx, fmin) -> {x, max, fx, fmax}
              sorter.(fmax, fx) -> {min, x, fmin, fx}
              true -> acc
            end
          end)
        {min, max}
    end
  end

  def zip_reduce([], acc, f) when is_function(f, 2), do: acc
  def zip_reduce(enums, acc, f) when is_function(f, 2), do: Enum.reduce(Enum.zip(enums), acc, fn t, acc -> f.(Tuple.to_list(t), acc) end)

  # Drops the first element and every `n`th after it.
  def drop_every(_enum, 1), do: []
  def drop_every(enum, 0), do: Enum.to_list(enum)
  def drop_every([], n) when is_integer(n), do: []

  def drop_every(enum, n) when is_integer(n) and n > 1 do
    {items, _} = Enum.reduce(enum, {[], 0}, fn x, {acc, i} ->
      {if(rem(i, n) == 0, do: acc, else: [x | acc]), i + 1}
    end)
    :lists.reverse(items)
  end

  # Elixir 1.13's `slide/3`: moves the elements at `range` (or one index) so that they start
  # at `insertion_index`, normalizing negative indices as `slice/2` does.
  def slide(enum, index, insertion_index) when is_integer(index), do: slide(enum, index..index, insertion_index)

  def slide(_enum, %Range{step: step} = range, _insertion_index) when step != 1,
    do: raise(ArgumentError, "Enum.slide/3 does not accept ranges with custom steps, got: " <> inspect(range))

  def slide(enum, %Range{first: first, last: last}, insertion_index) when first < 0 or last < 0 or insertion_index < 0 do
    count = Enum.count(enum)
    first = if first >= 0, do: first, else: Kernel.max(first + count, 0)
    last = if last >= 0, do: last, else: last + count
    insertion_index = if insertion_index >= 0, do: insertion_index, else: insertion_index + count
    if first < count and first != insertion_index,
      do: slide(enum, Range.new(first, last, 1), insertion_index),
      else: Enum.to_list(enum)
  end

  def slide(enum, %Range{first: insertion_index}, insertion_index), do: Enum.to_list(enum)

  def slide(_enum, %Range{first: first, last: last}, insertion_index) when insertion_index > first and insertion_index <= last do
    raise ArgumentError,
          "insertion index for slide must be outside the range being moved " <>
            "(tried to insert #{first}..#{last} at #{insertion_index})"
  end

  def slide(enum, %Range{first: first, last: last}, _insertion_index) when first > last, do: Enum.to_list(enum)

  def slide(enum, %Range{first: first, last: last}, insertion_index) when insertion_index <= first,
    do: slide_any(enum, insertion_index, first, last)

  def slide(enum, %Range{first: first, last: last}, insertion_index), do: slide_any(enum, first, last + 1, insertion_index)

  # Moves the elements at `middle..last` in front of those at `start..middle - 1`.
  defp slide_any(enum, start, middle, last) do
    {_, pre, post} =
      Enum.reduce(enum, {0, [], []}, fn x, {i, pre, post} ->
        cond do
          i < start -> {i + 1, [x | pre], post}
          i < middle -> {i + 1, pre, [x | post]}
          i <= last -> {i + 1, [x | pre], post}
          true -> {i + 1, pre, [x | post]}
        end
      end)
    :lists.reverse(pre, :lists.reverse(post))
  end
end

defmodule Keyword.Rare do
  @moduledoc false

  # Elixir 1.13's `validate/2`, clause for clause: the allowed keys (atoms, or `{key,
  # default}` pairs) are checked off as the keyword list uses them, so the result puts the
  # defaults not given first, then the given pairs in reverse, exactly as Elixir does.
  def validate(kw, values) when is_list(kw) and is_list(values), do: validate(kw, values, [], [], [])

  defp validate([{key, _} = pair | kw], values1, values2, acc, bad) when is_atom(key) do
    case validate_find(key, values1, values2) do
      {values1, values2} -> validate(kw, values1, values2, [pair | acc], bad)
      :error ->
        case validate_find(key, values2, values1) do
          {values1, values2} -> validate(kw, values1, values2, [pair | acc], bad)
          :error -> validate(kw, values1, values2, acc, [key | bad])
        end
    end
  end

  defp validate([], values1, values2, acc, []), do: {:ok, validate_move(values1, validate_move(values2, acc))}
  defp validate([], _values1, _values2, _acc, bad), do: {:error, bad}

  defp validate([pair | _], _values1, _values2, _acc, []),
    do: raise(ArgumentError, "expected a keyword list as first argument, got invalid entry: " <> inspect(pair))

  defp validate_find(key, [key | rest], acc), do: {rest, acc}
  defp validate_find(key, [{key, _} | rest], acc), do: {rest, acc}
  defp validate_find(key, [head | tail], acc), do: validate_find(key, tail, [head | acc])
  defp validate_find(_key, [], _acc), do: :error

  defp validate_move([key | rest], acc) when is_atom(key), do: validate_move(rest, acc)
  defp validate_move([{key, _} = pair | rest], acc) when is_atom(key), do: validate_move(rest, [pair | acc])
  defp validate_move([], acc), do: acc

  defp validate_move([other | _], _),
    do: raise(ArgumentError, "expected the second argument to be a list of atoms or tuples, got: " <> inspect(other))

  def validate!(kw, values) do
    case validate(kw, values) do
      {:ok, kw} -> kw
      {:error, invalid} ->
        keys = for value <- values, do: if(is_atom(value), do: value, else: elem(value, 0))
        message =
          case Enum.split_with(invalid, fn k -> Enum.member?(keys, k) end) do
            {_, [_ | _] = unknown} ->
              "unknown keys #{inspect(unknown)} in #{inspect(kw)}, the allowed keys are: #{inspect(keys)}"
            {[_ | _] = known, _} ->
              "duplicate keys #{inspect(known)} in #{inspect(kw)}"
          end
        raise ArgumentError, message
    end
  end
end

defmodule List.Rare do
  @moduledoc false

  # `keysort/3` with a sorter: `:asc`, `:desc`, a comparing function, or a module with
  # `compare/2` (alone or in `{:asc | :desc, module}`); stable, as `:lists.sort/2` is.
  def keysort(list, position, :asc), do: List.keysort(list, position)

  def keysort(list, position, sorter) do
    Enum.sort(list, keysort_fun(sorter, position))
  end

  defp keysort_fun(sorter, i) when is_function(sorter, 2), do: fn a, b -> sorter.(elem(a, i), elem(b, i)) end
  defp keysort_fun(:desc, i), do: fn a, b -> elem(a, i) >= elem(b, i) end
  defp keysort_fun(module, i) when is_atom(module), do: fn a, b -> module.compare(elem(a, i), elem(b, i)) != :gt end
  defp keysort_fun({:asc, module}, i) when is_atom(module), do: fn a, b -> module.compare(elem(a, i), elem(b, i)) != :gt end
  defp keysort_fun({:desc, module}, i) when is_atom(module), do: fn a, b -> module.compare(elem(a, i), elem(b, i)) != :lt end
end
