# parallel: two independent CPU-bound processes (each a body-recursive fib(32) by
# default), started together; the figure is the time until both have finished. Run it
# with one scheduler and with two (vial --schedulers 1|2, elixir --erl "+S 1" | default):
# the ratio of the two is the parallel speedup.
defmodule Parallel do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  # fib(n) costs ~phi^n calls: shift n by log_phi(scale), without :math.log
  def fib_arg(n, s) when n > 10 and s < 0.786, do: fib_arg(n - 1, s * 1.618034)
  def fib_arg(n, s) when s > 1.272, do: fib_arg(n + 1, s / 1.618034)
  def fib_arg(n, _s), do: n

  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def run do
    n = fib_arg(32, scale())
    me = self()
    t0 = System.monotonic_time(:millisecond)
    spawn(fn -> send(me, {:done, fib(n)}) end)
    spawn(fn -> send(me, {:done, fib(n)}) end)
    a = receive do
      {:done, r} -> r
    end
    b = receive do
      {:done, r} -> r
    end
    t1 = System.monotonic_time(:millisecond)
    IO.puts("parallel: #{t1 - t0} ms (2 x fib(#{n}) = #{a}, #{b})")
  end
end

Parallel.run()
