# Agent: a process that holds state, reached through functions.
defmodule Stack do
  use Agent

  def start_link(initial), do: Agent.start_link(fn -> initial end, name: __MODULE__)
  def push(x), do: Agent.update(__MODULE__, fn s -> [x | s] end)

  def pop do
    Agent.get_and_update(__MODULE__, fn
      [h | t] -> {h, t}
      [] -> {nil, []}
    end)
  end

  def peek, do: Agent.get(__MODULE__, &List.first/1)
end

IO.inspect(Stack.child_spec([1]), label: "child_spec")
{:ok, pid} = Stack.start_link([1])
IO.inspect(Process.whereis(Stack) == pid, label: "registered as Stack")
IO.inspect(Stack.push(2), label: "push")
Stack.push(3)
IO.inspect(Stack.peek(), label: "peek")
IO.inspect(Stack.pop(), label: "pop")
IO.inspect(Agent.get(Stack, & &1), label: "all")
IO.inspect(Agent.cast(Stack, fn s -> [:cast | s] end), label: "cast")
IO.inspect(Agent.get(pid, & &1), label: "after the cast")

case Agent.start_link(fn -> [] end, name: Stack) do
  {:error, {:already_started, ^pid}} -> IO.puts("a second Stack: already started")
end

IO.inspect(Agent.stop(Stack), label: "stop")
IO.inspect(Process.alive?(pid), label: "alive after stop")
IO.inspect(Process.whereis(Stack), label: "whereis after stop")

try do
  Stack.peek()
catch
  :exit, {:noproc, {GenServer, :call, [Stack, {:get, _}, 5000]}} ->
    IO.puts("peek on a stopped agent exits with :noproc")
end

{:ok, counter} = Agent.start(fn -> 0 end)
Agent.update(counter, &(&1 + 5))
IO.inspect(Agent.get(counter, & &1), label: "counter")
IO.inspect(Agent.get_and_update(counter, fn n -> {n, n * 2} end), label: "get_and_update")
IO.inspect(Agent.get(counter, fn n -> n + 0.5 end), label: "get with a function")

ref = Process.monitor(counter)
Agent.stop(counter, :shutdown)

receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason, label: "counter went down")
end

{:ok, slow} = Agent.start_link(fn -> :idle end)

try do
  Agent.get(slow, fn s -> Process.sleep(500) && s end, 100)
catch
  :exit, {:timeout, {GenServer, :call, [_, _, 100]}} -> IO.puts("get with a 100 ms timeout exited")
end
