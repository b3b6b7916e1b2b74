# Enum.sort/2 and sort_by/3 with comparators: those that only compare their arguments sort
# natively, the rest call the function; both must give Elixir's order, including where a
# strict comparator orders equal elements (1 and 1.0) neither way.
defmodule S do
  def mixed(n), do: for(i <- 1..n, do: if(rem(i * 7, 5) == 0, do: rem(i * 31, 7) * 1.0, else: rem(i * 31, 7)))

  def run do
    l = mixed(40)
    IO.inspect Enum.sort(l, &(&1 > &2))
    IO.inspect Enum.sort(l, &(&1 >= &2))
    IO.inspect Enum.sort(l, &(&1 < &2))
    IO.inspect Enum.sort(l, &(&1 <= &2))
    IO.inspect Enum.sort(l, fn a, b -> b < a end)
    IO.inspect Enum.sort(l, &>/2)
    IO.inspect Enum.sort(l, &<=/2)
    # The same comparators in forms that are called, not recognised.
    k = true
    IO.inspect Enum.sort(l, fn a, b -> k and a > b end) == Enum.sort(l, &(&1 > &2))
    IO.inspect Enum.sort(l, fn a, b -> k and a < b end) == Enum.sort(l, &(&1 < &2))
    IO.inspect Enum.sort(l, fn a, b -> k and a >= b end) == Enum.sort(l, &>=/2)
    words = ~w(pear fig apple kiwi banana date plum)
    IO.inspect Enum.sort_by(words, &String.length/1, &>=/2)
    IO.inspect Enum.sort_by(words, &String.length/1, &</2)
    IO.inspect Enum.sort_by(words, &String.length/1, fn a, b -> a > b end)
    IO.inspect Enum.sort_by(words, &String.length/1, fn a, b -> k and a > b end)
    IO.inspect Enum.sort_by(words, &String.length/1)
    IO.inspect Enum.sort_by(words, &String.length/1, :desc)
    IO.inspect Enum.sort([3, 1, 2], &Kernel.>=/2)
    IO.inspect Enum.sort([{2, :b}, {1, :a}], fn {a, _}, {b, _} -> a <= b end)
  end
end

S.run()
