# The KV store again, as a GenServer: the receive loop, the reply plumbing and the registered
# name all come from GenServer; the module only says what each request does.
#
#   cargo run --release -- examples/kv_genserver.exs
defmodule KV.Server do
  use GenServer

  # Client API: functions other processes call.
  def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, %{}, Keyword.put_new(opts, :name, __MODULE__))
  def get(key), do: GenServer.call(__MODULE__, {:get, key})
  def put(key, value), do: GenServer.cast(__MODULE__, {:put, key, value})
  def delete(key), do: GenServer.call(__MODULE__, {:delete, key})
  def keys, do: GenServer.call(__MODULE__, :keys)

  # Server callbacks: they run inside the server process.
  @impl true
  def init(map), do: {:ok, map}

  @impl true
  def handle_call({:get, key}, _from, map), do: {:reply, Map.get(map, key), map}
  def handle_call({:delete, key}, _from, map), do: {:reply, Map.get(map, key), Map.delete(map, key)}
  def handle_call(:keys, _from, map), do: {:reply, map |> Map.keys() |> Enum.sort(), map}

  @impl true
  def handle_cast({:put, key, value}, map), do: {:noreply, Map.put(map, key, value)}

  @impl true
  def handle_info({:expire, key}, map) do
    IO.puts("expiring #{inspect(key)}")
    {:noreply, Map.delete(map, key)}
  end
end

{:ok, pid} = KV.Server.start_link()
IO.puts("registered as KV.Server: #{Process.whereis(KV.Server) == pid}")
IO.inspect(KV.Server.get(:hello), label: "get :hello")
KV.Server.put(:hello, :world)
KV.Server.put(:answer, 42)
IO.inspect(KV.Server.get(:hello), label: "get :hello")
IO.inspect(KV.Server.keys(), label: "keys")
IO.inspect(KV.Server.delete(:hello), label: "delete :hello")
IO.inspect(KV.Server.keys(), label: "keys")

# A plain message (not a call or a cast) goes to handle_info/2.
Process.send_after(KV.Server, {:expire, :answer}, 50)
Process.sleep(100)
IO.inspect(KV.Server.keys(), label: "keys after the timer")

IO.inspect(GenServer.stop(KV.Server), label: "stop")
