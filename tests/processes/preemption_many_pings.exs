# two busy loops, and a ping-pong of 100 round trips still completes
defmodule Busy do
  def loop(acc), do: loop(rem(acc * 31 + 7, 1_000_003))
end

defmodule Pong do
  def loop do
    receive do
      {:ping, from, n} ->
        send(from, {:pong, n})
        loop()
    end
  end
end

busy = for _ <- 1..2, do: spawn(fn -> Busy.loop(1) end)
pong = spawn(&Pong.loop/0)

ok =
  Enum.reduce_while(1..100, 0, fn n, count ->
    send(pong, {:ping, self(), n})

    receive do
      {:pong, ^n} -> {:cont, count + 1}
    after
      2000 -> {:halt, count}
    end
  end)

IO.puts("round trips completed: #{ok}")

Enum.each([pong | busy], &Process.exit(&1, :kill))
Process.sleep(50)
IO.puts("busy alive: #{Enum.any?(busy, &Process.alive?/1)}")
