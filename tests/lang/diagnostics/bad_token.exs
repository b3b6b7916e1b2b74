# An operator with nothing on its right
# expect-exit: 1
# expect-stderr: error
# expect-stderr: :5:
total = 1 +
