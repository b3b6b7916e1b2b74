# spawn_monitor returns {pid, ref} atomically
defmodule Job do
  def run(n) do
    if n > 2, do: exit({:too_big, n}), else: :ok
  end
end

# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    {pid, ref} = spawn_monitor(fn -> exit(:done_here) end)
    IO.puts("pid: #{is_pid(pid)}, ref: #{is_reference(ref)}")

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason, label: "DOWN")
    end

    {pid2, ref2} = spawn_monitor(fn -> 21 * 2 end)

    receive do
      {:DOWN, ^ref2, :process, ^pid2, reason} -> IO.inspect(reason, label: "DOWN")
    end

    results =
      for n <- 1..4 do
        {pid, ref} = spawn_monitor(Job, :run, [n])
        {n, pid, ref}
      end
      |> Enum.map(fn {n, pid, ref} ->
        receive do
          {:DOWN, ^ref, :process, ^pid, reason} -> {n, reason}
        end
      end)

    IO.inspect(results)

    {pid3, ref3} = spawn_monitor(fn -> throw(:ball) end)

    receive do
      {:DOWN, ^ref3, :process, ^pid3, {reason, stack}} ->
        Process.sleep(200)
        IO.inspect(reason, label: "thrown")
        IO.puts("with a stacktrace list: #{is_list(stack)}")
    end
  end
end

Demo.run()
