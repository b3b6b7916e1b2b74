# trapping exits turns exit signals from linked processes into messages
old = Process.flag(:trap_exit, true)
IO.inspect(old, label: "trap_exit was")
IO.inspect(Process.flag(:trap_exit, true), label: "trap_exit now")

pid = spawn_link(fn -> exit(:boom) end)

receive do
  {:EXIT, ^pid, reason} -> IO.inspect(reason, label: "EXIT reason")
after
  2000 -> IO.puts("no EXIT message")
end

# a normal exit is delivered as a message too when trapping
pid2 = spawn_link(fn -> :ok end)

receive do
  {:EXIT, ^pid2, reason} -> IO.inspect(reason, label: "EXIT reason")
after
  2000 -> IO.puts("no EXIT message")
end

# other exit reasons
pid3 = spawn_link(fn -> exit({:shutdown, :tired}) end)

receive do
  {:EXIT, ^pid3, reason} -> IO.inspect(reason, label: "EXIT reason")
end

# an explicit exit signal from someone else
pid4 = spawn_link(fn -> Process.exit(self(), :bye) end)

receive do
  {:EXIT, ^pid4, reason} -> IO.inspect(reason, label: "EXIT reason")
end

IO.puts("main still alive: #{Process.alive?(self())}")
Process.flag(:trap_exit, false)
IO.inspect(Process.flag(:trap_exit, false), label: "trap_exit after turning off")
