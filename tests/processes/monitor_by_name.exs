# Monitors set up by registered name report `{name, node}` in their :DOWN message.
pid = spawn(fn -> receive do: (:stop -> :ok) end)
Process.register(pid, :worker)
ref = Process.monitor(:worker)
send(:worker, :stop)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
end

pid = spawn(fn -> receive do: (:stop -> exit(:boom)) end)
Process.register(pid, :worker2)
ref = Process.monitor({:worker2, node()})
send(pid, :stop)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
end

ref = Process.monitor(:nobody_here)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
end

ref = Process.monitor({:nobody_here, node()})
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
end

pid = spawn(fn -> receive do: (:stop -> :ok) end)
ref = Process.monitor(pid)
send(pid, :stop)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who == pid, reason})
end

pid = spawn(fn -> receive do: (:stop -> :ok) end)
Process.register(pid, :worker3)
ref = Process.monitor(:worker3)
Process.demonitor(ref, [:flush])
send(pid, :stop)
receive do
  {:DOWN, _, :process, who, reason} -> IO.inspect({:unexpected, who, reason})
after
  50 -> IO.puts("no DOWN after demonitor")
end
