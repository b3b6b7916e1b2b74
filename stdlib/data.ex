# The callback-taking halves of Map, Keyword, List and String, and Kernel's nested-access
# helpers. Everything without a callback is native (src/vm/natives/map.rs, list.rs,
# string.rs); these functions call those by their full name, since a module's native and
# interpreted functions only meet through remote calls.

defmodule Map do
  def new(enum, f), do: Map.new(Enum.map(enum, f))

  def merge(m1, m2, f) do
    :vial_map.check(m1)
    Enum.reduce(Map.to_list(m2), m1, fn {k, v2}, acc ->
      case Map.fetch(acc, k) do
        {:ok, v1} -> Map.put(acc, k, f.(k, v1, v2))
        :error -> Map.put(acc, k, v2)
      end
    end)
  end

  def update(m, key, default, f) do
    case Map.fetch(m, key) do
      {:ok, v} -> Map.put(m, key, f.(v))
      :error -> Map.put(m, key, default)
    end
  end

  def update!(m, key, f) do
    case Map.fetch(m, key) do
      {:ok, v} -> Map.put(m, key, f.(v))
      :error -> :vial_map.key_error(key, m)
    end
  end

  def get_lazy(m, key, f) do
    case Map.fetch(m, key) do
      {:ok, v} -> v
      :error -> f.()
    end
  end

  def put_new_lazy(m, key, f) do
    if Map.has_key?(m, key), do: m, else: Map.put(m, key, f.())
  end

  def pop_lazy(m, key, f) do
    case Map.fetch(m, key) do
      {:ok, v} -> {v, Map.delete(m, key)}
      :error -> {f.(), m}
    end
  end

  def get_and_update(m, key, f) do
    current = Map.get(m, key)
    case f.(current) do
      {get, new} -> {get, Map.put(m, key, new)}
      :pop -> {current, Map.delete(m, key)}
    end
  end

  def get_and_update!(m, key, f) do
    case Map.fetch(m, key) do
      {:ok, v} ->
        case f.(v) do
          {get, new} -> {get, Map.put(m, key, new)}
          :pop -> {v, Map.delete(m, key)}
        end
      :error -> :vial_map.key_error(key, m)
    end
  end

  def filter(m, f) do
    :vial_map.check(m)
    Map.new(Enum.filter(__fold_order__(m), f))
  end

  def reject(m, f) do
    :vial_map.check(m)
    Map.new(Enum.reject(__fold_order__(m), f))
  end

  # The entries in `:maps.fold/3`'s order: a map of more than 32 keys is walked in the
  # reverse of its listing.
  def __fold_order__(m) when map_size(m) > 32, do: :lists.reverse(Map.to_list(m))
  def __fold_order__(m), do: Map.to_list(m)
end

defmodule Keyword do
  def new(enum, f), do: Keyword.new(Enum.map(enum, f))

  def merge(k1, k2, f) do
    Enum.reduce(k2, k1, fn {k, v2}, acc ->
      case Keyword.fetch(acc, k) do
        {:ok, v1} -> Keyword.delete(acc, k) ++ [{k, f.(k, v1, v2)}]
        :error -> acc ++ [{k, v2}]
      end
    end)
  end

  def update(kw, key, default, f) do
    case Keyword.fetch(kw, key) do
      {:ok, v} -> :vial_kw.replace(kw, key, f.(v))
      :error -> kw ++ [{key, default}]
    end
  end

  def update!(kw, key, f) do
    case Keyword.fetch(kw, key) do
      {:ok, v} -> :vial_kw.replace(kw, key, f.(v))
      :error -> :vial_map.key_error(key, kw)
    end
  end

  def get_lazy(kw, key, f) do
    case Keyword.fetch(kw, key) do
      {:ok, v} -> v
      :error -> f.()
    end
  end

  def put_new_lazy(kw, key, f) do
    if Keyword.has_key?(kw, key), do: kw, else: [{key, f.()} | kw]
  end

  def pop_lazy(kw, key, f) do
    case Keyword.fetch(kw, key) do
      {:ok, v} -> {v, Keyword.delete(kw, key)}
      :error -> {f.(), kw}
    end
  end

  def filter(kw, f), do: Enum.filter(kw, f)
  def reject(kw, f), do: Enum.reject(kw, f)
end

defmodule Keyword.Internal do
  @moduledoc false

  def replace_first(kw, key, value), do: replace_first(kw, key, value, [])

  defp replace_first([], key, value, acc), do: :lists.reverse([{key, value} | acc])
  defp replace_first([{key, _} | t], key, value, acc), do: :lists.reverse(acc, [{key, value} | t])
  defp replace_first([e | t], key, value, acc), do: replace_first(t, key, value, [e | acc])
end

defmodule List do
  def foldl(list, acc, f) when is_list(list), do: foldl_list(list, acc, f)

  defp foldl_list([], acc, _f), do: acc
  defp foldl_list([h | t], acc, f), do: foldl_list(t, f.(h, acc), f)

  def foldr(list, acc, f) when is_list(list), do: foldl_list(:lists.reverse(list), acc, f)

  def update_at(list, index, f) when is_list(list) and is_integer(index) do
    len = length(list)
    i = if index < 0, do: len + index, else: index
    if i >= 0 and i < len do
      List.replace_at(list, i, f.(Enum.at(list, i)))
    else
      list
    end
  end
end

defmodule String.Internal do
  @moduledoc false

  # `String.replace/3,4` with a function as the replacement: called with each match.
  def replace_fun(s, pattern, f), do: replace_fun(s, pattern, f, [])

  def replace_fun(s, pattern, f, opts) when is_binary(pattern) do
    parts =
      if Keyword.get(opts, :global, true) do
        String.split(s, pattern)
      else
        String.split(s, pattern, parts: 2)
      end
    [first | rest] = parts
    Enum.reduce(rest, first, fn part, acc -> acc <> f.(pattern) <> part end)
  end
end

defmodule Kernel do
  def tap(value, f) do
    f.(value)
    value
  end

  # A function in a path (`Access.key/2`, `Access.all/0`, …) is called with the operation,
  # the data at that point and what to do with the inner value, as Elixir's Access does.
  def get_in(data, []), do: data
  def get_in(nil, [_ | _]), do: nil
  def get_in(data, [key]) when is_function(key, 3), do: key.(:get, data, fn x -> x end)
  def get_in(data, [key | rest]) when is_function(key, 3), do: key.(:get, data, fn x -> get_in(x, rest) end)
  def get_in(data, [key | rest]), do: get_in(Access.get(data, key), rest)

  def put_in(data, keys, value), do: update_in(data, keys, fn _ -> value end)

  def update_in(data, [key | _] = keys, f) when is_function(key, 3) do
    {_, updated} = get_and_update_in(data, keys, fn x -> {nil, f.(x)} end)
    updated
  end

  def update_in(data, [key], f), do: Kernel.Internal.access_update(data, key, f)

  def update_in(data, [key | rest], f) do
    Kernel.Internal.access_update(data, key, fn v -> update_in(v, rest, f) end)
  end

  def get_and_update_in(data, [key], f) when is_function(key, 3), do: key.(:get_and_update, data, f)

  def get_and_update_in(data, [key | rest], f) when is_function(key, 3) do
    key.(:get_and_update, data, fn x -> get_and_update_in(x, rest, f) end)
  end

  def get_and_update_in(data, [key], f), do: Kernel.Internal.access_get_and_update(data, key, f)

  def get_and_update_in(data, [key | rest], f) do
    Kernel.Internal.access_get_and_update(data, key, fn v -> get_and_update_in(v, rest, f) end)
  end

  def pop_in(data, [key | _] = keys) when is_function(key, 3), do: get_and_update_in(data, keys, fn _ -> :pop end)
  def pop_in(nil, [_ | _]), do: {nil, nil}
  def pop_in(data, [key]) when is_map(data), do: Map.pop(data, key)
  def pop_in(data, [key]) when is_list(data), do: Keyword.pop(data, key)

  def pop_in(data, [key | rest]) do
    case Access.get(data, key) do
      nil -> {nil, data}
      inner ->
        {v, inner} = pop_in(inner, rest)
        {v, Kernel.Internal.access_update(data, key, fn _ -> inner end)}
    end
  end
end
