# A process running a module's code whose view of the code moves on (here through a dynamic
# call, `apply/3`) after the module is redefined must not go on mixing versions: from the
# next iteration its self call (`loop(n + 1)`) and its other local call (`helper()`) find
# the same version. This guards against mixing only: Elixir keeps the process on the old
# version, vial moves it to the new one (see ARCHITECTURE.md, "Fast paths"), and both make
# every later reply pair the loop's version with its helper's. The iteration that makes the
# dynamic call already sees the new helper in vial, so its reply is not shown.
defmodule Other do
  def id(x), do: x
end

defmodule M do
  def loop(n) do
    receive do
      {:get, from} ->
        apply(Other, :id, [1])
        send(from, {:v1, helper()})
        loop(n + 1)
    end
  end

  defp helper, do: :v1
end

pid = spawn(fn -> M.loop(0) end)

ask = fn show ->
  send(pid, {:get, self()})
  receive do
    {loop, helper} -> if show, do: IO.inspect(loop == helper)
  after
    1000 -> IO.puts("no reply")
  end
end

ask.(true)

defmodule M do
  def loop(n) do
    receive do
      {:get, from} ->
        send(from, {:v2, helper()})
        loop(n + 1)
    end
  end

  defp helper, do: :v2
end

ask.(false)
ask.(true)
ask.(true)
IO.inspect(Process.alive?(pid))
