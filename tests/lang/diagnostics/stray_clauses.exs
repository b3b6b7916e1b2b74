# Clauses in parentheses outside a section keyword are rejected, as Elixir rejects them.
# expect-exit: 1
# expect-stderr: error
# expect-stderr: unhandled operator ->
# expect-stderr: :6:
x = (1 -> 2)
IO.puts(x)
