# A refutable `=` followed by another: the second's MatchError must carry its whole subject.
[a | c] = [1, 3]
IO.inspect {a, c}
try do
  [{x, y} | z] = [{1, 2, 3}, 3]
  IO.inspect {x, y, z}
rescue
  e -> IO.inspect(e)
end
try do
  [{p, q}] = [{1, 2, 3}]
  IO.inspect {p, q}
rescue
  e -> IO.inspect(e)
end
defmodule D do
  def f(l) do
    [h | _] = l
    {:ok, v} = h
    v
  end
end
IO.inspect D.f([{:ok, 1}])
try do
  D.f([{:error, 2}])
rescue
  e -> IO.inspect(e)
end
IO.inspect Stream.dedup([1, 1.0, 1.0, 2]) |> Enum.to_list()
