# A KV bucket that survives a crash: an Agent holds the data, a Supervisor restarts it when it
# dies. The data itself is lost (a restarted process starts from its initial state), but the
# name :bucket keeps working, so clients never need to know the process was replaced.
#
#   cargo run --release -- examples/supervised_kv.exs
defmodule KV.Bucket do
  use Agent

  def start_link(_arg), do: Agent.start_link(fn -> %{} end, name: :bucket)
  def get(key), do: Agent.get(:bucket, &Map.get(&1, key))
  def put(key, value), do: Agent.update(:bucket, &Map.put(&1, key, value))
  def delete(key), do: Agent.get_and_update(:bucket, &Map.pop(&1, key))
end

defmodule KV.Supervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    Supervisor.init([KV.Bucket], strategy: :one_for_one)
  end
end

{:ok, _sup} = KV.Supervisor.start_link([])
KV.Bucket.put("milk", 3)
KV.Bucket.put("eggs", 12)
IO.inspect(KV.Bucket.get("milk"), label: "milk")
IO.inspect(KV.Bucket.delete("eggs"), label: "deleted eggs")
IO.inspect(KV.Bucket.get("eggs"), label: "eggs")

old = Process.whereis(:bucket)
IO.puts("crashing the bucket...")
Process.exit(old, :kill)
Process.sleep(100)

new = Process.whereis(:bucket)
IO.puts("a new bucket process: #{is_pid(new) and new != old}")
IO.inspect(KV.Bucket.get("milk"), label: "milk after the restart")
KV.Bucket.put("milk", 1)
IO.inspect(KV.Bucket.get("milk"), label: "milk")

[{id, _pid, type, _modules}] = Supervisor.which_children(KV.Supervisor)
IO.inspect({id, type}, label: "the supervisor's child")
IO.inspect(Supervisor.count_children(KV.Supervisor), label: "count_children")
