# Too many restarts in too short a time: the supervisor gives up and exits with :shutdown.
defmodule Fragile do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> :ok end, name: __MODULE__)
end

defmodule Kill do
  def fragile(times) do
    for i <- 1..times do
      case Process.whereis(Fragile) do
        nil ->
          IO.puts("kill #{i}: no Fragile left")

        pid ->
          Process.exit(pid, :kill)
          Process.sleep(50)
          IO.puts("kill #{i}: Fragile restarted: #{is_pid(Process.whereis(Fragile))}")
      end
    end
  end
end

{:ok, sup} = Supervisor.start_link([Fragile], strategy: :one_for_one, max_restarts: 2, max_seconds: 5)
# Unlinked, so the supervisor's exit does not take this script down; watched with a monitor.
Process.unlink(sup)
Process.monitor(sup)
Kill.fragile(4)

receive do
  {:DOWN, _, :process, ^sup, reason} -> IO.inspect(reason, label: "the supervisor exited with")
after
  1000 -> IO.puts("the supervisor is still up")
end

IO.inspect(Process.alive?(sup), label: "supervisor alive")

# The default is 3 restarts in 5 seconds.
{:ok, sup} = Supervisor.start_link([Fragile], strategy: :one_for_one)
Process.flag(:trap_exit, true)
Kill.fragile(5)

receive do
  {:EXIT, ^sup, reason} -> IO.inspect(reason, label: "linked supervisor exit")
after
  1000 -> IO.puts("the supervisor is still up")
end
