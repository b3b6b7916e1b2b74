# a process ending itself in different ways
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    cases = [
      {"Process.exit(self(), :kill)", fn -> Process.exit(self(), :kill) end},
      {"Process.exit(self(), :custom)", fn -> Process.exit(self(), :custom) end},
      {"exit(:custom)", fn -> exit(:custom) end},
      {"falls off the end", fn -> :result_is_ignored end}
    ]

    for {label, fun} <- cases do
      {pid, ref} = spawn_monitor(fun)

      receive do
        {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts("#{label}: #{inspect(reason)}")
      after
        1000 -> IO.puts("#{label}: still running")
      end
    end

    # a trapping process can still exit itself with :kill
    {pid, ref} =
      spawn_monitor(fn ->
        Process.flag(:trap_exit, true)
        Process.exit(self(), :kill)
        Process.sleep(500)
      end)

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts("trapping, self :kill: #{inspect(reason)}")
    after
      1000 -> IO.puts("trapping, self :kill: still running")
    end

    # a trapping process receives its own exit signal as a message
    parent = self()

    spawn(fn ->
      Process.flag(:trap_exit, true)
      Process.exit(self(), :custom)

      receive do
        msg -> send(parent, {:got, msg == {:EXIT, self(), :custom}})
      after
        500 -> send(parent, {:got, :nothing})
      end
    end)

    receive do
      {:got, v} -> IO.puts("trapping, self :custom arrives as an EXIT message: #{v}")
    end
  end
end

Demo.run()
