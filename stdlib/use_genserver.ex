# What `use GenServer` copies into the user's module: child_spec/1 and the default
# callbacks, each used only where the module does not define its own.

def child_spec(init_arg) do
  %{id: __MODULE__, start: {__MODULE__, :start_link, [init_arg]}}
end

def handle_call(msg, _from, _state) do
  raise "attempted to call GenServer #{inspect(self())} but no handle_call/3 clause was provided"
end

def handle_cast(msg, _state) do
  raise "attempted to cast GenServer #{inspect(self())} but no handle_cast/2 clause was provided"
end

def handle_info(msg, state) do
  # A registered server is named by its name, as gen_server's report does.
  who =
    case Process.info(self(), :registered_name) do
      {:registered_name, []} -> self()
      {:registered_name, name} -> name
      _ -> self()
    end

  :vial_log.error("#{inspect(__MODULE__)} #{inspect(who)} received unexpected message in handle_info/2: #{inspect(msg)}\n")
  {:noreply, state}
end

def terminate(_reason, _state), do: :ok

def code_change(_old, state, _extra), do: {:ok, state}
