# throw/catch and exit/catch
r =
  try do
    throw(:found)
  catch
    x -> {:caught, x}
  end
IO.inspect r

found =
  try do
    Enum.each(1..100, fn i -> if i * i > 50, do: throw({:first, i}) end)
    :none
  catch
    {:first, i} -> i
  end
IO.inspect found

r =
  try do
    exit(:shutdown)
  catch
    :exit, reason -> {:exit_caught, reason}
  end
IO.inspect r

r =
  try do
    exit({:bad, 1})
  catch
    kind, reason -> {kind, reason}
  end
IO.inspect r

r =
  try do
    throw(42)
  catch
    :throw, v -> {:throw, v}
  end
IO.inspect r

r =
  try do
    raise "as error"
  catch
    :error, e -> {:error_kind, e.__struct__, e.message}
  end
IO.inspect r

r =
  try do
    :erlang.error(:badarg)
  rescue
    e -> {Exception.message(e), e.__struct__}
  end
IO.inspect r

r =
  try do
    throw(:x)
  catch
    :x -> :matched_value
  after
    IO.puts "cleanup"
  end
IO.inspect r
IO.inspect catch_value = (try do throw(:v) catch v -> v end)
IO.inspect catch_value
