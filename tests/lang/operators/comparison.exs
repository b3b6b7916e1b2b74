# Comparison: == vs ===, and ordering of different types
IO.inspect 1 == 1.0
IO.inspect 1 === 1.0
IO.inspect 1 != 1.0
IO.inspect 1 !== 1.0
IO.inspect 1 === 1
IO.inspect 1 < 2
IO.inspect 2 >= 2
IO.inspect 3 <= 2
IO.inspect 1.0 < 2
IO.inspect "a" < "b"
IO.inspect "abc" < "abd"
IO.inspect "Z" < "a"
IO.inspect :apple < :banana
IO.inspect [1, 2] < [1, 3]
IO.inspect [1, 2] < [1, 2, 0]
IO.inspect {1, 2} == {1, 2}
IO.inspect %{a: 1} == %{a: 1.0}
IO.inspect %{a: 1} === %{a: 1.0}
# number < atom < reference < function < port < pid < tuple < map < list < bitstring
IO.inspect 1 < :a
IO.inspect :a < {}
IO.inspect {} < %{}
IO.inspect %{} < []
IO.inspect [] < ""
IO.inspect 999_999_999 < :a
IO.inspect :zzz < {0}
IO.inspect {1, 2, 3} < %{}
IO.inspect nil < true
IO.inspect Enum.sort([:b, "str", 3, {1}, [2], 1.5, %{k: 1}, :a, [], {}])
IO.inspect Enum.sort([3, 1.5, 2, 1])
IO.inspect max(1, :a)
IO.inspect min("x", 10)
IO.inspect Enum.max([1, 2.5, 2])
