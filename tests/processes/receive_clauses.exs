# receive with several clauses, guards and pinned variables
defmodule Sorter do
  def classify do
    receive do
      {:num, n} when is_integer(n) and n < 0 -> "negative #{n}"
      {:num, 0} -> "zero"
      {:num, n} when is_integer(n) -> "positive #{n}"
      {:num, f} when is_float(f) -> "float #{f}"
      {:text, s} when is_binary(s) -> "text #{inspect(s)}"
      other -> "something else: #{inspect(other)}"
    end
  end
end

for msg <- [{:num, -5}, {:num, 0}, {:num, 7}, {:num, 2.5}, {:text, "hi"}, [:a, :list]] do
  send(self(), msg)
  IO.puts(Sorter.classify())
end

# pin: only accept the reply carrying our tag
tag = :second
send(self(), {:reply, :first, 1})
send(self(), {:reply, :second, 2})

receive do
  {:reply, ^tag, value} -> IO.puts("pinned tag matched value #{value}")
end

receive do
  {:reply, other_tag, value} -> IO.puts("left over: #{other_tag} #{value}")
end

# receive returns the value of the clause body
answer =
  receive do
    x -> x
  after
    0 -> :empty
  end

IO.inspect(answer, label: "mailbox now")

# a ref makes a reply unique
ref = make_ref()
send(self(), {:other, make_ref(), :ignored})
send(self(), {:other, ref, :wanted})

receive do
  {:other, ^ref, what} -> IO.puts("matched by ref: #{what}")
end

receive do
  {:other, _, what} -> IO.puts("then: #{what}")
end
