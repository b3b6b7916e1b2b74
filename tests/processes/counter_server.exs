# a stateful server process, the way a learner writes one
defmodule CounterServer do
  def start(initial), do: spawn(fn -> loop(initial) end)

  defp loop(count) do
    receive do
      {:increment, by} ->
        loop(count + by)

      {:get, from} ->
        send(from, {:count, count})
        loop(count)

      {:stop, from} ->
        send(from, {:stopped, count})
    end
  end

  def get(pid) do
    send(pid, {:get, self()})

    receive do
      {:count, c} -> c
    after
      1000 -> :timeout
    end
  end
end

c = CounterServer.start(10)
IO.puts("start: #{CounterServer.get(c)}")
send(c, {:increment, 5})
send(c, {:increment, -2})
IO.puts("after two increments: #{CounterServer.get(c)}")

for _ <- 1..100, do: send(c, {:increment, 1})
IO.puts("after 100 more: #{CounterServer.get(c)}")

send(c, {:stop, self()})

receive do
  {:stopped, final} -> IO.puts("stopped at #{final}")
end

Process.sleep(20)
IO.puts("alive: #{Process.alive?(c)}")
IO.inspect(CounterServer.get(c), label: "get from a stopped server")
