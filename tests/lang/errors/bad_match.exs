# A match that fails at top level
list = [1, 2, 3]
IO.inspect list
[a, b] = list
IO.inspect {a, b}
