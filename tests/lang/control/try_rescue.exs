# try / rescue / catch / after / else
result =
  try do
    raise "something bad"
  rescue
    e in RuntimeError ->
      IO.inspect e
      IO.inspect e.message
      IO.inspect e.__struct__
      :rescued
  end
IO.inspect result

try do
  raise ArgumentError, "bad argument here"
rescue
  e -> IO.puts "#{inspect(e.__struct__)}: #{Exception.message(e)}"
end

try do
  raise ArgumentError, message: "keyword message"
rescue
  e in [ArgumentError, RuntimeError] -> IO.puts Exception.message(e)
end

try do
  raise ArgumentError
rescue
  e -> IO.puts Exception.message(e)
end

zero = Enum.count([])
try do
  1 / zero
rescue
  e in ArithmeticError -> IO.puts "arith: " <> Exception.message(e)
end

try do
  String.to_integer(Enum.at(["abc"], 0))
rescue
  e -> IO.inspect e.__struct__
end

value =
  try do
    10
  rescue
    _ -> :error
  else
    n -> n * 2
  after
    IO.puts "after always runs"
  end
IO.inspect value

try do
  try do
    raise "inner"
  after
    IO.puts "inner after"
  end
rescue
  e -> IO.puts "outer rescued: " <> e.message
end

try do
  raise KeyError, key: :missing, term: %{}
rescue
  e -> IO.puts Exception.message(e)
end

e = RuntimeError.exception("built by hand")
IO.inspect e
IO.puts Exception.message(%ArgumentError{message: "struct literal"})

defmodule SafeDiv do
  def div(a, b) do
    {:ok, a / b}
  rescue
    ArithmeticError -> {:error, :division_by_zero}
  end
end
IO.inspect SafeDiv.div(6, 3)
IO.inspect SafeDiv.div(1, 0)

try do
  raise RuntimeError
rescue
  e -> IO.inspect e
end
