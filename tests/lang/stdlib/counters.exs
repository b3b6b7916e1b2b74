# :counters: shared arrays of signed 64-bit counters, updated from many processes.

c = :counters.new(3, [])
IO.inspect(elem(c, 0))
IO.inspect(is_reference(elem(c, 1)))
IO.inspect(:counters.info(c))
IO.inspect(:counters.add(c, 1, 5))
IO.inspect(:counters.sub(c, 2, 7))
IO.inspect(:counters.put(c, 3, 42))
IO.inspect({:counters.get(c, 1), :counters.get(c, 2), :counters.get(c, 3)})

# Counters wrap around at the 64-bit bounds.
:counters.put(c, 1, 9_223_372_036_854_775_807)
:counters.add(c, 1, 1)
IO.inspect(:counters.get(c, 1))

# The write_concurrency kind has its own tag and the same API.
w = :counters.new(2, [:write_concurrency])
IO.inspect(elem(w, 0))
:counters.add(w, 2, 10)
IO.inspect(:counters.get(w, 2))
IO.inspect(:counters.info(w).size)

# Every process holding the reference updates the same counters.
shared = :counters.new(1, [:atomics])
parent = self()

for _ <- 1..8 do
  spawn(fn ->
    for _ <- 1..1000, do: :counters.add(shared, 1, 1)
    send(parent, :done)
  end)
end

for _ <- 1..8, do: receive(do: (:done -> :ok))
IO.inspect(:counters.get(shared, 1))

bad = [
  fn -> :counters.get(c, 0) end,
  fn -> :counters.get(c, 4) end,
  fn -> :counters.get(c, :a) end,
  fn -> :counters.add(c, 1, 1.5) end,
  fn -> :counters.add(c, 1, 18_446_744_073_709_551_616) end,
  fn -> :counters.new(0, []) end,
  fn -> :counters.new(:a, []) end,
  fn -> :counters.new(1, [:bad]) end,
  fn -> :counters.new(1, :x) end,
  fn -> :counters.get(:x, 1) end
]

for f <- bad do
  try do
    f.()
  rescue
    e in ArgumentError -> IO.puts(e.message)
  end
end
