# Lists: cons cells, concatenation, difference, membership
list = [1, 2, 3]
IO.inspect list
[h | t] = list
IO.inspect h
IO.inspect t
IO.inspect [0 | list]
IO.inspect [1, 2 | [3, 4]]
IO.inspect [1 | [2 | [3 | []]]]
IO.inspect [1 | 2]
IO.inspect [[1, 2] | 3]
IO.inspect list ++ [4, 5]
IO.inspect [1, 2, 3, 2, 1] -- [2, 1]
IO.inspect [1, 2] -- [3]
IO.inspect 2 in list
IO.inspect 5 in list
IO.inspect 5 not in list
IO.inspect length(list)
IO.inspect hd(list)
IO.inspect tl(list)
IO.inspect []
IO.inspect [[]]
IO.inspect [:a, "b", 3, 4.0, {:five}, [6]]
IO.inspect list == [1, 2, 3]
IO.inspect [1, 2] ++ []
IO.inspect [] ++ [1]
IO.inspect Enum.reverse(list)
IO.inspect [1, [2, [3, [4]]]]
