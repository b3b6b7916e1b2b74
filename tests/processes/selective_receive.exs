# selective receive: a message no clause matches stays in the mailbox, in order
send(self(), {:low, 1})
send(self(), {:high, 1})
send(self(), {:low, 2})
send(self(), {:high, 2})
send(self(), :stop)

# take the high-priority ones first
for _ <- 1..2 do
  receive do
    {:high, n} -> IO.puts("high #{n}")
  end
end

{:message_queue_len, n} = Process.info(self(), :message_queue_len)
IO.puts("still waiting: #{n}")

# the :stop is behind the lows; a receive for :stop skips them
receive do
  :stop -> IO.puts("got :stop")
end

# the lows are still there, in their original order
for _ <- 1..2 do
  receive do
    {:low, n} -> IO.puts("low #{n}")
  end
end

receive do
  x -> IO.inspect(x, label: "unexpected")
after
  0 -> IO.puts("mailbox empty")
end

# a message that arrives later while others wait
parent = self()
send(self(), :old_a)
send(self(), :old_b)
spawn(fn -> send(parent, {:answer, 42}) end)

receive do
  {:answer, v} -> IO.puts("answer #{v} picked out past two older messages")
end

receive do
  m -> IO.inspect(m, label: "next")
end

receive do
  m -> IO.inspect(m, label: "next")
end
