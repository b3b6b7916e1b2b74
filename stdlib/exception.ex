# The default functions `defexception` adds to an exception module, unless the module
# defines them itself. The compiler copies these clauses into the module.

def exception(msg) when is_binary(msg), do: Map.put(__struct__(), :message, msg)

def exception(fields) when is_list(fields) do
  Enum.reduce(fields, __struct__(), fn {k, v}, acc -> Map.put(acc, k, v) end)
end

def message(exception), do: exception.message
