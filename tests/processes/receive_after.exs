# receive ... after: 0, a short timeout, :infinity that is never reached
r =
  receive do
    :nothing -> :got_it
  after
    0 -> :timed_out_at_once
  end

IO.inspect(r)

r2 =
  receive do
    :nothing -> :got_it
  after
    50 -> :timed_out_after_50
  end

IO.inspect(r2)

send(self(), :here)

r3 =
  receive do
    :here -> :message_wins_over_after_0
  after
    0 -> :timeout
  end

IO.inspect(r3)

parent = self()
spawn(fn ->
  Process.sleep(30)
  send(parent, :late_but_arrives)
end)

r4 =
  receive do
    :late_but_arrives -> :received
  after
    :infinity -> :never
  end

IO.inspect(r4)

# the timeout can be a variable
timeout = 20

r5 =
  receive do
    :nope -> :nope
  after
    timeout -> {:waited, timeout}
  end

IO.inspect(r5)

# a message arriving before the timeout
spawn(fn -> send(parent, :quick) end)

r6 =
  receive do
    :quick -> :quick_one
  after
    2000 -> :too_slow
  end

IO.inspect(r6)

# after with only a timeout is a sleep
receive do
after
  10 -> IO.puts("slept 10 ms with an empty receive")
end
