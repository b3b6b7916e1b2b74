# Child specs, restart types, and managing children at run time.
defmodule Job do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
  def handle_call(:arg, _from, s), do: {:reply, s, s}
  def handle_cast(:finish, s), do: {:stop, :normal, s}
  def handle_cast(:fail, s), do: {:stop, :failed, s}
end

defmodule Plain do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> :plain end)
end

defmodule Show do
  def children(sup) do
    sup
    |> Supervisor.which_children()
    |> Enum.map(fn {id, pid, type, mods} -> {id, is_pid(pid), type, mods} end)
  end

  def pid(sup, id) do
    {_, pid, _, _} = Enum.find(Supervisor.which_children(sup), fn {i, _, _, _} -> i == id end)
    pid
  end
end

IO.inspect(Supervisor.child_spec({Job, 1}, id: :one), label: "child_spec with id")
IO.inspect(Supervisor.child_spec(Plain, restart: :temporary), label: "child_spec of a module")

children = [
  Plain,
  Supervisor.child_spec({Job, :perm}, id: :perm),
  Supervisor.child_spec({Job, :trans}, id: :trans, restart: :transient),
  Supervisor.child_spec({Job, :temp}, id: :temp, restart: :temporary),
  %{id: :map_spec, start: {Job, :start_link, [:from_map]}}
]

{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
IO.inspect(Show.children(sup), label: "which_children")
IO.inspect(Supervisor.count_children(sup), label: "count_children")
IO.inspect(GenServer.call(Show.pid(sup, :map_spec), :arg), label: "map spec's arg")

# :permanent is restarted even after a normal exit
old = Show.pid(sup, :perm)
GenServer.cast(old, :finish)
Process.sleep(100)
IO.inspect(Show.pid(sup, :perm) != old, label: "permanent restarted after a normal exit")

# :transient only after an abnormal exit
old = Show.pid(sup, :trans)
GenServer.cast(old, :fail)
Process.sleep(100)
new = Show.pid(sup, :trans)
IO.inspect(is_pid(new) and new != old, label: "transient restarted after a crash")
GenServer.cast(new, :finish)
Process.sleep(100)
IO.inspect(Show.pid(sup, :trans), label: "transient after a normal exit")

# :temporary never, and it is forgotten
GenServer.cast(Show.pid(sup, :temp), :fail)
Process.sleep(100)
IO.inspect(Show.children(sup), label: "which_children")

IO.inspect(Supervisor.terminate_child(sup, :perm), label: "terminate_child")
IO.inspect(Show.pid(sup, :perm), label: "perm after terminate_child")
IO.inspect(Supervisor.terminate_child(sup, :nope), label: "terminate_child unknown")
IO.inspect(Supervisor.restart_child(sup, :perm) |> elem(0), label: "restart_child")
IO.inspect(Supervisor.restart_child(sup, :perm), label: "restart_child when running")
IO.inspect(Supervisor.delete_child(sup, :perm), label: "delete_child when running")
Supervisor.terminate_child(sup, :perm)
IO.inspect(Supervisor.delete_child(sup, :perm), label: "delete_child")
IO.inspect(Supervisor.delete_child(sup, :perm), label: "delete_child again")

{:ok, extra} = Supervisor.start_child(sup, Supervisor.child_spec({Job, :extra}, id: :extra))
IO.inspect(GenServer.call(extra, :arg), label: "start_child")

case Supervisor.start_child(sup, Supervisor.child_spec({Job, :again}, id: :extra)) do
  {:error, {:already_started, ^extra}} -> IO.puts("start_child with a used id: already_started")
end

IO.inspect(Supervisor.count_children(sup), label: "count_children")
IO.inspect(Show.children(sup), label: "which_children")
Process.sleep(50)
