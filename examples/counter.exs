# Two counters from the lessons, side by side. Each is a process whose state is the argument of
# its receive loop; messages are the only way to change or read it.
#
#   cargo run --release -- examples/counter.exs
defmodule StepCounter do
  # From the Processes lesson: add any amount, ask for the count, stop it.
  def start(initial_count \\ 0), do: spawn(fn -> loop(initial_count) end)

  defp loop(count) do
    receive do
      {:increment, amount} ->
        loop(count + amount)

      {:get, caller} ->
        send(caller, {:count, count})
        loop(count)

      :stop ->
        IO.puts("Counter stopped at #{count}")
        # Not calling loop/1: the function returns and the process exits.
    end
  end
end

defmodule UpDownCounter do
  # From the blog post: one up, one down, and a plain number as the answer.
  def start, do: spawn(fn -> loop(0) end)

  defp loop(count) do
    receive do
      :increment ->
        loop(count + 1)

      :decrement ->
        loop(count - 1)

      {:get, sender} ->
        send(sender, count)
        loop(count)
    end
  end
end

# The demo lives in a function: Elixir 1.14 on OTP 25 cannot compile a top-level receive that
# pins a monitor reference (a compiler bug), and a function is tidier anyway.
defmodule Demo do
  def run do
    pid = StepCounter.start(0)
    send(pid, {:increment, 5})
    send(pid, {:increment, 3})
    send(pid, {:get, self()})

    receive do
      {:count, value} -> IO.puts("StepCounter value: #{value}")
    end

    # Watch it stop: a monitor tells us when the process is gone.
    ref = Process.monitor(pid)
    send(pid, :stop)

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts("StepCounter exited: #{inspect(reason)}")
    end

    IO.puts("alive after :stop? #{Process.alive?(pid)}")

    counter = UpDownCounter.start()
    Enum.each(1..10, fn _ -> send(counter, :increment) end)
    send(counter, :decrement)
    send(counter, :decrement)
    send(counter, {:get, self()})

    receive do
      value -> IO.puts("UpDownCounter value: #{value}")
    end
  end
end

Demo.run()
