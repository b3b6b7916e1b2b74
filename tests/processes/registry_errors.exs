# what goes wrong with registered names
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    try do
      send(:nobody_home, :hello)
    rescue
      e -> IO.puts("send to unregistered: #{inspect(e.__struct__)}: #{Exception.message(e)}")
    end

    waiter = fn ->
      receive do
        :stop -> :ok
      end
    end

    a = spawn(waiter)
    b = spawn(waiter)
    Process.register(a, :taken)

    try do
      Process.register(b, :taken)
    rescue
      e -> IO.puts("name taken: #{inspect(e.__struct__)}: #{Exception.message(e)}")
    end

    # a process can have only one name
    try do
      Process.register(a, :another_name)
    rescue
      e -> IO.puts("second name: #{Exception.message(e)}")
    end

    dead = spawn(fn -> :ok end)
    Process.sleep(50)

    try do
      Process.register(dead, :ghost)
    rescue
      e -> IO.puts("dead pid: #{Exception.message(e)}")
    end

    try do
      Process.unregister(:not_registered)
    rescue
      e -> IO.puts("unregister unknown: #{Exception.message(e)}")
    end

    # the name is freed when the process dies
    ref = Process.monitor(a)
    send(:taken, :stop)

    receive do
      {:DOWN, ^ref, :process, ^a, _} -> :ok
    end

    IO.inspect(Process.whereis(:taken), label: "whereis after death")
    IO.inspect(Process.register(b, :taken), label: "b takes the name")
    IO.puts("now it is b: #{Process.whereis(:taken) == b}")
    send(:taken, :stop)
  end
end

Demo.run()
