# processes spinning forever must not starve the others
defmodule Spin do
  def forever(n), do: forever(n + 1)
end

spinners = for _ <- 1..3, do: spawn(fn -> Spin.forever(0) end)
IO.puts("started #{length(spinners)} spinners")

parent = self()
ponger =
  spawn(fn ->
    receive do
      {:ping, from} -> send(from, :pong)
    end
  end)

send(ponger, {:ping, parent})

receive do
  :pong -> IO.puts("got pong while spinners run")
after
  2000 -> IO.puts("FAIL: no pong within 2 seconds")
end

# main itself can still compute and sleep
IO.puts("sum: #{Enum.sum(1..100_000)}")
Process.sleep(50)
IO.puts("all spinners alive: #{Enum.all?(spinners, &Process.alive?/1)}")

refs = for s <- spinners, do: {s, Process.monitor(s)}
Enum.each(spinners, &Process.exit(&1, :kill))

reasons =
  for {s, ref} <- refs do
    receive do
      {:DOWN, ^ref, :process, ^s, reason} -> reason
    after
      2000 -> :still_running
    end
  end

IO.inspect(reasons, label: "spinners")
