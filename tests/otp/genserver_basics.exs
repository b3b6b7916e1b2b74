# GenServer: use GenServer, start_link with name:, call/cast, handle_info, handle_continue,
# a deferred reply, stop.
defmodule Counter do
  use GenServer

  def start_link(initial), do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)
  def increment(by \\ 1), do: GenServer.cast(__MODULE__, {:increment, by})
  def value, do: GenServer.call(__MODULE__, :value)

  @impl true
  def init(initial) do
    IO.puts("init(#{initial})")
    {:ok, initial, {:continue, :warm_up}}
  end

  @impl true
  def handle_continue(:warm_up, state) do
    IO.puts("handle_continue runs before any message, state #{state}")
    {:noreply, state + 100}
  end

  # Runs after the reply went out, before the next message.
  def handle_continue(:announce, state), do: {:noreply, state + 1}

  @impl true
  def handle_call(:value, _from, state), do: {:reply, state, state}

  def handle_call({:slow_double, caller_note}, from, state) do
    # Answer later, from another process.
    spawn(fn ->
      Process.sleep(50)
      GenServer.reply(from, {caller_note, state * 2})
    end)

    {:noreply, state}
  end

  def handle_call(:reset_and_continue, _from, state) do
    {:reply, state, 0, {:continue, :announce}}
  end

  @impl true
  def handle_cast({:increment, by}, state), do: {:noreply, state + by}

  @impl true
  def handle_info({:add, n}, state) do
    IO.puts("handle_info got {:add, #{n}}")
    {:noreply, state + n}
  end

  def handle_info(:announce, state) do
    IO.puts("announce: #{state}")
    {:noreply, state}
  end
end

IO.inspect(Counter.child_spec(5), label: "child_spec")
{:ok, pid} = Counter.start_link(5)
# start_link returns once init/1 has; handle_continue then runs in the server while this
# process goes on, so wait for its line before printing (the order is otherwise a race).
Process.sleep(50)
IO.inspect(Process.whereis(Counter) == pid, label: "registered")
IO.inspect(Counter.value(), label: "value")
IO.inspect(Counter.increment(), label: "cast returns")
Counter.increment(10)
IO.inspect(Counter.value(), label: "value")
send(Counter, {:add, 1000})
IO.inspect(GenServer.call(pid, :value), label: "value")
IO.inspect(GenServer.call(Counter, {:slow_double, :deferred}), label: "deferred reply")
IO.inspect(GenServer.call(Counter, :reset_and_continue), label: "reset")
IO.inspect(Counter.value(), label: "value")
IO.inspect(GenServer.start_link(Counter, 0, name: Counter) == {:error, {:already_started, pid}}, label: "second start")
IO.inspect(GenServer.stop(Counter), label: "stop")
IO.inspect(Process.alive?(pid), label: "alive")
IO.inspect(Process.whereis(Counter), label: "whereis")

defmodule Pair do
  use GenServer

  def init({a, b}), do: {:ok, %{a: a, b: b}}
  def handle_call(:swap, _from, %{a: a, b: b}), do: {:reply, :ok, %{a: b, b: a}}
  def handle_call(:get, _from, s), do: {:reply, s, s}
  def handle_call(:stop_me, _from, s), do: {:stop, :normal, :stopping, s}
end

{:ok, p} = GenServer.start(Pair, {1, 2})
GenServer.call(p, :swap)
IO.inspect(GenServer.call(p, :get), label: "pair")
Process.monitor(p)
IO.inspect(GenServer.call(p, :stop_me), label: "stop reply")

receive do
  {:DOWN, _, :process, ^p, reason} -> IO.inspect(reason, label: "pair went down")
end
