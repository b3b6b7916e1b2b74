# The clocks and conversions benchmarks time themselves with, :math beyond sqrt and pow, and
# :rand. Times and random values are checked by shape and range only.
defmodule M do
  def work(n), do: Enum.sum(1..n)
end
{t, r} = :timer.tc(fn -> M.work(1000) end)
IO.inspect({is_integer(t) and t >= 0, r})
{t2, r2} = :timer.tc(M, :work, [1000])
IO.inspect({is_integer(t2), r2})
{t3, r3} = :timer.tc(&M.work/1, [10])
IO.inspect({is_integer(t3), r3})
IO.inspect({:timer.seconds(2), :timer.minutes(1), :timer.hours(1)})
t0 = System.monotonic_time()
t1 = :erlang.monotonic_time(:millisecond)
IO.inspect({is_integer(t0), is_integer(t1), System.system_time(:second) > 1_600_000_000, :erlang.system_time(:second) > 1_600_000_000})
IO.inspect({System.os_time() > 0, :os.system_time(:millisecond) > 0, tuple_size(:os.timestamp()), tuple_size(:erlang.timestamp())})
IO.inspect({System.convert_time_unit(1_500_000_000, :native, :second), System.convert_time_unit(3, :second, :millisecond), System.convert_time_unit(-1, :millisecond, :second)})
a = System.unique_integer()
b = System.unique_integer([:positive, :monotonic])
IO.inspect({a != b, is_integer(:erlang.unique_integer())})
IO.inspect({:math.log(2.0), :math.exp(1), :math.sin(0.5), :math.cos(0), :math.tan(1.0)})
IO.inspect({:math.floor(2.5), :math.ceil(2.1), :math.atan2(1, 2), :math.log2(8), :math.log10(1000), :math.fmod(7.5, 2)})
IO.inspect({:math.asin(1), :math.acos(1), :math.atan(1), :math.sinh(1), :math.cosh(0), :math.tanh(0.5)})
for f <- [fn -> :math.log(0) end, fn -> :math.log(-1) end, fn -> :math.sqrt(-1) end, fn -> :math.exp(1000) end] do
  try do
    f.()
  rescue
    e -> IO.inspect(e)
  end
end
xs = for _ <- 1..1000, do: :rand.uniform(6)
IO.inspect({Enum.min(xs) >= 1, Enum.max(xs) <= 6, length(Enum.uniq(xs)) > 1})
fs = for _ <- 1..1000, do: :rand.uniform()
IO.inspect(Enum.all?(fs, &(&1 >= 0.0 and &1 < 1.0)))
