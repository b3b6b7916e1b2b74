# kv: the Elixir guide's KV process (a map held in a receive loop, started with
# Task.start_link): N asynchronous puts (default 200,000), then N get round trips.
# Measures a stateful server: map updates plus request/reply messaging.
defmodule KV do
  def start_link do
    Task.start_link(fn -> loop(%{}) end)
  end

  defp loop(map) do
    receive do
      {:get, key, caller} ->
        send(caller, Map.get(map, key))
        loop(map)
      {:put, key, value} ->
        loop(Map.put(map, key, value))
    end
  end
end

defmodule KVBench do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  def puts(_pid, 0), do: :ok
  def puts(pid, i) do
    send(pid, {:put, i, i * 2})
    puts(pid, i - 1)
  end

  def gets(_pid, 0, acc), do: acc
  def gets(pid, i, acc) do
    send(pid, {:get, i, self()})
    receive do
      v -> gets(pid, i - 1, acc + v)
    end
  end

  def run do
    n = max(1, round(200_000 * scale()))
    {:ok, pid} = KV.start_link()
    t0 = System.monotonic_time(:millisecond)
    puts(pid, n)
    sum = gets(pid, n, 0)
    t1 = System.monotonic_time(:millisecond)
    if sum != n * (n + 1), do: raise("kv: wrong sum #{sum}")
    IO.puts("kv: #{t1 - t0} ms (puts=#{n}, gets=#{n})")
  end
end

KVBench.run()
