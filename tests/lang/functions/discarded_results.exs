# Native calls whose result is discarded (a statement) — including `apply`, which hands
# control to interpreted code and discards the result only when that code returns — and a
# receive binding its message for several clauses.
defmodule Discard do
  def loop(0, acc), do: acc
  def loop(n, acc) do
    apply(fn -> :ignored end, [])
    apply(Kernel, :+, [1, 2])
    send(self(), {:n, n})
    receive do
      {:other, _} -> :never
      {:n, ^n} -> loop(n - 1, acc + 1)
    end
  end

  def run do
    apply(fn -> IO.puts("applied") end, [])
    apply(IO, :puts, ["mfa"])
    send(self(), :x)
    receive do
      :y -> :no
      m -> IO.inspect(m)
    end
    :done
  end
end

IO.inspect(Discard.run())
IO.inspect(Discard.loop(100_000, 0))
IO.inspect(Process.info(self(), :message_queue_len))
