# one process receives 100,000 messages and counts them
defmodule Counter do
  def loop(count, sum) do
    receive do
      {:n, i} -> loop(count + 1, sum + i)
      {:report, from} -> send(from, {:count, count, sum})
    end
  end
end

n = 100_000
counter = spawn(fn -> Counter.loop(0, 0) end)
Enum.each(1..n, fn i -> send(counter, {:n, i}) end)
send(counter, {:report, self()})

receive do
  {:count, c, s} -> IO.puts("counted #{c} messages, sum #{s}")
after
  20_000 -> IO.puts("too slow")
end

# and the flood into our own mailbox
Enum.each(1..n, fn i -> send(self(), i) end)
{:message_queue_len, len} = Process.info(self(), :message_queue_len)
IO.puts("own queue length: #{len}")

drain = fn drain, acc ->
  receive do
    i -> drain.(drain, acc + i)
  after
    0 -> acc
  end
end

IO.puts("drained sum: #{drain.(drain, 0)}")
