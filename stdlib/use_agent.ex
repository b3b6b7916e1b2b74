# What `use Agent` copies into the user's module.

def child_spec(arg) do
  %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}}
end
