# MapSet: a set as a struct over a map whose keys are the elements, each mapped to `[]`,
# the shape Elixir gives it (`%MapSet{map: %{x => []}, version: 2}`), so `==`, pattern
# matching, `Map.from_struct/1` and `inspect(set, structs: false)` see what they see there.
# Set operations are map operations, O(log n) per element. `MapSet.put/2` and
# `MapSet.delete/2` are natives that update a set no one else holds in place: written
# here, a put would hold the set twice while reading its map, and every put would copy
# part of the map. Enumerating a set (`Enum.*`, `for`, `in`) and collecting into one
# (`Enum.into/2`, `for ... into:`) are done by the natives behind `Enum`, which find the
# elements under the struct's `map` key, as they handle ranges.
#
# Loaded on first use, like otp.ex: most scripts never build a set.

defmodule MapSet do
  defstruct map: %{}, version: 2

  def new(), do: set(%{})

  def new(%MapSet{} = set), do: set
  def new(enumerable), do: Enum.into(enumerable, set(%{}))

  def new(enumerable, transform) when is_function(transform, 1) do
    Enum.into(enumerable, set(%{}), transform)
  end

  # put/2 and delete/2 are natives (src/vm/natives/mapset.rs).

  def member?(%MapSet{map: map}, value), do: is_map_key(map, value)

  def size(%MapSet{map: map}), do: map_size(map)

  def to_list(%MapSet{map: map}), do: Map.keys(map)

  # The smaller map is merged into the larger one.
  def union(%MapSet{map: a}, %MapSet{map: b}) do
    if map_size(a) >= map_size(b), do: set(Map.merge(a, b)), else: set(Map.merge(b, a))
  end

  # The smaller set's elements are looked up in the larger one.
  def intersection(%MapSet{map: a}, %MapSet{map: b}) do
    {small, large} = if map_size(a) <= map_size(b), do: {a, b}, else: {b, a}
    set(Map.take(large, Map.keys(small)))
  end

  # Walks whichever side is smaller: `a`'s elements looked up in `b`, or `b`'s dropped
  # from `a`.
  def difference(%MapSet{map: a}, %MapSet{map: b}) do
    if map_size(a) <= map_size(b) do
      from_list(keep(Map.keys(a), b, false, []))
    else
      set(Map.drop(a, Map.keys(b)))
    end
  end

  def symmetric_difference(%MapSet{} = a, %MapSet{} = b) do
    union(difference(a, b), difference(b, a))
  end

  def subset?(%MapSet{map: a}, %MapSet{map: b}) do
    map_size(a) <= map_size(b) and all_in?(Map.keys(a), b)
  end

  def disjoint?(%MapSet{map: a}, %MapSet{map: b}) do
    {small, large} = if map_size(a) <= map_size(b), do: {a, b}, else: {b, a}
    not any_in?(Map.keys(small), large)
  end

  # Strict, as Elixir's: `MapSet.new([1])` and `MapSet.new([1.0])` are different sets.
  def equal?(%MapSet{map: a}, %MapSet{map: b}), do: a === b

  def filter(%MapSet{map: map}, fun) when is_function(fun, 1) do
    from_list(Enum.filter(Map.keys(map), fun))
  end

  def reject(%MapSet{map: map}, fun) when is_function(fun, 1) do
    from_list(Enum.reject(Map.keys(map), fun))
  end

  # A set over `map`, built as a map literal: `%MapSet{map: map}` would go through
  # `__struct__/0` and check each field at run time.
  defp set(map), do: %{__struct__: MapSet, map: map, version: 2}

  defp from_list(list), do: :vial_enum.into(list, set(%{}))

  # The elements of `list` that are (`wanted` true) or are not (false) keys of `map`.
  defp keep([], _map, _wanted, acc), do: acc

  defp keep([x | rest], map, wanted, acc) do
    if is_map_key(map, x) == wanted, do: keep(rest, map, wanted, [x | acc]), else: keep(rest, map, wanted, acc)
  end

  defp all_in?([], _map), do: true
  defp all_in?([x | rest], map), do: if(is_map_key(map, x), do: all_in?(rest, map), else: false)

  defp any_in?([], _map), do: false
  defp any_in?([x | rest], map), do: if(is_map_key(map, x), do: true, else: any_in?(rest, map))
end
