# A key-value store kept alive by a process: the state lives in the arguments of a recursive
# loop, and the only way to read or change it is to send the process a message.
# The guide's KV, registered under the name :kv so any process can reach it.
#
#   cargo run --release -- examples/kv.exs
defmodule KV do
  def start_link do
    {:ok, pid} = Task.start_link(fn -> loop(%{}) end)
    Process.register(pid, :kv)
    {:ok, pid}
  end

  def put(key, value), do: send(:kv, {:put, key, value})

  def get(key) do
    send(:kv, {:get, key, self()})

    receive do
      {:kv_value, ^key, value} -> value
    after
      1_000 -> :timeout
    end
  end

  defp loop(map) do
    receive do
      {:get, key, caller} ->
        send(caller, {:kv_value, key, Map.get(map, key)})
        loop(map)

      {:put, key, value} ->
        loop(Map.put(map, key, value))
    end
  end
end

{:ok, pid} = KV.start_link()
IO.puts("KV is registered as :kv: #{Process.whereis(:kv) == pid}")
IO.inspect(KV.get(:hello), label: "get :hello before any put")
KV.put(:hello, :world)
IO.inspect(KV.get(:hello), label: "get :hello")

# Any process can use the name: a task stores a value, then we read it here.
Task.async(fn -> KV.put(:from_task, 42) end) |> Task.await()
IO.inspect(KV.get(:from_task), label: "get :from_task")

# The raw messages work too, exactly as the guide types them.
send(:kv, {:put, :raw, "message"})
send(:kv, {:get, :raw, self()})

receive do
  {:kv_value, :raw, value} -> IO.inspect(value, label: "raw reply")
end
