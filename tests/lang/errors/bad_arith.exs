# Adding an atom to a number
x = Enum.random([:a])
IO.puts "adding"
IO.inspect x + 1
