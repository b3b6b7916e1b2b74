# An operator names a Kernel function in remote calls and captures.
IO.inspect Enum.reduce([1,2], 0, &Kernel.+/2)
IO.inspect Enum.sort([3, 1, 2], &Kernel.>=/2)
IO.inspect Kernel.-(5, 2)
IO.inspect Enum.map([1, 2], &Kernel.-/1)
