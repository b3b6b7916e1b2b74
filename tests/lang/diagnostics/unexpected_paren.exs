# A stray closing parenthesis, reported at its line
# expect-exit: 1
# expect-stderr: error
# expect-stderr: :5:
IO.puts(1 + 2))
