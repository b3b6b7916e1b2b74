# Task: start, start_link, async/await, await_many, yield, shutdown, async_stream.
{:ok, pid} = Task.start(fn -> IO.puts("a started task runs on its own") end)
Process.sleep(50)
IO.inspect(is_pid(pid), label: "Task.start gives a pid")

parent = self()
{:ok, linked} = Task.start_link(fn -> send(parent, {:hello_from, self()}) end)

receive do
  {:hello_from, ^linked} -> IO.puts("the linked task said hello")
end

t = Task.async(fn -> 1 + 1 end)
IO.inspect(Task.await(t), label: "await")
IO.inspect(is_struct(t, Task), label: "a %Task{}")
IO.inspect(t.owner == self(), label: "owned by me")

squares = Enum.map(1..5, fn i -> Task.async(fn -> i * i end) end)
IO.inspect(Task.await_many(squares), label: "await_many")

mod = Task.async(String, :upcase, ["module, function, args"])
IO.inspect(Task.await(mod), label: "async/3")

slow =
  Task.async(fn ->
    Process.sleep(300)
    :slow_done
  end)

IO.inspect(Task.yield(slow, 50), label: "yield too early")
IO.inspect(Task.yield(slow, 2000), label: "yield later")

never = Task.async(fn -> Process.sleep(:infinity) end)
IO.inspect(Task.shutdown(never), label: "shutdown a running task")
IO.inspect(Process.alive?(never.pid), label: "still alive")

quick = Task.async(fn -> :quick end)
Process.sleep(50)
IO.inspect(Task.shutdown(quick), label: "shutdown a finished task")

short = Task.async(fn -> Process.sleep(:infinity) end)

try do
  Task.await(short, 100)
catch
  :exit, {:timeout, {Task, :await, [task, 100]}} ->
    IO.puts("await(task, 100) exited with :timeout, same task: #{task == short}")
end

Task.shutdown(short, :brutal_kill)

# Results come back in input order even though later items finish first.
1..6
|> Task.async_stream(
  fn x ->
    Process.sleep(10 * (7 - x))
    x * 10
  end,
  max_concurrency: 2
)
|> Enum.to_list()
|> IO.inspect(label: "async_stream")

[1, 2, 3]
|> Task.async_stream(fn x -> x + 1 end)
|> Enum.map(fn {:ok, v} -> v end)
|> IO.inspect(label: "async_stream, default options")

["a", "b"]
|> Task.async_stream(String, :duplicate, [3])
|> Enum.to_list()
|> IO.inspect(label: "async_stream/4")

# At most two at a time: count how many run together.
{:ok, counter} = Agent.start_link(fn -> {0, 0} end)

1..6
|> Task.async_stream(
  fn _ ->
    Agent.update(counter, fn {now, top} -> {now + 1, max(top, now + 1)} end)
    Process.sleep(30)
    Agent.update(counter, fn {now, top} -> {now - 1, top} end)
  end,
  max_concurrency: 2
)
|> Stream.run()

IO.inspect(Agent.get(counter, fn {_, top} -> top end), label: "most running at once")

# The default timeout of await is 5 seconds.
forever = Task.async(fn -> Process.sleep(:infinity) end)

try do
  Task.await(forever)
catch
  :exit, r ->
    {:timeout, {Task, :await, [task, timeout]}} = r
    IO.puts("await exited with :timeout after #{timeout} ms, same task: #{task == forever}")
end
