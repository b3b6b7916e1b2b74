# A receive on a fresh reference may skip older messages, but must still see every
# message that carries the reference, and must leave the others in order.
# (The body is in a function: OTP's compiler crashes on a top-level receive that pins a
# monitor ref, the reference bug the guide notes for g11.)
defmodule Marker do
  def run do
    for i <- 1..1000, do: send(self(), {:junk, i})
    ref = make_ref()
    send(self(), {ref, :first})
    send(self(), {:junk, :late})
    send(self(), {ref, :second})
    receive do
      {^ref, x} -> IO.inspect(x)
    end
    # an older message taken by an ordinary receive shifts the mailbox
    receive do
      {:junk, 1} -> IO.puts("took junk 1")
    end
    receive do
      {^ref, x} -> IO.inspect(x)
    after
      0 -> IO.puts("lost the second message")
    end
    # a newer reference does not hide messages for an older one
    ref2 = make_ref()
    send(self(), {ref, :third})
    receive do
      {^ref, x} -> IO.inspect(x)
    after
      0 -> IO.puts("lost the third message")
    end
    _ = ref2
    count = fn count, n ->
      receive do
        {:junk, _} -> count.(count, n + 1)
      after
        0 -> n
      end
    end
    IO.inspect(count.(count, 0), label: "junk left")
    # monitors mark too: a :DOWN for a dead process arrives after the mark
    pid = spawn(fn -> :ok end)
    Process.sleep(10)
    mref = Process.monitor(pid)
    receive do
      {:DOWN, ^mref, :process, ^pid, reason} -> IO.inspect(reason)
    end

  end
end

Marker.run()
