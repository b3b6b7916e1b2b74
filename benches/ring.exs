# ring: N processes (default 10,000) in a ring pass a token M times around (default 100),
# i.e. N*M messages, one hop at a time. Measures send/receive/context-switch latency.
defmodule Ring do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  def relay(next) do
    receive do
      {:token, k} ->
        send(next, {:token, k})
        relay(next)
      :stop ->
        send(next, :stop)
    end
  end

  def build(0, next), do: next
  def build(n, next), do: build(n - 1, spawn(fn -> relay(next) end))

  def rounds(_head, 0), do: :ok
  def rounds(head, m) do
    send(head, {:token, m})
    receive do
      {:token, ^m} -> rounds(head, m - 1)
    end
  end

  def run do
    n = 10_000
    m = max(1, round(100 * scale()))
    t0 = System.monotonic_time(:millisecond)
    # the main process is the ring's n-th member
    head = build(n - 1, self())
    rounds(head, m)
    send(head, :stop)
    receive do
      :stop -> :ok
    end
    t1 = System.monotonic_time(:millisecond)
    IO.puts("ring: #{t1 - t0} ms (n=#{n}, rounds=#{m}, hops=#{n * m})")
  end
end

Ring.run()
