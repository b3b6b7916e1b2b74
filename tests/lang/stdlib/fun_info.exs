# :erlang.fun_info/1,2 and Function.info/1,2.

defmodule M do
  def mk(a), do: fn -> a end
  def add(x, y), do: x + y
end

f = fn x, y -> x + y end
IO.inspect(:erlang.fun_info(f)[:arity])
IO.inspect(:erlang.fun_info(f, :arity))
IO.inspect(:erlang.fun_info(f, :type))
IO.inspect(:erlang.fun_info(f, :env))
IO.inspect(:erlang.fun_info(f) |> Keyword.keys())
IO.inspect(:erlang.fun_info(&Enum.map/2))
for k <- [:arity, :module, :name, :type, :env, :pid, :index, :uniq, :new_index, :new_uniq] do
  IO.inspect(:erlang.fun_info(&M.add/2, k))
end
IO.inspect(:erlang.fun_info(M.mk(5), :env))
IO.inspect(:erlang.fun_info(M.mk(5), :name))
IO.inspect(:erlang.fun_info(M.mk(5), :module))
IO.inspect(:erlang.fun_info(M.mk(5), :arity))
IO.inspect(is_pid(elem(:erlang.fun_info(M.mk(5), :pid), 1)))
IO.inspect(Function.info(&M.add/2))
IO.inspect(Function.info(M.mk(:x), :env))
for {fun, item} <- [{f, :bogus}, {f, "arity"}, {1, :arity}, {:not_a_fun, :env}] do
  try do
    :erlang.fun_info(fun, item)
  rescue
    e -> IO.inspect(e)
  end
end
try do
  :erlang.fun_info(1)
rescue
  e -> IO.inspect(e)
end
