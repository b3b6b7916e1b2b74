# a trapping process receives ordinary exit signals as messages, but :kill cannot be trapped
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    parent = self()

    trapper =
      spawn(fn ->
        Process.flag(:trap_exit, true)
        send(parent, :ready)
        loop = fn loop ->
          receive do
            {:EXIT, from, reason} ->
              send(parent, {:trapped, from == parent, reason})
              loop.(loop)
          end
        end
        loop.(loop)
      end)

    receive do
      :ready -> :ok
    end

    ref = Process.monitor(trapper)

    Process.exit(trapper, :please_stop)

    receive do
      {:trapped, from_parent, reason} -> IO.puts("trapped #{inspect(reason)} (from parent: #{from_parent})")
    end

    Process.exit(trapper, :normal)

    receive do
      {:trapped, _, reason} -> IO.puts("trapped #{inspect(reason)}")
    end

    IO.puts("trapper alive: #{Process.alive?(trapper)}")

    Process.exit(trapper, :kill)

    receive do
      {:DOWN, ^ref, :process, ^trapper, reason} -> IO.inspect(reason, label: "after :kill")
    end

    receive do
      msg -> IO.inspect(msg, label: "unexpected")
    after
      100 -> IO.puts("no more messages")
    end

    # a linked process killed with :kill: trapping parent sees :killed
    Process.flag(:trap_exit, true)
    victim =
      spawn_link(fn ->
        receive do
          _ -> :ok
        end
      end)

    Process.exit(victim, :kill)

    receive do
      {:EXIT, ^victim, reason} -> IO.inspect(reason, label: "linked victim")
    end
  end
end

Demo.run()
