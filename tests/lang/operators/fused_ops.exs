# Sequences the peephole pass fuses (local ± small integer, local compared with a small
# integer in a guard, returning a local) on their slow paths: non-integers, overflow into
# big integers, and errors, which must behave exactly as the unfused ops do.
defmodule Fused do
  def inc(n), do: n + 1
  def dec(n), do: n - 3
  def small?(n) when n < 2, do: true
  def small?(_), do: false
  def zero?(n) when n == 0, do: :zero
  def zero?(n) when n != 0, do: :nonzero
  def strict_zero?(n) when n === 0, do: :zero
  def strict_zero?(_), do: :other
  def ge(n) when n >= -5, do: :ge
  def ge(_), do: :lt
  def id(n), do: n
end

IO.inspect(Fused.inc(41))
IO.inspect(Fused.inc(9_223_372_036_854_775_807))
IO.inspect(Fused.dec(-9_223_372_036_854_775_807))
IO.inspect(Fused.inc(1.5))
IO.inspect(Fused.dec(100_000_000_000_000_000_000))
IO.inspect({Fused.small?(1), Fused.small?(2), Fused.small?(1.9), Fused.small?(:atom), Fused.small?("x")})
IO.inspect({Fused.zero?(0), Fused.zero?(0.0), Fused.zero?(1)})
IO.inspect({Fused.strict_zero?(0), Fused.strict_zero?(0.0)})
IO.inspect({Fused.ge(-5), Fused.ge(-6), Fused.ge(-5.5), Fused.ge(nil)})
IO.inspect(Fused.id([1, 2]))
IO.inspect(Enum.map(1..5, fn x -> x - 1 end))

try do
  Fused.inc(:a)
rescue
  e -> IO.inspect(e)
end

try do
  Fused.dec("1")
rescue
  e -> IO.puts(Exception.message(e))
end

defmodule Lists do
  def sum([], acc), do: acc
  def sum([h | t], acc), do: sum(t, acc + h)
  def len([]), do: 0
  def len([_ | t]), do: 1 + len(t)
  def triple(x), do: x * 3
end

IO.inspect({Lists.sum([1, 2, 3], 0), Lists.len([:a, :b]), Lists.triple(4), Lists.triple(3_074_457_345_618_258_603)})
IO.inspect(Lists.triple(0.5))

try do
  Lists.sum([1, 2 | 3], 0)
rescue
  e -> IO.inspect(e.__struct__)
end

try do
  Lists.len(%{})
rescue
  e -> IO.puts(Exception.message(e))
end

# A function ending in a sum returns it in one step for small integers; floats, bignums
# and bad operands take the ordinary path.
defmodule Sums do
  def add(a, b), do: a + b
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)
end

IO.inspect({Sums.add(1, 2), Sums.add(1.5, 2), Sums.add(9_223_372_036_854_775_807, 1), Sums.fib(20)})

try do
  Sums.add(1, :a)
rescue
  e -> IO.puts(Exception.message(e))
end

# Calls whose last argument is a local plus or minus a constant: small integers take the
# fused path; floats, bignums and overflow take the ordinary ops.
defmodule Countdown do
  def down(n) when n <= 0, do: :done
  def down(n), do: down(n - 1)
  def fact(0), do: 1
  def fact(n), do: n * fact(n - 1)
  def pair(a, b), do: {a, b}
  def shift(x), do: pair(:x, x + 1)
  def back(x), do: pair(:x, x - 2)
end

IO.inspect({Countdown.down(100_000), Countdown.down(2.5), Countdown.fact(25)})
IO.inspect({Countdown.shift(1), Countdown.shift(1.5), Countdown.shift(9_223_372_036_854_775_807), Countdown.back(-9_223_372_036_854_775_807)})

try do
  Countdown.shift(:a)
rescue
  e -> IO.puts(Exception.message(e))
end

# rem and div by a constant: truncating, as Elixir's; zero, MIN / -1 and non-integers take
# the native's path.
defmodule Divs do
  def r(x), do: rem(x, 3)
  def d(x), do: div(x, 3)
  def d0(x), do: div(x, 0)
  def r0(x), do: rem(x, 0)
  def dm(x), do: div(x, -1)
  def rm(x), do: rem(x, -1)
  def even?(x), do: rem(x, 2) == 0
end

IO.inspect({Divs.r(7), Divs.r(-7), Divs.d(7), Divs.d(-7), Divs.even?(10), Divs.even?(-3)})
IO.inspect({Divs.dm(-9_223_372_036_854_775_808), Divs.rm(-9_223_372_036_854_775_808), Divs.d(30_000_000_000_000_000_000)})

for f <- [fn -> Divs.d0(1) end, fn -> Divs.r0(1) end, fn -> Divs.r(1.5) end, fn -> Divs.d(:a) end] do
  try do
    f.()
  rescue
    e -> IO.puts(Exception.message(e))
  end
end

# Local-and-constant arithmetic that is returned at once, and `if` on a local compared with
# a constant, for integers and for everything else.
defmodule Tail do
  def triple(x), do: x * 3
  def next(x), do: x + 1
  def half(x), do: div(x, 2)
  def sign(n) do
    if n > 0 do
      :pos
    else
      if n == 0, do: :zero, else: :neg
    end
  end
end

IO.inspect(Enum.map([1, 2.5, 4_611_686_018_427_387_904], &Tail.triple/1))
IO.inspect({Tail.next(1), Tail.next(9_223_372_036_854_775_807), Tail.next(0.5), Tail.half(-7)})
IO.inspect(Enum.map([5, 0, -5, 1.5, :atom, "s"], &Tail.sign/1))
IO.inspect(Enum.map(1..5, fn x -> x * 3 end))

# A value compared with a constant: integers take the fused path; floats, bignums and
# other terms the comparison op (1.0 == 1 but not 1.0 === 1).
defmodule Cmps do
  def even?(x), do: rem(x, 2) == 0
  def checks(x), do: {x + 0 == 1, x + 0 === 1, x + 0 != 1, x + 0 < 1, length([x]) > 0}
end

IO.inspect(Enum.filter(1..10, &Cmps.even?/1))
IO.inspect(Enum.map([1, 1.0, 2, 9_223_372_036_854_775_808], &Cmps.checks/1))
IO.inspect({:a > 1, [1] == 1})

# A comparison with a constant right before a return returns the boolean itself; other
# terms on top take the comparison op and the return behind it.
even? = fn x -> rem(x, 2) == 0 end
IO.inspect({even?.(4), even?.(5), even?.(-3), even?.(0), even?.(2 ** 70), even?.(2 ** 70 + 1)})
above_one = fn x -> x > 1 end
IO.inspect({above_one.(2), above_one.(1), above_one.(1.5), above_one.(:a), above_one.(-5)})
# rem by a power of two takes a mask; the sign follows the dividend as with any divisor.
IO.inspect(for x <- [-9, -8, -1, 0, 1, 7, 9], do: {rem(x, 2), rem(x, 4), rem(x, 8), rem(x, 3)})
IO.inspect({rem(-9_223_372_036_854_775_808, 2), rem(9_223_372_036_854_775_807, 1024)})

# A clause with a literal argument tests the local in place: integers, and everything else
# by strict equality (1.0 does not match 1, nor 1 match 1.0).
defmodule Lits do
  def kind(0), do: :zero
  def kind(1.0), do: :one_float
  def kind(:ok), do: :atom
  def kind("s"), do: :string
  def kind(nil), do: nil
  def kind(18_446_744_073_709_551_616), do: :big
  def kind(_), do: :other

  def countdown(0, acc), do: acc
  def countdown(n, acc), do: countdown(n - 1, [n | acc])
end

IO.inspect(Enum.map([0, 0.0, 1, 1.0, :ok, "s", nil, false, 18_446_744_073_709_551_616, 2], &Lits.kind/1))
IO.inspect(Lits.countdown(5, []))

# A guard on a local and a constant whose clause returns a local returns at once; other
# values take the guard's general path.
defmodule Guarded do
  def lo(n) when n < 2, do: n
  def lo(n), do: {:big, n}

  def pick(a, b) when b >= 10, do: a
  def pick(_a, b), do: b

  def top(x) do
    if x > 5 do
      x
    else
      :small
    end
  end
end

IO.inspect(Enum.map([1, 2, -5, 1.5, 0.5, 2 ** 70, -(2 ** 70)], &Guarded.lo/1))
IO.inspect({Guarded.pick(:a, 10), Guarded.pick(:a, 9), Guarded.pick(:a, 10.0), Guarded.top(6), Guarded.top(5), Guarded.top(7.5)})
