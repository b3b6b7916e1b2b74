# The process dictionary through :erlang and Process: :erlang's functions answer :undefined
# where Process answers nil.
# It runs in a fresh process, whose dictionary starts empty (the script's own holds the
# compiler's keys).
defmodule PD do
  def run do
    IO.inspect(:erlang.get(:k))
    IO.inspect(:erlang.put(:k, 1))
    IO.inspect(:erlang.put(:k, 2))
    IO.inspect(:erlang.get(:k))
    IO.inspect(:erlang.get(:missing))
    IO.inspect(Process.get(:k))
    IO.inspect(:erlang.get_keys())
    IO.inspect(Process.get_keys())
    IO.inspect(:erlang.put({:t, 1}, :v))
    IO.inspect(:erlang.put("s", :v))
    IO.inspect(:erlang.put(:other, 2))
    IO.inspect(Enum.sort(:erlang.get_keys(:v)))
    IO.inspect(Enum.sort(Process.get_keys(:v)))
    IO.inspect(:erlang.get_keys(2) |> Enum.sort())
    IO.inspect(Process.get_keys(:nope))
    IO.inspect(Enum.sort(:erlang.get()))
    IO.inspect(:erlang.erase(:k))
    IO.inspect(:erlang.erase(:k))
    IO.inspect(Enum.sort(:erlang.erase()))
    IO.inspect(:erlang.get())
    IO.inspect(:erlang.get_keys())
    # A stored :undefined reads as missing through Process.
    :erlang.put(:u, :undefined)
    IO.inspect(Process.get(:u))
    IO.inspect(Process.get(:u, :dflt))
    IO.inspect(Process.put(:u, 3))
    IO.inspect(:erlang.put(:u, :undefined))
    IO.inspect(Process.delete(:u))
    IO.inspect(Process.delete(:u))
  end
end

parent = self()
spawn(fn -> PD.run(); send(parent, :done) end)
receive do
  :done -> :ok
end

# Each process has its own dictionary.
:erlang.put(:mine, 1)
IO.inspect(:mine in Process.get_keys())
IO.inspect(:mine in :erlang.get_keys())
IO.inspect(Process.get_keys(1))
spawn(fn -> send(parent, {:child, :erlang.get(:mine), :erlang.get_keys()}) end)
receive do
  msg -> IO.inspect(msg)
end
