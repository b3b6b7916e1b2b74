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

  def seconds(s), do: s * 1000
  def minutes(m), do: m * 60_000
end
