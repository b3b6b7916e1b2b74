# pingpong: two processes, N round trips (default 500,000). Measures the latency of one
# send + one receive + a switch to the other process, with nothing else to run.
defmodule PingPong do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  def pong do
    receive do
      {:ping, from} ->
        send(from, :pong)
        pong()
      :stop -> :ok
    end
  end

  def ping(_pid, 0), do: :ok
  def ping(pid, n) do
    send(pid, {:ping, self()})
    receive do
      :pong -> ping(pid, n - 1)
    end
  end

  def run do
    n = max(1, round(500_000 * scale()))
    pid = spawn(fn -> pong() end)
    t0 = System.monotonic_time(:millisecond)
    ping(pid, n)
    t1 = System.monotonic_time(:millisecond)
    send(pid, :stop)
    IO.puts("pingpong: #{t1 - t0} ms (round trips=#{n})")
  end
end

PingPong.run()
