# Process.exit/2 with :kill and with other reasons
defmodule Waiter do
  def wait do
    receive do
      :stop -> :ok
    end
  end
end

# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    pid = spawn(&Waiter.wait/0)
    ref = Process.monitor(pid)
    IO.inspect(Process.exit(pid, :kill), label: "Process.exit returned")

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason, label: "killed process reason")
    end

    pid2 = spawn(&Waiter.wait/0)
    ref2 = Process.monitor(pid2)
    Process.exit(pid2, :some_reason)

    receive do
      {:DOWN, ^ref2, :process, ^pid2, reason} -> IO.inspect(reason, label: "custom reason")
    end

    pid3 = spawn(&Waiter.wait/0)
    ref3 = Process.monitor(pid3)
    Process.exit(pid3, {:shutdown, :maintenance})

    receive do
      {:DOWN, ^ref3, :process, ^pid3, reason} -> IO.inspect(reason, label: "tuple reason")
    end

    # exiting a dead process is fine
    IO.inspect(Process.exit(pid, :kill), label: "exit on a dead pid")
    IO.puts("alive: #{Process.alive?(pid)} #{Process.alive?(pid2)} #{Process.alive?(pid3)}")
  end
end

Demo.run()
