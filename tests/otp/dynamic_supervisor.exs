# DynamicSupervisor: children started on demand.
defmodule Room do
  use GenServer

  def start_link(name), do: GenServer.start_link(__MODULE__, name)
  def init(name), do: {:ok, name}
  def handle_call(:name, _from, name), do: {:reply, name, name}
end

{:ok, sup} = DynamicSupervisor.start_link(strategy: :one_for_one, name: Rooms)
IO.inspect(Process.whereis(Rooms) == sup, label: "registered")
IO.inspect(DynamicSupervisor.count_children(Rooms), label: "count_children")

{:ok, lobby} = DynamicSupervisor.start_child(Rooms, {Room, "lobby"})
{:ok, kitchen} = DynamicSupervisor.start_child(Rooms, {Room, "kitchen"})
{:ok, attic} = DynamicSupervisor.start_child(Rooms, %{id: :ignored, start: {Room, :start_link, ["attic"]}})
IO.inspect(GenServer.call(kitchen, :name), label: "kitchen says")
IO.inspect(DynamicSupervisor.count_children(Rooms), label: "count_children")

DynamicSupervisor.which_children(Rooms)
|> Enum.map(fn {id, pid, type, mods} -> {id, GenServer.call(pid, :name), type, mods} end)
|> IO.inspect(label: "which_children")

IO.inspect(DynamicSupervisor.terminate_child(Rooms, lobby), label: "terminate_child")
IO.inspect(Process.alive?(lobby), label: "lobby alive")
IO.inspect(DynamicSupervisor.terminate_child(Rooms, lobby), label: "terminate_child again")

Process.exit(kitchen, :kill)
Process.sleep(100)

DynamicSupervisor.which_children(Rooms)
|> Enum.map(fn {_, pid, _, _} -> {GenServer.call(pid, :name), pid == kitchen, pid == attic} end)
|> IO.inspect(label: "after killing the kitchen: {name, old kitchen?, old attic?}")

IO.inspect(DynamicSupervisor.count_children(Rooms), label: "count_children")
