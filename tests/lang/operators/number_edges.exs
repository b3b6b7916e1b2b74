# Integers against floats compare exactly, beyond 2^53 too; -0.0 keeps its sign in literals.
IO.inspect 9007199254740993 == 9007199254740992.0
IO.inspect 9007199254740992 == 9007199254740992.0
IO.inspect 9007199254740993 > 9007199254740992.0
IO.inspect 1 < 1.5
IO.inspect -1 > -1.5
IO.inspect 2 == 2.0
IO.inspect 9223372036854775807 < 9223372036854775808.0
IO.inspect -9223372036854775808 == -9223372036854775808.0
IO.inspect Enum.sort([9007199254740993, 9007199254740992.0, 9007199254740992])
IO.inspect -0.0
IO.inspect 0.0
IO.inspect {-0.0, 0.0}
IO.inspect 0.0 == -0.0
