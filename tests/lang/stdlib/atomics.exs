# :atomics: shared arrays of 64-bit integers, signed or unsigned.

a = :atomics.new(2, [])
IO.inspect(is_reference(a))
IO.inspect(:atomics.info(a))
IO.inspect(:atomics.put(a, 1, 10))
IO.inspect(:atomics.add(a, 1, 5))
IO.inspect(:atomics.add_get(a, 1, 5))
IO.inspect(:atomics.sub(a, 2, 3))
IO.inspect(:atomics.sub_get(a, 2, 3))
IO.inspect({:atomics.get(a, 1), :atomics.get(a, 2)})
IO.inspect(:atomics.exchange(a, 1, 100))
IO.inspect(:atomics.compare_exchange(a, 1, 100, 200))
IO.inspect(:atomics.compare_exchange(a, 1, 100, 300))
IO.inspect(:atomics.get(a, 1))

# Signed arrays wrap at the i64 bounds, unsigned ones at 0 and 2^64 - 1.
:atomics.put(a, 2, -9_223_372_036_854_775_808)
IO.inspect(:atomics.sub_get(a, 2, 1))

u = :atomics.new(1, signed: false)
IO.inspect(:atomics.info(u))
IO.inspect(:atomics.sub_get(u, 1, 1))
IO.inspect(:atomics.add_get(u, 1, 2))
:atomics.put(u, 1, 18_446_744_073_709_551_615)
IO.inspect(:atomics.get(u, 1))

# Processes share the cells.
parent = self()

for i <- 1..4 do
  spawn(fn ->
    for _ <- 1..500, do: :atomics.add(a, 2, i)
    send(parent, :done)
  end)
end

for _ <- 1..4, do: receive(do: (:done -> :ok))
:atomics.put(a, 1, 0)
IO.inspect(:atomics.get(a, 2))

bad = [
  fn -> :atomics.get(a, 3) end,
  fn -> :atomics.put(u, 1, -1) end,
  fn -> :atomics.put(a, 1, :x) end,
  fn -> :atomics.new(1, [{:signed, :x}]) end,
  fn -> :atomics.new(1, :x) end,
  fn -> :atomics.get(:counters.new(1, []), 1) end
]

for f <- bad do
  try do
    f.()
  rescue
    e in ArgumentError -> IO.puts(e.message)
  end
end
