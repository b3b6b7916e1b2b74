# Recursion: body recursion, tail recursion, mutual recursion
defmodule Rec do
  def len([]), do: 0
  def len([_ | t]), do: 1 + len(t)

  def sum(list), do: sum(list, 0)
  defp sum([], acc), do: acc
  defp sum([h | t], acc), do: sum(t, acc + h)

  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def even?(0), do: true
  def even?(n), do: odd?(n - 1)
  def odd?(0), do: false
  def odd?(n), do: even?(n - 1)

  def map([], _f), do: []
  def map([h | t], f), do: [f.(h) | map(t, f)]

  def countdown(0), do: IO.puts("liftoff!")
  def countdown(n) do
    IO.puts n
    countdown(n - 1)
  end
end
IO.inspect Rec.len([1, 2, 3, 4])
IO.inspect Rec.sum([1, 2, 3, 4])
IO.inspect Enum.map(0..15, &Rec.fib/1)
IO.inspect Rec.even?(10)
IO.inspect Rec.odd?(7)
IO.inspect Rec.map([1, 2, 3], &(&1 * &1))
Rec.countdown(3)
