# Keyword lists
opts = [size: 10, color: :red]
IO.inspect opts
IO.inspect [{:size, 10}, {:color, :red}]
IO.inspect opts == [{:size, 10}, {:color, :red}]
IO.inspect opts[:size]
IO.inspect opts[:missing]
IO.inspect [a: 1, a: 2]
IO.inspect [a: 1, a: 2][:a]
IO.inspect [{:a, 1}, {"b", 2}]
IO.inspect [{:"with space", 1}]
IO.inspect ["with space": 1]
IO.inspect [{:ok, 1}, 2]
IO.inspect opts ++ [border: 2]
IO.inspect Keyword.get(opts, :color)
IO.inspect [if: 1, do: 2]
IO.inspect length(opts)
f = fn list, extra -> list ++ extra end
IO.inspect f.([x: 1], y: 2, z: 3)
