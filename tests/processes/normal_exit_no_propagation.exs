# a linked process that finishes normally does not take anyone down
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    parent = self()
    pid =
      spawn_link(fn ->
        send(parent, :working)

        receive do
          :finish -> :ok
        end
      end)

    receive do
      :working -> IO.puts("child worked")
    end

    ref = Process.monitor(pid)
    send(pid, :finish)

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason, label: "child finished with")
    end

    IO.puts("child alive: #{Process.alive?(pid)}")
    IO.puts("main survived the normal exit")

    # exit(:normal) explicitly
    pid2 =
      spawn_link(fn ->
        receive do
          :go -> exit(:normal)
        end
      end)

    ref2 = Process.monitor(pid2)
    send(pid2, :go)

    receive do
      {:DOWN, ^ref2, :process, ^pid2, reason} -> IO.inspect(reason, label: "explicit exit with")
    end

    # Process.exit(pid, :normal) sent to another non-trapping process is ignored
    sleeper =
      spawn(fn ->
        receive do
          :stop -> :ok
        end
      end)

    Process.exit(sleeper, :normal)
    Process.sleep(50)
    IO.puts("sleeper alive after an exit(:normal) signal: #{Process.alive?(sleeper)}")
    send(sleeper, :stop)

    # but a process sending exit(:normal) to itself does exit
    {_pid3, ref3} = spawn_monitor(fn -> Process.exit(self(), :normal); Process.sleep(1000) end)

    receive do
      {:DOWN, ^ref3, :process, _, reason} -> IO.inspect(reason, label: "self-sent :normal")
    after
      500 -> IO.puts("still running")
    end

    IO.puts("done")
  end
end

Demo.run()
