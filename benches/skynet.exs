# skynet: a fan-out-10 process tree with N leaves (default 1,000,000); every leaf sends
# its index, every inner process sums its 10 children. Total = N*(N-1)/2 (499999500000).
# Measures spawn + message passing + process exit at scale.
defmodule Skynet do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  def digits(k, s) when k > 1 and s < 0.316, do: digits(k - 1, s * 10)
  def digits(k, s) when s > 3.16, do: digits(k + 1, s / 10)
  def digits(k, _s), do: k

  def pow10(0), do: 1
  def pow10(k), do: 10 * pow10(k - 1)

  def node(parent, num, 1, _fan), do: send(parent, num)
  def node(parent, num, size, fan) do
    child = div(size, fan)
    me = self()
    spawn_children(me, num, child, fan, 0)
    send(parent, collect(fan, 0))
  end

  def spawn_children(_me, _num, _child, fan, fan), do: :ok
  def spawn_children(me, num, child, fan, i) do
    spawn(fn -> node(me, num + i * child, child, fan) end)
    spawn_children(me, num, child, fan, i + 1)
  end

  def collect(0, acc), do: acc
  def collect(n, acc) do
    receive do
      x -> collect(n - 1, acc + x)
    end
  end

  def run do
    # the tree needs a power of ten: 10^6 at scale 1, 10^5 at scale 0.1, ...
    k = digits(6, scale())
    n = pow10(k)
    t0 = System.monotonic_time(:millisecond)
    me = self()
    spawn(fn -> node(me, 0, n, 10) end)
    sum = receive do
      x -> x
    end
    t1 = System.monotonic_time(:millisecond)
    expected = div(n * (n - 1), 2)
    if sum != expected, do: raise("skynet: wrong sum #{sum}, expected #{expected}")
    IO.puts("skynet: #{t1 - t0} ms (leaves=#{n}, sum=#{sum})")
  end
end

Skynet.run()
