# The capture operator &
upcase = &String.upcase/1
IO.inspect upcase.("shout")
IO.inspect Enum.map(["a", "b"], &String.upcase/1)
inc = &(&1 + 1)
IO.inspect inc.(1)
IO.inspect Enum.map([1, 2, 3], &(&1 * 2))
id = & &1
IO.inspect id.(:same)
pair = &{&1, &2}
IO.inspect pair.(:a, :b)
sum3 = &(&1 + &2 + &3)
IO.inspect sum3.(1, 2, 3)
IO.inspect Enum.reduce([1, 2, 3], &+/2)
list_of = &[&1, &1]
IO.inspect list_of.(7)
IO.inspect Enum.map([1, 2], &Integer.to_string/1)
len = &length/1
IO.inspect len.([1, 2, 3])
defmodule Helpers do
  def double(x), do: x * 2
end
IO.inspect Enum.map([1, 2, 3], &Helpers.double/1)
d = &Helpers.double/1
IO.inspect d.(21)
IO.inspect is_function(d, 1)
IO.inspect Enum.sort([3, 1, 2], &>=/2)
IO.inspect Enum.map(["x", "y"], &"<#{&1}>")
