# Process.demonitor/1,2 and the :flush option
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    pid =
      spawn(fn ->
        receive do
          :go -> :ok
        end
      end)

    ref = Process.monitor(pid)
    IO.inspect(Process.demonitor(ref), label: "demonitor returned")
    send(pid, :go)

    receive do
      {:DOWN, ^ref, _, _, _} -> IO.puts("DOWN after demonitor!")
    after
      200 -> IO.puts("no DOWN after demonitor")
    end

    # the process dies first, the DOWN is already in the mailbox; :flush removes it
    pid2 = spawn(fn ->
      receive do
        :go -> :ok
      end
    end)
    ref2 = Process.monitor(pid2)
    send(pid2, :go)
    Process.sleep(100)
    IO.inspect(Process.demonitor(ref2, [:flush]), label: "demonitor flush")

    receive do
      {:DOWN, ^ref2, _, _, _} -> IO.puts("DOWN still there after :flush!")
    after
      0 -> IO.puts("the DOWN was flushed")
    end

    # without :flush the message stays
    pid3 = spawn(fn ->
      receive do
        :go -> :ok
      end
    end)
    ref3 = Process.monitor(pid3)
    send(pid3, :go)
    Process.sleep(100)
    Process.demonitor(ref3)

    receive do
      {:DOWN, ^ref3, :process, ^pid3, reason} -> IO.inspect(reason, label: "stale DOWN still delivered")
    after
      0 -> IO.puts("nothing")
    end

    # :info tells whether the monitor was still active
    pid4 =
      spawn(fn ->
        receive do
          :go -> :ok
        end
      end)

    ref4 = Process.monitor(pid4)
    IO.inspect(Process.demonitor(ref4, [:info]), label: "info, active")
    IO.inspect(Process.demonitor(ref4, [:info]), label: "info, again")
    send(pid4, :go)
  end
end

Demo.run()
