# registered names: register, whereis, registered, send by name, unregister
defmodule Echo do
  def loop do
    receive do
      {from, msg} ->
        send(from, {:echo, msg})
        loop()

      :stop ->
        :ok
    end
  end
end

pid = spawn(&Echo.loop/0)
IO.inspect(Process.register(pid, :echo), label: "register")
IO.puts("whereis finds it: #{Process.whereis(:echo) == pid}")
IO.puts("listed in registered: #{:echo in Process.registered()}")

send(:echo, {self(), "hello by name"})

receive do
  {:echo, msg} -> IO.puts("echoed: #{msg}")
end

IO.inspect(Process.whereis(:nobody), label: "whereis unknown")

# register self too
Process.register(self(), :main_proc)
send(:main_proc, :note_to_self)

receive do
  :note_to_self -> IO.puts("sent to my own name")
end

IO.inspect(Process.unregister(:main_proc), label: "unregister")
IO.inspect(Process.whereis(:main_proc), label: "after unregister")
IO.puts("gone from registered: #{not (:main_proc in Process.registered())}")

# the same process can be re-registered under another name after unregistering
Process.unregister(:echo)
Process.register(pid, :echo2)
send(:echo2, {self(), "second name"})

receive do
  {:echo, msg} -> IO.puts("echoed: #{msg}")
end

# Kernel.send with {name, node} also works locally
send({:echo2, node()}, {self(), "via {name, node}"})

receive do
  {:echo, msg} -> IO.puts("echoed: #{msg}")
end

send(:echo2, :stop)
