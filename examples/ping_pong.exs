# The ping-pong exercise from the Processes lesson, completed: two processes bounce messages
# a given number of times, then both stop. pong_loop/1 answers each :ping with a :pong.
#
#   cargo run --release -- examples/ping_pong.exs
defmodule PingPong do
  def start(n) do
    pong_pid = spawn(fn -> pong_loop(n) end)
    spawn(fn -> ping_loop(pong_pid, n) end)
  end

  defp ping_loop(_pong_pid, 0), do: IO.puts("Ping done!")

  defp ping_loop(pong_pid, remaining) do
    send(pong_pid, {:ping, self()})

    receive do
      {:pong, _from} ->
        IO.puts("Got pong! #{remaining - 1} remaining")
        ping_loop(pong_pid, remaining - 1)
    end
  end

  defp pong_loop(0), do: :ok

  defp pong_loop(remaining) do
    receive do
      {:ping, from} ->
        IO.puts("Got ping!")
        send(from, {:pong, self()})
        pong_loop(remaining - 1)
    after
      1_000 -> IO.puts("ping went quiet")
    end
  end
end

# The demo lives in a function: Elixir 1.14 on OTP 25 cannot compile a top-level receive that
# pins a monitor reference (a compiler bug), and a function is tidier anyway.
defmodule Demo do
  def run do
    ping = PingPong.start(3)
    ref = Process.monitor(ping)

    # Wait for the ping side to finish instead of guessing with a sleep.
    receive do
      {:DOWN, ^ref, :process, ^ping, :normal} -> IO.puts("the game is over")
    end
  end
end

Demo.run()
