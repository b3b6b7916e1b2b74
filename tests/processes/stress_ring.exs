# a ring of 1,000 processes passes a token around 10 times
defmodule Ring do
  def node_loop(next) do
    receive do
      {:token, 0, main} ->
        send(main, :done)

      {:token, hops, main} ->
        send(next, {:token, hops - 1, main})
        node_loop(next)

      {:next, new_next} ->
        node_loop(new_next)

      :stop ->
        :ok
    end
  end

  def start(n) do
    first =
      spawn(fn ->
        receive do
          {:next, nx} -> node_loop(nx)
        end
      end)

    last = Enum.reduce(2..n, first, fn _, next -> spawn(fn -> node_loop(next) end) end)
    send(first, {:next, last})
    {first, last}
  end
end

size = 1000
rounds = 10
{first, _last} = Ring.start(size)
send(first, {:token, size * rounds, self()})

receive do
  :done -> IO.puts("token went around #{rounds} times through #{size} processes")
after
  20_000 -> IO.puts("ring too slow")
end
