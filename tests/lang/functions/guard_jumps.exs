# Guards made only of comparisons and type tests compile to tests and jumps; every
# combination of and/or must still pick the same clause as Elixir.
defmodule G do
  def range_done(i, last, step) when (step > 0 and i > last) or (step < 0 and i < last), do: :done
  def range_done(_, _, _), do: :more

  def kind(x) when is_integer(x) and x > 0 or is_float(x) and x > 0.0, do: :positive
  def kind(x) when is_integer(x) or is_float(x), do: :non_positive
  def kind(x) when not is_atom(x) and not is_list(x), do: :other
  def kind(_), do: :atom_or_list

  def between(x, lo, hi) when lo <= x and x <= hi, do: true
  def between(_, _, _), do: false

  def cmp(a, b) when a < b, do: :lt
  def cmp(a, b) when a > b, do: :gt
  def cmp(a, b) when a == b and a !== b, do: :loosely_eq
  def cmp(_, _), do: :eq

  def tri(a, b, c) when a < b or b < c or c < a, do: :some
  def tri(_, _, _), do: :none
end

IO.inspect for i <- [-1, 0, 5, 6], last <- [5], step <- [1, -1], do: G.range_done(i, last, step)
IO.inspect Enum.map([3, -2, 0, 2.5, -0.5, :a, [1], "s", {1}], &G.kind/1)
IO.inspect {G.between(5, 1, 10), G.between(0, 1, 10), G.between(1.0, 1, 10), G.between(:a, 1, 10), G.between(11, 1, 10)}
IO.inspect for a <- [1, 1.0, 2, :x, "b"], b <- [1, 2.0, :x], do: G.cmp(a, b)
IO.inspect for a <- 1..3, b <- 1..3, c <- 1..3, do: G.tri(a, b, c)
big = Integer.pow(2, 70)
IO.inspect {G.cmp(big, 1), G.cmp(1, big), G.cmp(big, big + 1), G.between(big, 0, big + 1)}
f = fn
  x, y when x > y and y > 0 -> :desc_pos
  x, y when x < y or x == 0 -> :asc_or_zero
  _, _ -> :other
end
IO.inspect for x <- [0, 1, 2], y <- [-1, 1, 2], do: f.(x, y)
IO.inspect Enum.filter(1..30, fn x -> (x > 5 and x < 10) or x > 27 end)

# In bodies, and/or/&&/|| whose left side is a comparison branch on it directly; the right
# side's value is the result whatever it is.
defmodule B do
  def safe?(_col, [], _d), do: true
  def safe?(col, [q | rest], d), do: q != col and abs(q - col) != d and safe?(col, rest, d + 1)

  def mix(x) do
    [x > 1 and 5, x > 1 or :foo, x > 1 && nil, x < 1 || "s", not (x > 1) and x == 0,
     (x > 1 and x < 10) or x == -1, x === 1.0 or is_integer(x) and x >= 2]
  end
end
IO.inspect for c <- 0..6, do: B.safe?(c, [3, 9, 14], 1)
IO.inspect Enum.map([0, 1, 1.0, 2, -1, 20], &B.mix/1)
try do
  IO.inspect(1 > 0 and raise("right side raised"))
rescue
  e -> IO.inspect e
end

# `x in lo..hi` on a variable and integer literals is a type test and two comparisons.
defmodule R do
  def digit?(c) when c in ?0..?9, do: true
  def digit?(_), do: false
  def down(x) when x in 5..1, do: :in
  def down(_), do: :out
  def neg(x), do: x in -5..-1
  def stepped(x), do: x in 1..9//2
  def either(x) when x in 1..3 or x in 7..9, do: :yes
  def either(_), do: :no
end
vals = [0, 1, 3, 5, 6, 9, -3, -5, -6, 3.0, :a, "5", Integer.pow(10, 20)]
IO.inspect Enum.map(vals, &R.digit?/1)
IO.inspect Enum.map(vals, &R.down/1)
IO.inspect Enum.map(vals, &R.neg/1)
IO.inspect Enum.map(vals, &R.stepped/1)
IO.inspect Enum.map(vals, &R.either/1)
IO.inspect for(<<c <- "a1b22c333">>, c in ?0..?9, do: c - ?0)
