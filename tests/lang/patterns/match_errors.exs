# The messages of MatchError, CaseClauseError, FunctionClauseError and friends
defmodule Only do
  def positive(n) when n > 0, do: n
  def pair({a, b}), do: a + b
end

show = fn f ->
  try do
    f.()
  rescue
    e -> IO.puts "#{inspect(e.__struct__)}: #{Exception.message(e)}"
  end
end

value = Enum.random([{:error, :nope}])
show.(fn -> {:ok, _} = value end)
show.(fn -> [_, _] = Enum.to_list(1..3) end)
show.(fn -> %{a: _} = Map.new([{:b, 1}]) end)
show.(fn -> case value do {:ok, v} -> v end end)
show.(fn -> Only.positive(-1) end)
show.(fn -> Only.pair(Enum.at([[1, 2]], 0)) end)
show.(fn -> cond do Enum.empty?([1]) -> :never end end)
m = Map.new([{:a, 1}])
show.(fn -> Map.fetch!(m, :b) end)
t = List.to_tuple([1, 2])
i = Enum.count(1..5)
show.(fn -> elem(t, i) end)
show.(fn -> hd(Enum.to_list([])) end)
show.(fn -> String.to_atom(Enum.at([42], 0)) end)
