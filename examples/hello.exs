# The smallest tour of processes: spawn one, send it a message, wait for the answer.
parent = self()

pid =
  spawn(fn ->
    receive do
      {:greet, name, from} -> send(from, {:reply, "Hello, #{name}!"})
    end
  end)

send(pid, {:greet, "world", parent})

receive do
  {:reply, text} -> IO.puts(text)
after
  1_000 -> IO.puts("no answer")
end
