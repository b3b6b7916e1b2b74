# a crash in a linked process kills the process linked to it
# (the main process watches with a monitor, so it survives to tell)
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    parent = self()

    middle =
      spawn(fn ->
        spawn_link(fn ->
          receive do
            :go -> exit(:boom)
          end
        end)
        |> then(&send(parent, {:worker, &1}))

        receive do
          :never -> :ok
        end
      end)

    ref = Process.monitor(middle)

    worker =
      receive do
        {:worker, w} -> w
      end

    IO.puts("middle alive: #{Process.alive?(middle)}")
    IO.puts("worker alive: #{Process.alive?(worker)}")
    send(worker, :go)

    receive do
      {:DOWN, ^ref, :process, ^middle, reason} -> IO.inspect(reason, label: "middle went down with")
    after
      2000 -> IO.puts("middle did not die")
    end

    IO.puts("middle alive: #{Process.alive?(middle)}")
    IO.puts("worker alive: #{Process.alive?(worker)}")
    IO.puts("main is still here")
  end
end

Demo.run()
