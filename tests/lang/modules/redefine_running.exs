# A process running a module's code keeps that version when the module is redefined: its
# calls inside the module (local calls) stay in the old code, as on the BEAM, even when the
# new version drops the functions it uses.
defmodule M do
  def start, do: spawn(fn -> loop(0) end)

  def loop(n) do
    receive do
      {:get, from} ->
        send(from, {:v1, helper(n)})
        loop(n + 1)
    end
  end

  defp helper(n), do: n
end

pid = M.start()
send(pid, {:get, self()})
receive do x -> IO.inspect(x) end

defmodule M do
  def start, do: :new

  def loop(n) do
    receive do
      {:get, from} -> send(from, {:v2, n})
    end
  end
end

send(pid, {:get, self()})
receive do x -> IO.inspect(x) after 1000 -> IO.puts("no reply") end
send(pid, {:get, self()})
receive do x -> IO.inspect(x) after 1000 -> IO.puts("no reply") end
IO.inspect(Process.alive?(pid))
IO.inspect(M.start())
