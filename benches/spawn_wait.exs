# spawn_wait: spawn N processes (default 1,000,000) that each block in `receive`,
# then stop them all and wait until every one has acknowledged.
# Measures process creation + an idle process's memory footprint (peak RSS / N).
defmodule SpawnWait do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  def waiter(parent) do
    receive do
      :stop -> send(parent, :stopped)
    end
  end

  def spawn_all(0, _parent, acc), do: acc
  def spawn_all(n, parent, acc), do: spawn_all(n - 1, parent, [spawn(fn -> waiter(parent) end) | acc])

  def stop_all([]), do: :ok
  def stop_all([pid | rest]) do
    send(pid, :stop)
    stop_all(rest)
  end

  def await(0), do: :ok
  def await(n) do
    receive do
      :stopped -> await(n - 1)
    end
  end

  def run do
    n = max(1, round(1_000_000 * scale()))
    t0 = System.monotonic_time(:millisecond)
    pids = spawn_all(n, self(), [])
    t1 = System.monotonic_time(:millisecond)
    stop_all(pids)
    await(n)
    t2 = System.monotonic_time(:millisecond)
    IO.puts("spawn_wait: #{t2 - t0} ms (n=#{n}, spawn #{t1 - t0} ms, stop #{t2 - t1} ms)")
  end
end

SpawnWait.run()
