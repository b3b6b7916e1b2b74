# selective: a process with J unmatched ("junk") messages in its mailbox (default 10,000;
# override with SELECTIVE_JUNK) makes N call/replies (default 100,000) to an echo server,
# each reply tagged with a fresh make_ref() and received with `receive do {^ref, x} -> ...`.
# This is a GenServer that calls another server while it has a backlog. BEAM compiles the
# make_ref()-then-receive pattern so the receive skips messages that were already queued
# when the ref was made, so the time should not grow with J; a naive selective receive
# scans all J junk messages on every call (N*J match attempts).
defmodule Selective do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  def echo do
    receive do
      {:call, from, ref, x} ->
        send(from, {ref, x})
        echo()
      :stop -> :ok
    end
  end

  def junk(0), do: :ok
  def junk(j) do
    send(self(), {:junk, j})
    junk(j - 1)
  end

  def drain(k) do
    receive do
      {:junk, _} -> drain(k + 1)
    after
      0 -> k
    end
  end

  def call(server, x) do
    ref = make_ref()
    send(server, {:call, self(), ref, x})
    receive do
      {^ref, reply} -> reply
    end
  end

  def calls(_server, 0, acc), do: acc
  def calls(server, n, acc), do: calls(server, n - 1, acc + call(server, n))

  def run do
    n = max(1, round(100_000 * scale()))
    j = String.to_integer(System.get_env("SELECTIVE_JUNK", "10000"))
    server = spawn(fn -> echo() end)
    junk(j)
    t0 = System.monotonic_time(:millisecond)
    sum = calls(server, n, 0)
    t1 = System.monotonic_time(:millisecond)
    send(server, :stop)
    if sum != div(n * (n + 1), 2), do: raise("selective: wrong sum #{sum}")
    # the junk must still be there, untouched (counted by draining it, untimed)
    left = drain(0)
    if left != j, do: raise("selective: #{left} junk messages left, expected #{j}")
    IO.puts("selective: #{t1 - t0} ms (calls=#{n}, junk=#{j})")
  end
end

Selective.run()
