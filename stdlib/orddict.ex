# Erlang's `:orddict`, dictionaries as lists of `{key, value}` sorted by key, loaded on first
# use.
#
# A dictionary is a plain list of pairs, as in OTP 25; keys compare with `<`/`>` (`1` and
# `1.0` are one key). Functions OTP leaves to a function clause error (`fetch/2` of a missing
# key, `update/3` of one) fail the same way here.

defmodule :orddict do
  def new(), do: []

  def is_key(key, [{k, _} | _]) when key < k, do: false
  def is_key(key, [{k, _} | dict]) when key > k, do: is_key(key, dict)
  def is_key(_key, [{_k, _val} | _]), do: true
  def is_key(_, []), do: false

  def to_list(dict), do: dict

  # The last pair of each key wins: the pairs are reversed, then sorted stably by key, and
  # the first of each run of equal keys kept.
  def from_list([]), do: []
  def from_list([{_, _}] = pair), do: pair
  def from_list(pairs), do: ukeysort(List.keysort(reverse_pairs(pairs, []), 0))

  defp reverse_pairs([{_, _} = h | t], acc), do: reverse_pairs(t, [h | acc])
  defp reverse_pairs([], acc), do: acc

  defp ukeysort([{k1, _} = p, {k2, _} | t]) when k1 == k2, do: ukeysort([p | t])
  defp ukeysort([p | t]), do: [p | ukeysort(t)]
  defp ukeysort([]), do: []

  def size(d), do: length(d)

  def is_empty([]), do: true
  def is_empty([_ | _]), do: false

  def fetch(key, [{k, _} | d]) when key > k, do: fetch(key, d)
  def fetch(key, [{k, value} | _]) when key == k, do: value

  def find(key, [{k, _} | _]) when key < k, do: :error
  def find(key, [{k, _} | d]) when key > k, do: find(key, d)
  def find(_key, [{_k, value} | _]), do: {:ok, value}
  def find(_, []), do: :error

  def fetch_keys([{key, _} | dict]), do: [key | fetch_keys(dict)]
  def fetch_keys([]), do: []

  def erase(key, [{k, _} = e | dict]) when key < k, do: [e | dict]
  def erase(key, [{k, _} = e | dict]) when key > k, do: [e | erase(key, dict)]
  def erase(_key, [{_k, _val} | dict]), do: dict
  def erase(_, []), do: []

  def take(key, dict), do: take_1(key, dict, [])

  defp take_1(key, [{k, _} | _], _acc) when key < k, do: :error
  defp take_1(key, [{k, _} = p | d], acc) when key > k, do: take_1(key, d, [p | acc])
  defp take_1(_key, [{_k, value} | d], acc), do: {value, :lists.reverse(acc, d)}
  defp take_1(_, [], _), do: :error

  def store(key, new, [{k, _} | _] = dict) when key < k, do: [{key, new} | dict]
  def store(key, new, [{k, _} = e | dict]) when key > k, do: [e | store(key, new, dict)]
  def store(key, new, [{_k, _old} | dict]), do: [{key, new} | dict]
  def store(key, new, []), do: [{key, new}]

  def append(key, new, [{k, _} | _] = dict) when key < k, do: [{key, [new]} | dict]
  def append(key, new, [{k, _} = e | dict]) when key > k, do: [e | append(key, new, dict)]
  def append(key, new, [{_k, old} | dict]), do: [{key, old ++ [new]} | dict]
  def append(key, new, []), do: [{key, [new]}]

  def append_list(key, new_list, [{k, _} | _] = dict) when key < k, do: [{key, new_list} | dict]
  def append_list(key, new_list, [{k, _} = e | dict]) when key > k, do: [e | append_list(key, new_list, dict)]
  def append_list(key, new_list, [{_k, old} | dict]), do: [{key, old ++ new_list} | dict]
  def append_list(key, new_list, []), do: [{key, new_list}]

  def update(key, fun, [{k, _} = e | dict]) when key > k, do: [e | update(key, fun, dict)]
  def update(key, fun, [{k, val} | dict]) when key == k, do: [{key, fun.(val)} | dict]

  def update(key, _, init, [{k, _} | _] = dict) when key < k, do: [{key, init} | dict]
  def update(key, fun, init, [{k, _} = e | dict]) when key > k, do: [e | update(key, fun, init, dict)]
  def update(key, fun, _init, [{_k, val} | dict]), do: [{key, fun.(val)} | dict]
  def update(key, _, init, []), do: [{key, init}]

  def update_counter(key, incr, [{k, _} | _] = dict) when key < k, do: [{key, incr} | dict]
  def update_counter(key, incr, [{k, _} = e | dict]) when key > k, do: [e | update_counter(key, incr, dict)]
  def update_counter(key, incr, [{_k, val} | dict]), do: [{key, val + incr} | dict]
  def update_counter(key, incr, []), do: [{key, incr}]

  def fold(f, acc, [{key, val} | d]), do: fold(f, f.(key, val, acc), d)
  def fold(f, acc, []) when is_function(f, 3), do: acc

  def map(f, [{key, val} | d]), do: [{key, f.(key, val)} | map(f, d)]
  def map(f, []) when is_function(f, 2), do: []

  def filter(f, [{key, val} = e | d]) do
    if f.(key, val), do: [e | filter(f, d)], else: filter(f, d)
  end

  def filter(f, []) when is_function(f, 2), do: []

  def merge(f, [{k1, _} = e1 | d1], [{k2, _} = e2 | d2]) when k1 < k2, do: [e1 | merge(f, d1, [e2 | d2])]
  def merge(f, [{k1, _} = e1 | d1], [{k2, _} = e2 | d2]) when k1 > k2, do: [e2 | merge(f, [e1 | d1], d2)]
  def merge(f, [{k1, v1} | d1], [{_k2, v2} | d2]), do: [{k1, f.(k1, v1, v2)} | merge(f, d1, d2)]
  def merge(f, [], d2) when is_function(f, 3), do: d2
  def merge(f, d1, []) when is_function(f, 3), do: d1
end
