# Kernel helpers the compiler and natives call into, and the small modules that are
# easiest to write in the language itself (Process.sleep, :timer).

defmodule Kernel.Internal do
  @moduledoc false

  # `%Name{k: v}`: the module's defaults overlaid with the given keys; unknown keys raise.
  def struct_new(module, fields) do
    base = module.__struct__()
    Enum.reduce(Map.to_list(fields), base, fn {k, v}, acc ->
      if Map.has_key?(acc, k) do
        Map.put(acc, k, v)
      else
        raise KeyError, key: k, term: module, message: "key #{inspect(k)} not found in: #{inspect(base)}"
      end
    end)
  end

  # `Module.__struct__/1`, which `defstruct` defines: the defaults with `fields` put in.
  # An unknown key raises KeyError, and so does a field that is not a pair; enforced keys
  # (`@enforce_keys`) must all be given.
  def struct_kv(module, base, enforce, fields) do
    {map, missing} =
      Enum.reduce(fields, {base, List.wrap(enforce)}, fn
        {key, value}, {map, keys} ->
          if Map.has_key?(map, key) do
            {Map.put(map, key, value), List.delete(keys, key)}
          else
            raise KeyError, key: key
          end

        _, _ ->
          raise FunctionClauseError, module: module, function: :"-__struct__/1-inlined-0-", arity: 2
      end)

    case missing do
      [] ->
        map

      _ ->
        raise ArgumentError,
              "the following keys must also be given when building struct #{inspect(module)}: #{inspect(missing)}"
    end
  end

  # `struct/1,2`: a module's defaults or a given struct, with the keys of `fields` it has
  # put in; other keys, and `:__struct__`, are ignored.
  def struct(module, fields) when is_atom(module) do
    base = validate_struct(module.__struct__(), module, 0)
    if fields == [], do: base, else: struct_put(base, fields)
  end

  def struct(%{__struct__: name} = struct, fields) when is_atom(name), do: struct_put(struct, fields)

  def struct(struct, fields) do
    raise FunctionClauseError, module: Kernel, function: :struct, arity: 3, args: [struct, fields, :fun]
  end

  # `struct!/1,2`: as `struct/2`, but every key must be one the struct has; for a module,
  # its `__struct__/1` also checks the enforced keys.
  def struct!(module, fields) when is_atom(module) do
    validate_struct(module.__struct__(fields), module, 1)
  end

  def struct!(%{__struct__: name} = struct, fields) when is_atom(name) do
    Enum.reduce(fields, struct, fn
      {:__struct__, _}, acc -> acc
      {key, value}, acc -> Map.replace!(acc, key, value)
      _, _ -> raise FunctionClauseError, module: Kernel, function: :"-struct!/2-fun-0-", arity: 2
    end)
  end

  def struct!(struct, fields) when is_map(struct) do
    raise FunctionClauseError, module: Kernel, function: :struct, arity: 3, args: [struct, fields, :fun]
  end

  def struct!(struct, fields) do
    raise FunctionClauseError, module: Kernel, function: :struct!, arity: 2, args: [struct, fields]
  end

  defp struct_put(struct, fields) do
    Enum.reduce(fields, struct, fn
      {:__struct__, _}, acc -> acc
      {key, value}, acc -> if Map.has_key?(acc, key), do: Map.put(acc, key, value), else: acc
      _, _ -> raise FunctionClauseError, module: Kernel, function: :"-struct/2-fun-0-", arity: 2
    end)
  end

  # What `__struct__/0,1` returned must be a struct of that very module.
  defp validate_struct(%{__struct__: module} = struct, module, _arity), do: struct

  defp validate_struct(%{__struct__: name}, module, arity) when is_atom(name) do
    raise ArgumentError,
          "expected struct name returned by #{inspect(module)}.__struct__/#{arity} to be #{inspect(module)}, got: #{inspect(name)}"
  end

  defp validate_struct(other, module, arity) do
    raise ArgumentError,
          "expected #{inspect(module)}.__struct__/#{arity} to return a map with a :__struct__ key that holds the name of the struct (atom), got: #{inspect(other)}"
  end

  # The rest of an interpolation the VM could not finish itself: a part whose type has a
  # `String.Chars` implementation the program defined.
  def interpolate(parts), do: IO.iodata_to_binary(Enum.map(parts, &to_string/1))

  # `Enum.join/2` of a list holding such values.
  def join(list, joiner), do: :vial_enum.join(Enum.map(list, &to_string/1), joiner)

  # `IO.puts`/`IO.write` of a value with such an implementation.
  def puts(device, value), do: IO.puts(device, to_string(value))
  def write(device, value), do: IO.write(device, to_string(value))

  # `raise MyError, arg` for user-defined exceptions: build it with `exception/1`.
  def raise_exception(module, arg) do
    raise module.exception(arg)
  end

  # `Exception.format_banner/2` and `format/3` for an exception whose module may define
  # its own `message/1`; `tail` is the formatted stack, if any.
  def user_banner(e, tail), do: "** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e) <> tail

  # The first read of a module attribute computed by calls (see `attr_memo`).
  def attr_init(id, fun), do: Kernel.Internal.attr_put(id, fun.())

  # `reraise MyError, arg, stacktrace` for user-defined exceptions.
  def reraise_exception(module, arg, stacktrace) do
    :erlang.raise(:error, module.exception(arg), stacktrace)
  end

  # One step of `put_in`/`update_in`: maps and keyword lists, as `Access` does it.
  def access_update(data, key, f) when is_map(data), do: Map.put(data, key, f.(Map.get(data, key)))

  def access_update(data, key, f) when is_list(data) do
    case Keyword.fetch(data, key) do
      {:ok, v} -> Keyword.Internal.replace_first(data, key, f.(v))
      :error -> [{key, f.(nil)} | data]
    end
  end

  def access_update(nil, key, _f) do
    raise ArgumentError, "could not put/update key #{inspect(key)} on a nil value"
  end

  # One step of `get_and_update_in`: `f` returns `{get, new}` or `:pop`.
  def access_get_and_update(data, key, f) do
    current = Access.get(data, key)
    case f.(current) do
      {get, new} -> {get, access_update(data, key, fn _ -> new end)}
      :pop when is_map(data) -> {current, Map.delete(data, key)}
      :pop -> {current, Keyword.delete(data, key)}
    end
  end
end

defmodule Process do
  def sleep(:infinity) do
    receive do
    end
  end

  def sleep(ms) when is_integer(ms) and ms >= 0 do
    receive do
    after
      ms -> :ok
    end
  end
end

defmodule :timer do
  def sleep(ms) do
    Process.sleep(ms)
  end

  def tc(fun) do
    t0 = System.monotonic_time(:microsecond)
    result = fun.()
    {System.monotonic_time(:microsecond) - t0, result}
  end

  def tc(fun, args) do
    t0 = System.monotonic_time(:microsecond)
    result = apply(fun, args)
    {System.monotonic_time(:microsecond) - t0, result}
  end

  def tc(module, fun, args) do
    t0 = System.monotonic_time(:microsecond)
    result = apply(module, fun, args)
    {System.monotonic_time(:microsecond) - t0, result}
  end

  def seconds(s), do: s * 1000
  def hours(h), do: h * 3_600_000
  def minutes(m), do: m * 60_000
end
