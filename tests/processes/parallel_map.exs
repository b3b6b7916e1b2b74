# a parallel map: spawn one process per item, collect results in the original order
defmodule Parallel do
  def map(list, fun) do
    parent = self()

    list
    |> Enum.map(fn item -> spawn(fn -> send(parent, {self(), fun.(item)}) end) end)
    |> Enum.map(fn pid ->
      receive do
        {^pid, result} -> result
      end
    end)
  end
end

IO.inspect(Parallel.map(1..10, fn x -> x * x end))

# the slowest first: results still come back in order
IO.inspect(
  Parallel.map([50, 10, 30, 0], fn ms ->
    Process.sleep(ms)
    {:slept, ms}
  end)
)

IO.inspect(Parallel.map(~w(a bb ccc), &String.length/1))
IO.inspect(length(Parallel.map(1..1000, &(&1 + 1))), label: "1000 items")
