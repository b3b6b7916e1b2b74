# Closures capture the value a variable had when the fn was created
x = 10
get_x = fn -> x end
x = 20
IO.inspect get_x.()
IO.inspect x
counter = fn start -> fn step -> start + step end end
c = counter.(100)
IO.inspect c.(1)
IO.inspect c.(2)
multipliers = Enum.map(1..3, fn i -> fn v -> v * i end end)
IO.inspect Enum.map(multipliers, fn m -> m.(10) end)
prefix = "log"
logger = fn msg -> "[#{prefix}] #{msg}" end
IO.puts logger.("started")
total = Enum.reduce([1, 2, 3], 0, fn n, acc -> n + acc + x end)
IO.inspect total
outer = fn a ->
  fn b ->
    fn c -> {a, b, c} end
  end
end
IO.inspect outer.(1).(2).(3)
