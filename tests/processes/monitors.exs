# monitors: {:DOWN, ref, :process, pid, reason}
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    pid =
      spawn(fn ->
        receive do
          {:stop, reason} -> exit(reason)
        end
      end)

    ref = Process.monitor(pid)
    IO.puts("monitor returns a reference: #{is_reference(ref)}")
    send(pid, {:stop, :finished})

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason, label: "DOWN")
    end

    # monitoring a dead process: an immediate DOWN with :noproc
    ref2 = Process.monitor(pid)

    receive do
      {:DOWN, ^ref2, :process, ^pid, reason} -> IO.inspect(reason, label: "dead pid")
    after
      1000 -> IO.puts("no DOWN for a dead pid")
    end

    # a normal finish
    pid3 = spawn(fn ->
      receive do
        :go -> :ok
      end
    end)
    ref3 = Process.monitor(pid3)
    send(pid3, :go)

    receive do
      {:DOWN, ^ref3, :process, ^pid3, reason} -> IO.inspect(reason, label: "normal")
    end

    # two monitors on one process: two DOWN messages, different refs
    pid4 =
      spawn(fn ->
        receive do
          :go -> :ok
        end
      end)

    r1 = Process.monitor(pid4)
    r2 = Process.monitor(pid4)
    IO.puts("two different refs: #{r1 != r2}")
    send(pid4, :go)

    downs =
      for r <- [r2, r1] do
        receive do
          {:DOWN, ^r, :process, ^pid4, reason} -> reason
        end
      end

    IO.inspect(downs, label: "both DOWNs")

    # a monitor does not link: the watcher is not killed
    pid5 = spawn(fn ->
      receive do
        :go -> exit(:crash)
      end
    end)
    ref5 = Process.monitor(pid5)
    send(pid5, :go)

    receive do
      {:DOWN, ^ref5, _, _, reason} -> IO.inspect(reason, label: "crashed")
    end

    IO.puts("watcher still alive")
  end
end

Demo.run()
