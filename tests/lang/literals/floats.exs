# Floats and how they print
IO.puts 0.1 + 0.2
IO.inspect 0.1 + 0.2
IO.inspect 2.5
IO.inspect 1.0e20
IO.inspect 1.0e-5
IO.inspect 1.5e3
IO.inspect 1 / 3
IO.inspect 10 / 2
IO.inspect 2 / 3
IO.inspect 7.0
IO.inspect -0.5
IO.inspect 3.14159
IO.inspect 1.0e15
IO.inspect 1.0e16
IO.inspect 123456789.123
IO.inspect 0.001
IO.inspect 1.0e100
IO.inspect 2.0 * 3
IO.inspect 1 + 1.0
IO.inspect 100.0 / 3.0
IO.inspect :math.sqrt(2)
IO.inspect :math.pi()
IO.puts 1.0e-10
IO.puts "#{1.5}"
IO.inspect is_float(1.0)
IO.inspect round(2.5)
IO.inspect round(-2.5)
IO.inspect trunc(-2.7)
IO.inspect 5.0e-324
IO.inspect 1.7976931348623157e308
