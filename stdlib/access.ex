# The accessors that `get_in/2`, `update_in/3` and the other path functions take as keys,
# loaded on first use (`Access.get/2` itself is native).
# Each is a function of the operation (`:get` or `:get_and_update`), the data at that point
# of the path and `next`, what to do with the value it selects.
defmodule Access do
  def key(key, default \\ nil) do
    fn
      :get, data, next -> next.(Map.get(data, key, default))
      :get_and_update, data, next -> update_key(data, key, Map.get(data, key, default), next)
    end
  end

  def key!(key) do
    fn
      :get, %{} = data, next -> next.(Map.fetch!(data, key))
      :get_and_update, %{} = data, next -> update_key(data, key, Map.fetch!(data, key), next)
      _op, data, _next -> raise "Access.key!/1 expected a map/struct, got: #{inspect(data)}"
    end
  end

  defp update_key(data, key, value, next) do
    case next.(value) do
      {get, update} -> {get, Map.put(data, key, update)}
      :pop -> {value, Map.delete(data, key)}
    end
  end

  def elem(index) when is_integer(index) and index >= 0 do
    pos = index + 1

    fn
      :get, data, next when is_tuple(data) -> next.(:erlang.element(pos, data))
      :get_and_update, data, next when is_tuple(data) ->
        value = :erlang.element(pos, data)

        case next.(value) do
          {get, update} -> {get, :erlang.setelement(pos, data, update)}
          :pop -> raise "cannot pop data from a tuple"
        end

      _op, data, _next -> raise "Access.elem/1 expected a tuple, got: #{inspect(data)}"
    end
  end

  def all do
    fn
      :get, data, next when is_list(data) -> Enum.map(data, next)
      :get_and_update, data, next when is_list(data) -> update_all(data, next, [], [])
      _op, data, _next -> raise "Access.all/0 expected a list, got: #{inspect(data)}"
    end
  end

  defp update_all([head | rest], next, gets, updates) do
    case next.(head) do
      {get, update} -> update_all(rest, next, [get | gets], [update | updates])
      :pop -> update_all(rest, next, [head | gets], updates)
    end
  end

  defp update_all([], _next, gets, updates), do: {:lists.reverse(gets), :lists.reverse(updates)}

  def at(index) when is_integer(index) do
    fn
      :get, data, next when is_list(data) -> next.(Enum.at(data, index))
      :get_and_update, data, next when is_list(data) ->
        position = if index < 0, do: length(data) + index, else: index
        update_at(data, position, next, [])

      _op, data, _next -> raise "Access.at/1 expected a list, got: #{inspect(data)}"
    end
  end

  defp update_at([head | rest], 0, next, before) do
    case next.(head) do
      {get, update} -> {get, :lists.reverse(before, [update | rest])}
      :pop -> {head, :lists.reverse(before, rest)}
    end
  end

  defp update_at([head | rest], position, next, before) when position > 0 do
    update_at(rest, position - 1, next, [head | before])
  end

  # Past either end of the list: nothing to get or update.
  defp update_at(rest, _position, _next, before), do: {nil, :lists.reverse(before, rest)}

  def filter(pred) when is_function(pred, 1) do
    fn
      :get, data, next when is_list(data) -> data |> Enum.filter(pred) |> Enum.map(next)
      :get_and_update, data, next when is_list(data) -> update_filter(data, pred, next, [], [])
      _op, data, _next -> raise "Access.filter/1 expected a list, got: #{inspect(data)}"
    end
  end

  defp update_filter([head | rest], pred, next, gets, updates) do
    if pred.(head) do
      case next.(head) do
        {get, update} -> update_filter(rest, pred, next, [get | gets], [update | updates])
        :pop -> update_filter(rest, pred, next, [head | gets], updates)
      end
    else
      update_filter(rest, pred, next, gets, [head | updates])
    end
  end

  defp update_filter([], _pred, _next, gets, updates), do: {:lists.reverse(gets), :lists.reverse(updates)}
end
