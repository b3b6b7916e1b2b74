# flush-like loops with after 0 show what is in the mailbox, in order
defmodule Mailbox do
  def flush(acc \\ []) do
    receive do
      msg -> flush([msg | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end

  def drain_only(tag, acc \\ []) do
    receive do
      {^tag, v} -> drain_only(tag, [v | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end
end

IO.inspect(Mailbox.flush(), label: "empty")

Enum.each(1..5, fn i -> send(self(), {:n, i}) end)
send(self(), :done)
IO.inspect(Mailbox.flush(), label: "all")

for i <- 1..6 do
  tag = if rem(i, 2) == 0, do: :even, else: :odd
  send(self(), {tag, i})
end

IO.inspect(Mailbox.drain_only(:even), label: "evens")
IO.inspect(Mailbox.drain_only(:odd), label: "odds")
IO.inspect(Mailbox.flush(), label: "rest")

# messages from a child arrive in the order the child sent them
parent = self()
child = spawn(fn -> Enum.each([:a, :b, :c, :d], &send(parent, {self(), &1})) end)

got =
  for _ <- 1..4 do
    receive do
      {^child, x} -> x
    end
  end

IO.inspect(got, label: "from child")
