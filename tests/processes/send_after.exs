# Process.send_after and Process.cancel_timer
timer = Process.send_after(self(), :tick, 50)
IO.puts("timer is a reference: #{is_reference(timer)}")

receive do
  :tick -> IO.puts("tick arrived")
after
  1000 -> IO.puts("tick never arrived")
end

# cancel before it fires: cancel_timer returns the milliseconds left
t2 = Process.send_after(self(), :cancelled_tick, 500)
left = Process.cancel_timer(t2)
IO.puts("cancel returned an integer: #{is_integer(left)}, within range: #{left > 0 and left <= 500}")

receive do
  :cancelled_tick -> IO.puts("cancelled tick arrived anyway!")
after
  700 -> IO.puts("cancelled tick did not arrive")
end

# cancelling a timer that already fired returns false
t3 = Process.send_after(self(), :fired, 10)
Process.sleep(100)
IO.inspect(Process.cancel_timer(t3), label: "cancel after firing")

receive do
  :fired -> IO.puts("the fired message is still in the mailbox")
after
  0 -> IO.puts("no message")
end

# send_after to another process, in order of their timeouts
parent = self()
collector =
  spawn(fn ->
    msgs =
      for _ <- 1..3 do
        receive do
          m -> m
        end
      end

    send(parent, {:collected, msgs})
  end)

Process.send_after(collector, :third, 150)
Process.send_after(collector, :first, 10)
Process.send_after(collector, :second, 80)

receive do
  {:collected, msgs} -> IO.inspect(msgs, label: "collector got")
end

# send_after with 0 delivers right away
Process.send_after(self(), :now, 0)

receive do
  :now -> IO.puts("zero-delay message arrived")
after
  500 -> IO.puts("no zero-delay message")
end

# Process.read_timer
t4 = Process.send_after(self(), :later, 1000)
ms = Process.read_timer(t4)
IO.puts("read_timer positive: #{is_integer(ms) and ms > 0}")
Process.cancel_timer(t4)
IO.inspect(Process.read_timer(t4), label: "read_timer after cancel")
