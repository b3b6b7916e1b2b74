# micro: small CPU-bound workloads beside the suite's, run by hand under both implementations
# (`vial benches/micro.exs`, `elixir benches/micro.exs`); one line per workload. Not in
# `benches/run`'s table: they have no targets, they show where interpreted code stands.

defmodule Micro do
  def t(name, f) do
    t0 = System.monotonic_time(:microsecond)
    f.()
    IO.puts("#{name}: #{div(System.monotonic_time(:microsecond) - t0, 1000)} ms")
  end

  def loop(0, acc), do: acc
  def loop(n, acc), do: loop(n - 1, acc + rem(n, 7))

  def tup(0, {a, b}), do: a + b
  def tup(n, {a, b}), do: tup(n - 1, {b, a + 1})

  def mapupd(0, m), do: m
  def mapupd(n, m), do: mapupd(n - 1, %{m | a: m.a + 1})

  def strs(0, acc), do: byte_size(acc)
  def strs(n, acc), do: strs(n - 1, acc <> "x")

  def run do
    t("tail loop 3M", fn -> loop(3_000_000, 0) end)
    t("tuple loop 1M", fn -> tup(1_000_000, {0, 0}) end)
    t("map update 1M", fn -> mapupd(1_000_000, %{a: 0, b: 1}) end)
    t("string append 100k", fn -> strs(100_000, "") end)
    t("comprehension 1M", fn -> length(for x <- 1..1_000_000, rem(x, 3) == 0, do: x * 2) end)
    t("Enum.sort 200k", fn -> Enum.sort(Enum.map(1..200_000, fn x -> rem(x * 7919, 200_003) end)) end)
    t("Map.get 1M", fn -> m = Map.new(1..1000, fn i -> {i, i} end); Enum.reduce(1..1_000_000, 0, fn i, acc -> acc + Map.get(m, rem(i, 1000) + 1) end) end)
    t("interp 200k", fn -> Enum.reduce(1..200_000, 0, fn i, acc -> acc + byte_size("n=#{i}") end) end)
    t("Enum.sum range map 1M", fn -> 1..1_000_000 |> Enum.map(&(&1 * 2)) |> Enum.sum() end)
    t("String.split 50k", fn -> Enum.reduce(1..50_000, 0, fn _, acc -> acc + length(String.split("a,b,c,d,e", ",")) end) end)
    t("list ++ / reverse 1M", fn -> Enum.reverse(Enum.to_list(1..500_000) ++ Enum.to_list(1..500_000)) end)
    t("Enum.each+send 200k", fn -> me = self(); Enum.each(1..200_000, fn i -> send(me, i) end); Enum.each(1..200_000, fn _ -> receive do _ -> :ok end end) end)
  end
end
Micro.run()
