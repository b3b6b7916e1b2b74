# 100,000 processes, each sends one message back
parent = self()
n = 100_000

for i <- 1..n do
  spawn(fn -> send(parent, {:num, i}) end)
end

{count, sum} =
  Enum.reduce(1..n, {0, 0}, fn _, {c, s} ->
    receive do
      {:num, i} -> {c + 1, s + i}
    end
  end)

IO.puts("received #{count} messages, sum #{sum}")
IO.puts("expected sum #{div(n * (n + 1), 2)}")

receive do
  extra -> IO.inspect(extra, label: "extra")
after
  0 -> IO.puts("nothing left")
end
