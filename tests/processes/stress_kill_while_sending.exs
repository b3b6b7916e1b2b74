# a process is killed while 10 others keep sending to it; the senders survive
defmodule Sender do
  def loop(target, parent, sent) do
    receive do
      :report -> send(parent, {:sent, self(), sent})
    after
      0 ->
        send(target, {:msg, sent})
        loop(target, parent, sent + 1)
    end
  end
end

# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    sink_loop = fn loop ->
      receive do
        _ -> loop.(loop)
      end
    end

    sink = spawn(fn -> sink_loop.(sink_loop) end)
    parent = self()
    senders = for _ <- 1..10, do: spawn(fn -> Sender.loop(sink, parent, 0) end)

    Process.sleep(100)
    ref = Process.monitor(sink)
    Process.exit(sink, :kill)

    receive do
      {:DOWN, ^ref, :process, ^sink, reason} -> IO.inspect(reason, label: "sink")
    end

    # sending to a dead pid is not an error: the senders keep going
    Process.sleep(100)
    IO.puts("senders alive: #{Enum.count(senders, &Process.alive?/1)}")

    Enum.each(senders, &send(&1, :report))

    reports =
      for s <- senders do
        receive do
          {:sent, ^s, count} -> count > 0
        after
          5000 -> :no_report
        end
      end

    IO.inspect(reports, label: "each sender sent something")
    Enum.each(senders, &Process.exit(&1, :kill))
    IO.inspect(send(sink, :into_the_void), label: "send to a dead pid returns")
  end
end

Demo.run()
