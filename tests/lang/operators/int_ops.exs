# div, rem and Bitwise's operators on small integers are computed in place by the VM; every
# other operand (big integers, floats, zero divisors, overflowing shifts) takes the library
# path, with the same results and errors.
import Bitwise

defmodule IntOps do
  def table(a, b) do
    [div(a, b), rem(a, b), a &&& b, a ||| b, bxor(a, b), a <<< (b &&& 63), a >>> (b &&& 63)]
  end

  def id(x), do: x

  def safe(f) do
    try do
      f.()
    rescue
      e -> {:error, e.__struct__, Exception.message(e)}
    end
  end
end

pairs = [{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {1 <<< 62, 3}, {-(1 <<< 62), 7},
         {0x7FFFFFFFFFFFFFFF, 1}, {-0x8000000000000000, -1}, {123_456_789_123, 1_000_003}]
for {a, b} <- pairs, do: IO.inspect(IntOps.table(a, b))

# Shifts that leave the small integers.
IO.inspect {1 <<< 62, 1 <<< 63, 1 <<< 64, 3 <<< 62, -1 <<< 63, -3 <<< 62}
IO.inspect {1 >>> 64, -1 >>> 64, -5 >>> 1, 5 >>> -2, 5 <<< -1, (1 <<< 100) >>> 98}
IO.inspect {bsl(1, 10), bsr(1024, 3), band(12, 10), bor(12, 10), bxor(12, 10)}
IO.inspect {:erlang.band(12, 10), :erlang.bor(12, 10), :erlang.bxor(12, 10), :erlang.bsl(1, 3), :erlang.bsr(16, 2)}

# i64::MIN divided by -1 does not fit a small integer.
min = -0x8000000000000000
IO.inspect {div(min, -1), rem(min, -1)}

# Big integers on either side.
big = Integer.pow(10, 30)
IO.inspect {div(big, 7), rem(big, 7), div(7, big), rem(-7, big), big &&& 0xFFFF, big ||| 1, bxor(big, big)}

# Errors.
[zero, one_f, a, x, half, huge] = Enum.map([0, 1.0, :a, :x, 1.5, 1_000_000_000_000], &IntOps.id/1)
IO.inspect IntOps.safe(fn -> div(1, zero) end)
IO.inspect IntOps.safe(fn -> rem(1, zero) end)
IO.inspect IntOps.safe(fn -> div(one_f, 2) end)
IO.inspect IntOps.safe(fn -> rem(a, 2) end)
IO.inspect IntOps.safe(fn -> band(half, 1) end)
IO.inspect IntOps.safe(fn -> bsl(1, x) end)
IO.inspect IntOps.safe(fn -> 1 <<< huge end)

# In guards: an error there only fails the clause.
f = fn
  x when rem(x, 2) == 0 -> :even
  x when band(x, 1) == 1 -> :odd
  _ -> :neither
end
IO.inspect Enum.map([4, 7, 2.0, :a], f)

# A loop that lives on these ops (xorshift).
defmodule X do
  def run(0, x, acc), do: {x, acc}
  def run(n, x, acc) do
    x = bxor(x, (x <<< 13) &&& 0xFFFFFFFF)
    x = bxor(x, x >>> 17)
    x = bxor(x, (x <<< 5) &&& 0xFFFFFFFF)
    run(n - 1, x, rem(acc + div(x, 3), 1_000_000_007))
  end
end
IO.inspect X.run(10_000, 2463534242, 0)
