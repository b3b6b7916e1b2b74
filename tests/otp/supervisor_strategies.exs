# Supervisor restart strategies: which children get new pids when one is killed.
defmodule Worker do
  use Agent

  def start_link(name), do: Agent.start_link(fn -> name end, name: name)
end

defmodule Check do
  def pids(names), do: Enum.map(names, &Process.whereis/1)

  def kill_and_compare(names, victim) do
    before = pids(names)
    Process.exit(Process.whereis(victim), :kill)
    Process.sleep(100)
    now = pids(names)

    Enum.zip([names, before, now])
    |> Enum.map(fn {n, b, a} -> {n, if(b == a, do: :same, else: :restarted)} end)
  end
end

names = [:a, :b, :c]

for strategy <- [:one_for_one, :one_for_all, :rest_for_one] do
  children = Enum.map(names, fn n -> Supervisor.child_spec({Worker, n}, id: n) end)
  {:ok, sup} = Supervisor.start_link(children, strategy: strategy)
  IO.inspect(Check.kill_and_compare(names, :b), label: "#{strategy}, :b killed")
  IO.inspect(Enum.all?(Check.pids(names), &is_pid/1), label: "all running")
  Supervisor.stop(sup)
  IO.inspect(Check.pids(names), label: "after Supervisor.stop")
end

defmodule MySup do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(names) do
    children = Enum.map(names, fn n -> %{id: n, start: {Worker, :start_link, [n]}} end)
    Supervisor.init(children, strategy: :rest_for_one)
  end
end

IO.inspect(MySup.child_spec([:x]), label: "use Supervisor child_spec")
{:ok, sup} = MySup.start_link([:x, :y, :z])
IO.inspect(Process.whereis(MySup) == sup, label: "registered")
IO.inspect(Check.kill_and_compare([:x, :y, :z], :x), label: "rest_for_one, :x killed")
IO.inspect(Check.kill_and_compare([:x, :y, :z], :z), label: "rest_for_one, :z killed")
IO.inspect(Supervisor.count_children(MySup), label: "count_children")
