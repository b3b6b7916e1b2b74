# fib: body-recursive fib(30) (default; BENCH_SCALE s runs fib(30 + log_phi(s))).
# Measures raw interpreter speed: calls, guards, integer arithmetic.
defmodule Fib do
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
    n = fib_arg(30, scale())
    t0 = System.monotonic_time(:millisecond)
    r = fib(n)
    t1 = System.monotonic_time(:millisecond)
    IO.puts("fib: #{t1 - t0} ms (fib(#{n}) = #{r})")
  end
end

Fib.run()
