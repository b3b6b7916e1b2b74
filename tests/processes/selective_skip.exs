# A selective receive passes over messages its last clause turns down at the first test
# (a constant, or a tuple's size and tag); they stay in the mailbox, in order.
defmodule Sel do
  def take_high(acc) do
    receive do
      {:high, i} -> take_high([i | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end

  def take_big(acc) do
    receive do
      {:high, i} when i > 10 -> take_big([i | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end

  def wait_for(tag) do
    receive do
      ^tag -> :got
    after
      0 -> :none
    end
  end

  def two(acc) do
    receive do
      {:a, x} -> two([{:a, x} | acc])
      {:b, x, _} -> two([{:b, x} | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end

  def drain(acc) do
    receive do
      m -> drain([m | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end
end

msgs = [{:low, 1}, {:high, 2}, :ping, {:high, 30}, {:high}, {:high, 4, 5}, "high", {:low, 6}, {:high, 70}, :never]
Enum.each(msgs, &send(self(), &1))
IO.inspect Sel.take_big([])
IO.inspect Sel.take_high([])
IO.inspect Sel.wait_for(:never)
IO.inspect Sel.wait_for(:never)
IO.inspect Sel.drain([])

Enum.each([{:b, 1, 0}, {:c, 2}, {:a, 3}, {:b, 4}, {:a, 5}], &send(self(), &1))
IO.inspect Sel.two([])
IO.inspect Sel.drain([])

# A message that arrives while the receive waits is matched too.
me = self()
spawn(fn ->
  send(me, {:low, :early})
  Process.sleep(20)
  send(me, {:high, :late})
end)
receive do
  {:high, v} -> IO.inspect {:received, v}
end
IO.inspect Sel.drain([])

# Many skipped messages, then the one wanted.
Enum.each(1..5000, &send(self(), {:noise, &1}))
send(self(), {:high, :needle})
IO.inspect Sel.take_high([])
IO.inspect length(Sel.drain([]))
