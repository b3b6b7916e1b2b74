# an uncaught throw in a process: reported as a nocatch error
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    {pid, ref} = spawn_monitor(fn -> throw(:ball) end)

    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, _stack}} ->
        Process.sleep(200)
        IO.inspect(reason, label: "DOWN reason")
    end

    # a caught throw is not a crash
    parent = self()

    spawn(fn ->
      value =
        try do
          throw({:found, 7})
        catch
          {:found, v} -> v
        end

      send(parent, {:caught, value})
    end)

    receive do
      {:caught, v} -> IO.puts("caught #{v} inside the process")
    end

    Process.sleep(100)
    IO.puts("done")
  end
end

Demo.run()
