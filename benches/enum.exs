# enum: 1..N |> Enum.map |> Enum.filter |> Enum.reduce (default N = 1,000,000), then
# M Map.put into one map (default 100,000). Measures the stdlib's list and map paths,
# closures called from library code, and allocation of large lists.
defmodule EnumBench do
  def scale do
    case Float.parse(System.get_env("BENCH_SCALE", "1")) do
      {f, _} -> f
      :error -> 1.0
    end
  end

  def pipeline(n) do
    1..n
    |> Enum.map(fn x -> x * 3 end)
    |> Enum.filter(fn x -> rem(x, 2) == 0 end)
    |> Enum.reduce(0, fn x, acc -> x + acc end)
  end

  def puts(0, map), do: map
  def puts(i, map), do: puts(i - 1, Map.put(map, i, i))

  def run do
    n = max(1, round(1_000_000 * scale()))
    m = max(1, round(100_000 * scale()))
    t0 = System.monotonic_time(:millisecond)
    sum = pipeline(n)
    t1 = System.monotonic_time(:millisecond)
    size = map_size(puts(m, %{}))
    t2 = System.monotonic_time(:millisecond)
    if size != m, do: raise("enum: wrong map size #{size}")
    IO.puts("enum: #{t2 - t0} ms (pipeline n=#{n} #{t1 - t0} ms, sum=#{sum}; map_put m=#{m} #{t2 - t1} ms)")
  end
end

EnumBench.run()
