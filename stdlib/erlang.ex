# The Erlang library functions Elixir programs commonly call directly (`:lists.seq`,
# `:maps.get`, `:erlang.element`, ...), written on top of the Elixir modules. Loaded on first
# use. Natives of the same modules (`:lists.reverse`, `:erlang.band`, ...) live in
# `src/vm/natives/`.

defmodule :lists do
  def seq(from, to) when is_integer(from) and is_integer(to) and to >= from - 1, do: seq(from, to, 1)

  def seq(from, to, 1) when to == from - 1, do: []
  def seq(from, to, incr) when is_integer(incr) and incr > 0 and to >= from - incr, do: Enum.to_list(from..to//incr)
  def seq(from, to, incr) when is_integer(incr) and incr < 0 and to <= from - incr, do: Enum.to_list(from..to//incr)
  def seq(from, from, 0), do: [from]

  def sum(list), do: Enum.sum(list)
  def max(list), do: Enum.max(list)
  def min(list), do: Enum.min(list)
  def foldl(f, acc, list), do: Enum.reduce(list, acc, f)
  def foldr(f, acc, list), do: Enum.reduce(:lists.reverse(list), acc, f)
  def map(f, list), do: Enum.map(list, f)
  def filter(f, list), do: Enum.filter(list, f)
  def foreach(f, list), do: Enum.each(list, f)
  def all(f, list), do: Enum.all?(list, f)
  def any(f, list), do: Enum.any?(list, f)
  def sort(list), do: Enum.sort(list)
  def sort(f, list), do: Enum.sort(list, f)
  # Sorted, keeping the first of each run of equal (`==`: `1` and `1.0`) elements.
  def usort(list), do: usort_dedup(Enum.sort(list), [])

  defp usort_dedup([a, b | t], acc) when a == b, do: usort_dedup([a | t], acc)
  defp usort_dedup([a | t], acc), do: usort_dedup(t, [a | acc])
  defp usort_dedup([], acc), do: :lists.reverse(acc)

  def nth(n, list) when n >= 1, do: Enum.fetch!(list, n - 1)
  def nthtail(n, list), do: Enum.drop(list, n)
  def last(list), do: List.last(list)
  def member(x, list), do: Enum.member?(list, x)
  def append(a, b), do: a ++ b
  def append(lists), do: Enum.concat(lists)
  def concat(things), do: Enum.map_join(things, &to_string/1)
  def flatten(list), do: List.flatten(list)
  def duplicate(n, x), do: List.duplicate(x, n)
  def zip(a, b), do: Enum.zip(a, b)
  def unzip(pairs), do: Enum.unzip(pairs)
  def split(n, list), do: Enum.split(list, n)
  def sublist(list, n), do: Enum.take(list, n)
  def sublist(list, start, n), do: Enum.slice(list, start - 1, n)
  def delete(x, list), do: List.delete(list, x)
  def subtract(a, b), do: a -- b
  def keyfind(key, pos, list), do: List.keyfind(list, key, pos - 1) || false
  def keymember(key, pos, list), do: List.keymember?(list, key, pos - 1)
  def keydelete(key, pos, list), do: List.keydelete(list, key, pos - 1)
  def keystore(key, pos, list, tuple), do: List.keystore(list, key, pos - 1, tuple)
  def keysort(pos, list), do: List.keysort(list, pos - 1)
  def partition(f, list), do: Enum.split_with(list, f)
  def takewhile(f, list), do: Enum.take_while(list, f)
  def dropwhile(f, list), do: Enum.drop_while(list, f)
  def mapfoldl(f, acc, list), do: Enum.map_reduce(list, acc, f)
  def filtermap(f, list) do
    Enum.flat_map(list, fn x ->
      case f.(x) do
        true -> [x]
        {true, y} -> [y]
        false -> []
      end
    end)
  end
end

defmodule :maps do
  def get(key, map), do: Map.fetch!(map, key)
  def get(key, map, default), do: Map.get(map, key, default)
  def find(key, map), do: Map.fetch(map, key)
  def put(key, value, map), do: Map.put(map, key, value)
  def remove(key, map), do: Map.delete(map, key)
  def update(key, value, map), do: Map.replace!(map, key, value)
  def is_key(key, map), do: Map.has_key?(map, key)
  def keys(map), do: Map.keys(map)
  def values(map), do: Map.values(map)
  def to_list(map), do: Map.to_list(map)
  def from_list(list), do: Map.new(list)
  def size(map), do: map_size(map)
  def new(), do: %{}
  def merge(a, b), do: Map.merge(a, b)
  def with(keys, map), do: Map.take(map, keys)
  def without(keys, map), do: Map.drop(map, keys)
  def fold(f, acc, map), do: Enum.reduce(map, acc, fn {k, v}, acc -> f.(k, v, acc) end)
  def map(f, map), do: Map.new(map, fn {k, v} -> {k, f.(k, v)} end)
  def filter(f, map), do: Map.filter(map, fn {k, v} -> f.(k, v) end)

  # An iterator is the entries still to visit, in `fold/3`'s order (not OTP's opaque shape).
  def iterator(map) when is_map(map), do: Map.__fold_order__(map)
  def next([{k, v} | rest]), do: {k, v, rest}
  def next([]), do: :none
end

defmodule :erlang do
  def element(n, tuple), do: elem(tuple, n - 1)
  def setelement(n, tuple, value), do: put_elem(tuple, n - 1, value)
  def tuple_size(tuple), do: Kernel.tuple_size(tuple)
  def list_to_tuple(list), do: List.to_tuple(list)
  def tuple_to_list(tuple), do: Tuple.to_list(tuple)
  def make_tuple(n, value), do: Tuple.duplicate(value, n)
  def append_element(tuple, value), do: Tuple.append(tuple, value)
  def abs(x), do: Kernel.abs(x)
  def max(a, b), do: Kernel.max(a, b)
  def min(a, b), do: Kernel.min(a, b)
  def length(list), do: Kernel.length(list)
  def hd(list), do: Kernel.hd(list)
  def tl(list), do: Kernel.tl(list)
  def byte_size(b), do: Kernel.byte_size(b)
  def atom_to_list(a), do: Atom.to_charlist(a)
  def list_to_atom(l), do: List.to_atom(l)
  def list_to_integer(l), do: List.to_integer(l)
  def self(), do: Kernel.self()
  def node(), do: :nonode@nohost
  def map_get(key, map), do: Map.fetch!(map, key)
  def is_map_key(key, map), do: Map.has_key?(map, key)
  def process_info(pid), do: Process.info(pid)
  def process_info(pid, item), do: Process.info(pid, item)

  # The few `system_info/1` items benchmark scripts read.
  def system_info(:process_count), do: Kernel.length(Process.list())
  def system_info(:schedulers), do: System.schedulers_online()
  def system_info(:schedulers_online), do: System.schedulers_online()
  def system_info(:logical_processors), do: System.schedulers_online()
  def system_info(:logical_processors_available), do: System.schedulers_online()
  def system_info(:otp_release), do: ~c"25"
  def system_info(:wordsize), do: 8
  def system_info(:process_limit), do: 5_000_000
end

defmodule Code do
  def ensure_loaded?(module) when is_atom(module), do: :vial_code.loaded(module)

  def ensure_loaded(module) when is_atom(module) do
    if :vial_code.loaded(module), do: {:module, module}, else: {:error, :nofile}
  end

  def ensure_compiled(module), do: ensure_loaded(module)
end

# The ETS functions that call back into the program; the rest are natives
# (`src/vm/natives/ets.rs`).
defmodule :ets do
  def foldl(f, acc, tab), do: List.foldl(:ets.tab2list(tab), acc, f)
  def foldr(f, acc, tab), do: List.foldr(:ets.tab2list(tab), acc, f)
end
