# GenServer start results, timeouts, dead servers, terminate/2, the default handle_info.
defmodule Sleepy do
  use GenServer

  def init(:ok), do: {:ok, nil}

  def handle_call({:sleep, ms}, _from, s) do
    Process.sleep(ms)
    {:reply, :woke, s}
  end
end

defmodule Picky do
  use GenServer

  def init(:fail), do: {:stop, :no_thanks}
  def init(:skip), do: :ignore
  def init(:wait), do: {:ok, :waiting, 50}

  def handle_info(:timeout, state) do
    IO.puts("handle_info(:timeout) after the init timeout, state #{inspect(state)}")
    {:noreply, :timed_out}
  end

  def handle_call(:state, _from, s), do: {:reply, s, s}
end

defmodule Careful do
  use GenServer

  def init(name) do
    Process.flag(:trap_exit, true)
    {:ok, name}
  end

  def terminate(reason, name) do
    IO.puts("terminate(#{inspect(reason)}) for #{name}")
  end
end

defmodule Quiet do
  use GenServer

  def init(:ok), do: {:ok, 0}
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
end

{:ok, s} = GenServer.start_link(Sleepy, :ok)

try do
  GenServer.call(s, {:sleep, 300}, 100)
catch
  :exit, {:timeout, {GenServer, :call, [^s, {:sleep, 300}, 100]}} ->
    IO.puts("call with a 100 ms timeout exited with :timeout")
end

IO.inspect(GenServer.call(s, {:sleep, 0}), label: "the server is still fine")
GenServer.stop(s)

try do
  GenServer.call(s, {:sleep, 0})
catch
  :exit, {reason, {GenServer, :call, [pid, msg, timeout]}} ->
    IO.inspect({reason, pid == s, msg, timeout}, label: "call to a stopped server exits with")
end

try do
  GenServer.call(:nobody_here, :hello)
catch
  :exit, reason -> IO.inspect(reason, label: "call to an unknown name")
end

{:ok, doomed} = GenServer.start(Sleepy, :ok)
spawn(fn -> Process.sleep(50) && Process.exit(doomed, :kill) end)

try do
  GenServer.call(doomed, {:sleep, 1000})
catch
  :exit, {reason, {GenServer, :call, [_, _, 5000]}} ->
    IO.inspect(reason, label: "call to a server killed meanwhile")
end

IO.inspect(GenServer.start(Picky, :fail), label: "init returns {:stop, :no_thanks}")
IO.inspect(GenServer.start(Picky, :skip), label: "init returns :ignore")
IO.inspect(GenServer.start_link(Picky, :skip), label: "start_link with :ignore")

Process.flag(:trap_exit, true)
IO.inspect(GenServer.start_link(Picky, :fail), label: "start_link with {:stop, ...}")

receive do
  {:EXIT, _pid, reason} -> IO.inspect(reason, label: "and the link said")
after
  200 -> IO.puts("no EXIT message")
end

Process.flag(:trap_exit, false)

{:ok, w} = GenServer.start_link(Picky, :wait)
Process.sleep(150)
IO.inspect(GenServer.call(w, :state), label: "state after the timeout")

{:ok, c} = GenServer.start(Careful, "first")
result = GenServer.stop(c, :bye)
# give the logger time to print its report first
Process.sleep(50)
IO.inspect(result, label: "stop with :bye")

# Not linked: an exit signal from the starter is just a message to a trapping server.
{:ok, c2} = GenServer.start(Careful, "second")
Process.exit(c2, :shutdown)
Process.sleep(50)
IO.inspect(Process.alive?(c2), label: "second is alive")
IO.inspect(GenServer.stop(c2), label: "stop second")

# Linked: the parent's exit signal makes it terminate.
Process.flag(:trap_exit, true)
{:ok, c3} = GenServer.start_link(Careful, "third")
Process.exit(c3, :shutdown)

receive do
  {:EXIT, ^c3, reason} -> IO.inspect(reason, label: "third exited")
end

Process.flag(:trap_exit, false)

{:ok, q} = GenServer.start_link(Quiet, :ok, name: Quiet)
send(q, :surprise)
send(Quiet, {:another, "one"})
Process.sleep(50)
IO.inspect(GenServer.call(q, :ping), label: "still answering")
GenServer.stop(q)

{:ok, q2} = GenServer.start_link(Quiet, :ok)
send(q2, :anonymous)
Process.sleep(50)
IO.inspect(GenServer.call(q2, :ping), label: "anonymous too")
