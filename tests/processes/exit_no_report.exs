# exit/1 ends a process without an error report
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    parent = self()

    for reason <- [:boom, :normal, :shutdown, {:shutdown, :done}, "a string reason"] do
      {pid, ref} = spawn_monitor(fn -> exit(reason) end)

      receive do
        {:DOWN, ^ref, :process, ^pid, r} -> IO.inspect(r, label: "exited with")
      end
    end

    Process.sleep(200)
    IO.puts("no reports were printed above")

    # code after exit/1 is never reached
    spawn(fn ->
      send(parent, :before_exit)
      exit(:stop)
      send(parent, :after_exit)
    end)

    receive do
      :before_exit -> IO.puts("before exit")
    end

    receive do
      :after_exit -> IO.puts("after exit (wrong!)")
    after
      100 -> IO.puts("nothing after exit")
    end

    # exit can be caught inside the process
    {pid, ref} =
      spawn_monitor(fn ->
        try do
          exit(:caught_me)
        catch
          :exit, r -> send(parent, {:caught, r})
        end
      end)

    receive do
      {:caught, r} -> IO.inspect(r, label: "caught exit")
    end

    receive do
      {:DOWN, ^ref, :process, ^pid, r} -> IO.inspect(r, label: "then finished")
    end
  end
end

Demo.run()
