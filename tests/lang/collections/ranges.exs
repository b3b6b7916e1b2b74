# Ranges
r = 1..10
IO.inspect r
IO.inspect Enum.to_list(r)
IO.inspect Enum.to_list(1..10//2)
IO.inspect 1..10//2
IO.inspect Enum.to_list(10..1//-3)
IO.inspect Enum.to_list(5..1)
IO.inspect 5 in r
IO.inspect 11 in r
IO.inspect Enum.sum(1..100)
IO.inspect Enum.count(1..10)
IO.inspect Enum.map(1..5, fn x -> x * x end)
IO.inspect first..last = 3..7
IO.inspect {first, last}
IO.inspect Enum.to_list(-3..3)
IO.inspect Range.new(1, 4) |> Enum.to_list()
IO.inspect Enum.reverse(1..4)
IO.inspect Enum.to_list(1..1)
IO.inspect Enum.to_list(0..-1//1)
IO.inspect 1..3 == 1..3
