# messages between one pair of processes arrive in the order they were sent
parent = self()
n = 10_000

spawn(fn -> Enum.each(1..n, &send(parent, {:seq, &1})) end)

in_order =
  Enum.reduce(1..n, true, fn expected, ok ->
    receive do
      {:seq, ^expected} -> ok
      {:seq, _other} -> false
    end
  end)

IO.puts("#{n} messages, in order: #{in_order}")

# two senders interleave, but each one's own order is kept
a = spawn(fn -> Enum.each(1..n, &send(parent, {:a, &1})) end)
b = spawn(fn -> Enum.each(1..n, &send(parent, {:b, &1})) end)
IO.puts("two senders started: #{is_pid(a) and is_pid(b)}")

{la, lb} =
  Enum.reduce(1..(2 * n), {[], []}, fn _, {la, lb} ->
    receive do
      {:a, i} -> {[i | la], lb}
      {:b, i} -> {la, [i | lb]}
    end
  end)

IO.puts("a in order: #{Enum.reverse(la) == Enum.to_list(1..n)}")
IO.puts("b in order: #{Enum.reverse(lb) == Enum.to_list(1..n)}")
