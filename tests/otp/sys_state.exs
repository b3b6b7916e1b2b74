# `:sys.get_state/1,2` and `:sys.replace_state/2` on a GenServer and an Agent, answered
# between callbacks; a dead server makes the caller exit with OTP's reason.
defmodule Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
  def handle_cast(:inc, n), do: {:noreply, n + 1}
end

defmodule Demo do
  def run do
    {:ok, pid} = GenServer.start_link(Counter, 10)
    GenServer.cast(pid, :inc)
    IO.inspect(:sys.get_state(pid))
    IO.inspect(:sys.replace_state(pid, fn n -> n * 2 end))
    IO.inspect(GenServer.call(pid, :get))
    {:ok, agent} = Agent.start_link(fn -> %{a: 1} end, name: :store)
    Agent.update(agent, &Map.put(&1, :b, 2))
    IO.inspect(:sys.get_state(:store))
    IO.inspect(:sys.get_state(agent, 1000))
    GenServer.stop(pid)
    Process.flag(:trap_exit, true)
    r = catch_exit(fn -> :sys.get_state(pid) end)
    IO.inspect(match?({:exited, {:noproc, {:sys, :get_state, [^pid]}}}, r))
    {:exited, {:noproc, {m, f, [p, t]}}} = catch_exit(fn -> :sys.get_state(pid, 100) end)
    IO.inspect({m, f, p == pid, t})
  end

  defp catch_exit(f) do
    try do
      f.()
    catch
      :exit, reason -> {:exited, reason}
    end
  end
end

Demo.run()
