# Using a variable that was never bound (Elixir 1.14 reads it as a call to x/0)
# expect-exit: 1
# expect-stderr: error
# expect-stderr: x
# expect-stderr: :7:
y = 2
IO.puts x
IO.puts y
