# a server that stops itself after being idle, using receive ... after in a loop
defmodule Idle do
  def loop(parent, handled) do
    receive do
      {:work, n} ->
        send(parent, {:done, n * 10})
        loop(parent, handled + 1)
    after
      100 -> exit({:idle, handled})
    end
  end
end

# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    parent = self()
    {pid, ref} = spawn_monitor(fn -> Idle.loop(parent, 0) end)

    for n <- 1..3 do
      send(pid, {:work, n})

      receive do
        {:done, r} -> IO.puts("work #{n} -> #{r}")
      end
    end

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason, label: "server stopped")
    after
      2000 -> IO.puts("server still running")
    end
  end
end

Demo.run()
