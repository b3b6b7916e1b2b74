# A task that raises: the report on stderr, and what await says when exits are trapped.
# (The task waits for :go so that the monitor exists before it can crash.)
{:ok, pid} = Task.start(fn -> receive do :go -> raise "boom" end end)
_ref = Process.monitor(pid)
send(pid, :go)

receive do
  {:DOWN, _ref, :process, ^pid, {%RuntimeError{message: msg}, _stack}} ->
    Process.sleep(50)
    IO.puts("the task went down with RuntimeError: #{msg}")
end

Process.flag(:trap_exit, true)
task = Task.async(fn -> raise ArgumentError, "bad" end)

try do
  Task.await(task)
catch
  :exit, {{%ArgumentError{message: msg}, _stack}, {Task, :await, [t, 5000]}} ->
    Process.sleep(50)
    IO.puts("await exited with the task's ArgumentError: #{msg}, same task: #{t == task}")
end

receive do
  {:EXIT, pid, {%ArgumentError{}, _}} -> IO.puts("and the link delivered an EXIT, from the task: #{pid == task.pid}")
end

task = Task.async(fn -> exit(:goodbye) end)

try do
  Task.await(task)
catch
  :exit, {reason, {Task, :await, _}} ->
    Process.sleep(50)
    IO.inspect(reason, label: "await after exit(:goodbye)")
end

Process.sleep(100)
IO.puts("done")
