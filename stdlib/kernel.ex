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

  # `raise MyError, arg` for user-defined exceptions: build it with `exception/1`.
  def raise_exception(module, arg) do
    raise module.exception(arg)
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
