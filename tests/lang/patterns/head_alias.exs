# A name bound to a whole argument beside a pattern (`[x | xs] = a`) is the argument itself;
# both sides must still match, in either order, nested, and with repeated names.
defmodule H do
  def first([x | _] = all), do: {x, all}
  def first(other), do: {:none, other}

  def left(all = [x | _]), do: {x, length(all)}
  def both(a = b), do: {a, b}
  def one(x = 1), do: {:one, x}
  def one(x), do: {:other, x}
  def chain(a = [h | _] = b), do: {a == b, h}
  def same(a = x, x), do: {:same, a}
  def same(_, _), do: :differ
  def pair({k, _} = t, k), do: {:key, t}
  def pair(_, _), do: :no
  def merge([x | xs] = a, [y | ys] = b, acc) do
    if x <= y, do: merge(xs, b, [x | acc]), else: merge(a, ys, [y | acc])
  end
  def merge([], b, acc), do: Enum.reverse(acc, b)
  def merge(a, [], acc), do: Enum.reverse(acc, a)
end

IO.inspect H.first([1, 2, 3])
IO.inspect H.first([])
IO.inspect H.left([4, 5])
IO.inspect H.both(:z)
IO.inspect H.one(1)
IO.inspect H.one(2)
IO.inspect H.chain([7, 8])
IO.inspect H.same(3, 3)
IO.inspect H.same(3, 4)
IO.inspect H.pair({:a, 1}, :a)
IO.inspect H.pair({:a, 1}, :b)
IO.inspect H.merge([1, 4, 9], [2, 3, 10], [])
