# An operator names a Kernel function in remote calls and captures.
IO.inspect Enum.reduce([1,2], 0, &Kernel.+/2)
IO.inspect Enum.sort([3, 1, 2], &Kernel.>=/2)
IO.inspect Kernel.-(5, 2)
IO.inspect Enum.map([1, 2], &Kernel.-/1)
# Operators as keyword keys, as in `import Bitwise, only: [...]`.
IO.inspect [&&&: 1, >>>: 2, +: 3, ==: 4, <>: 5]
import Bitwise, only: [>>>: 2, &&&: 2]
IO.inspect 8 >>> 1
IO.inspect 12 &&& 10
