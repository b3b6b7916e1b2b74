# :ets.select/2 and friends with match specifications: heads with $N and _, guards,
# bodies with $_, $$, {{...}} and {:const, x}, and the errors of invalid specifications.

t = :ets.new(:t, [:set])
:ets.insert(t, [{1, 5}, {2, 50}, {3, 7}])
IO.inspect(:ets.select(t, [{{:"$1", :"$2"}, [{:<, :"$2", 10}], [:"$1"]}]) |> Enum.sort())

o = :ets.new(:o, [:ordered_set])
:ets.insert(o, [{1, :a, 10}, {2, :b, 20}, {3, :c, 30}, {4, :d, 40}, {5, "e", 50.0}])
run = fn ms -> IO.inspect(:ets.select(o, ms)) end
run.([{{:"$1", :"$2", :"$3"}, [], [:"$$"]}])
run.([{{:"$1", :_, :"$3"}, [{:>, :"$3", 15}, {:<, :"$3", 45}], [:"$_"]}])
run.([{{:"$1", :"$2", :_}, [], [{{:"$2", :"$1"}}]}])
run.([{{:"$1", :_, :_}, [{:==, {:rem, :"$1", 2}, 0}], [{:const, {:even, :x}}]}])
run.([{{:"$1", :_, :"$2"}, [{:is_float, :"$2"}], [:"$1"]}, {{:"$1", :_, :_}, [{:"=:=", :"$1", 1}], [:first]}])
run.([{{:"$1", :_, :"$2"}, [{:orelse, {:==, :"$1", 1}, {:andalso, {:>=, :"$2", 40}, {:is_integer, :"$2"}}}], [[:"$1", :"$2"]]}])
run.([{{:"$1", :"$2", :"$3"}, [{:is_atom, :"$2"}], [{:+, :"$1", :"$3"}]}])
run.([{{:"$1", :"$2", :"$3"}, [], [{:*, :"$3", 2}]}])
run.([{{:"$1", :_, :_}, [{:"/=", :"$1", 3}, {:"=<", :"$1", 4}], [true, :"$1"]}])
run.([{:"$1", [{:==, {:element, 1, :"$1"}, 2}], [{:size, :"$1"}]}])
run.([{{:_, :"$1", :_}, [{:not, {:is_atom, :"$1"}}], [{:byte_size, :"$1"}]}])
run.([{{:"$1", :_, :_}, [{:>, {:div, 10, {:-, :"$1", 3}}, 1}], [:"$1"]}])
run.([{{:"$1", :_, :_}, [], [{:div, 10, {:-, :"$1", 3}}]}])
run.([{{:"$1", :_, :_}, [{:andalso, {:>, :"$1", 2}, {:<, :"$1", 5}}], [%{id: :"$1"}]}])
run.([{{6, :_, :_}, [], [:"$_"]}])
run.([])
IO.inspect(:ets.select_reverse(o, [{{:"$1", :_, :_}, [], [:"$1"]}]))
IO.inspect(:ets.select_count(o, [{{:"$1", :_, :_}, [{:>, :"$1", 2}], [true]}]))
IO.inspect(:ets.select_count(o, [{{:"$1", :_, :_}, [], [:"$1"]}]))
IO.inspect(:ets.select_delete(o, [{{:"$1", :_, :_}, [{:<, :"$1", 3}], [true]}]))
IO.inspect(:ets.tab2list(o))

b = :ets.new(:b, [:duplicate_bag])
:ets.insert(b, [{:k, 1}, {:k, 2}, {:j, 3}, {:k, 1}])
IO.inspect(:ets.select(b, [{{:k, :"$1"}, [], [:"$1"]}]))

for ms <- [:bad, [{:"$1", [], [:"$2"]}], [{:_, [], []}], [{:_, :nolist, [true]}], [{:_, [], [{:unknown_fun, 1}]}], [:x], [{:"$1", [{:>, :"$3", 1}], [:"$1"]}]] do
  try do
    IO.inspect(:ets.select(o, ms))
  rescue
    e -> IO.inspect(e)
  end
end
try do
  :ets.select(:no_such_table, [{:_, [], [true]}])
rescue
  e -> IO.inspect(e)
end
try do
  :ets.select(o, [{:"$1", [], [{:tuple_size, :"$1"}]}])
rescue
  e -> IO.inspect(e)
end
IO.inspect(:ets.select(o, [{{:"$1", :"$2", :_}, [{:is_binary, :"$2"}], [{:binary_part, :"$2", 0, 1}]}]))
