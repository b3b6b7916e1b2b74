# Process.info(pid, :message_queue_len) and other Process.info keys
pid =
  spawn(fn ->
    receive do
      :release -> :ok
    end

    receive do
      :stop -> :ok
    end
  end)

IO.inspect(Process.info(pid, :message_queue_len), label: "empty queue")

for i <- 1..5, do: send(pid, {:junk, i})
Process.sleep(50)
IO.inspect(Process.info(pid, :message_queue_len), label: "five unmatched")

send(pid, :release)
Process.sleep(50)
IO.inspect(Process.info(pid, :message_queue_len), label: "after release")

# our own queue
for i <- 1..3, do: send(self(), i)
IO.inspect(Process.info(self(), :message_queue_len), label: "self")

receive do
  1 -> :ok
end

IO.inspect(Process.info(self(), :message_queue_len), label: "self after one receive")

# Process.info on a dead process is nil
ref = Process.monitor(pid)
send(pid, :stop)

receive do
  {:DOWN, ^ref, _, _, _} -> :ok
end

IO.inspect(Process.info(pid, :message_queue_len), label: "dead")
IO.inspect(Process.info(pid), label: "dead, all info")

# the whole info is a keyword list
info = Process.info(self())
IO.puts("keyword list: #{Keyword.keyword?(info)}")
IO.puts("has :message_queue_len: #{Keyword.has_key?(info, :message_queue_len)}")
IO.puts("has :links: #{Keyword.has_key?(info, :links)}")

# registered_name
IO.inspect(Process.info(self(), :registered_name), label: "no name")
Process.register(self(), :me)
IO.inspect(Process.info(self(), :registered_name), label: "with name")
{:messages, msgs} = Process.info(self(), :messages)
IO.inspect(msgs, label: "messages")
