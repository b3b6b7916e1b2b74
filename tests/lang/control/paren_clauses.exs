# Clauses in parentheses as the value of a section keyword: `case x, do: (a -> b; c -> d)`.
defmodule Paren do
  def classify(x), do: (case x, do: (0 -> :zero; n when n > 0 -> :pos; _ -> :neg))
  def total(xs), do: for(x <- xs, reduce: 0, do: (acc -> acc + x))
  def first_message(timeout) do
    receive do: ({:msg, m} -> {:got, m}), after: (timeout -> :timeout)
  end
  def safe_div(a, b) do
    try do: (a / b), rescue: (e in ArithmeticError -> {:error, Exception.message(e)})
  end
  def pick(x), do: (cond do: (x > 10 -> :big; x > 5 -> :medium; true -> :small))
end

IO.inspect(Enum.map([0, 5, -1], &Paren.classify/1))
IO.inspect(Paren.total([1, 2, 3, 4]))
IO.inspect(Paren.first_message(0))
send(self(), {:msg, 42})
IO.inspect(Paren.first_message(100))
IO.inspect(Paren.safe_div(1, 0))
IO.inspect(Paren.safe_div(6, 3))
IO.inspect(Enum.map([20, 7, 1], &Paren.pick/1))
# A parenthesised block is still a block.
IO.inspect(if true, do: (a = 1; a + 1), else: :no)
r = with {:ok, v} <- {:ok, 5}, do: v * 2, else: (:error -> :failed)
IO.inspect(r)
r = with {:ok, v} <- :error, do: v * 2, else: (:error -> :failed)
IO.inspect(r)
