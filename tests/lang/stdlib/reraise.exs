# reraise/2 and reraise/3: the exception raise/1,2 would build, raised again with the
# stacktrace of the one rescued.

defmodule MyError do
  defexception [:message, :code]

  @impl true
  def exception(opts) do
    code = Keyword.get(opts, :code, 0)
    %MyError{message: "failed with #{code}", code: code}
  end
end

r =
  try do
    try do
      raise ArgumentError, "inner"
    rescue
      e -> reraise RuntimeError, [message: "outer " <> e.message], __STACKTRACE__
    end
  rescue
    e in RuntimeError -> e.message
  end

IO.inspect(r)

wrap = fn f ->
  try do
    f.()
  rescue
    e -> {e.__struct__, Exception.message(e), is_list(__STACKTRACE__)}
  end
end

IO.inspect(wrap.(fn ->
  try do
    raise "boom"
  rescue
    e -> reraise e, __STACKTRACE__
  end
end))

IO.inspect(wrap.(fn ->
  try do
    :ok = :error
  rescue
    _ -> reraise "a message", __STACKTRACE__
  end
end))

IO.inspect(wrap.(fn ->
  try do
    raise "x"
  rescue
    _ -> reraise ArgumentError, __STACKTRACE__
  end
end))

IO.inspect(wrap.(fn ->
  try do
    raise "x"
  rescue
    _ -> reraise MyError, [code: 42], __STACKTRACE__
  end
end))

IO.inspect(wrap.(fn ->
  try do
    raise "x"
  rescue
    _ -> reraise MyError, __STACKTRACE__
  end
end))

IO.inspect(wrap.(fn ->
  try do
    raise "x"
  rescue
    _ -> reraise KeyError, [key: :a, term: %{}], __STACKTRACE__
  end
end))

IO.inspect(wrap.(fn ->
  try do
    raise "x"
  rescue
    _ -> reraise ArgumentError, "with a string", __STACKTRACE__
  end
end))

IO.inspect(wrap.(fn ->
  try do
    raise "x"
  rescue
    _ -> reraise 42, __STACKTRACE__
  end
end))

# The rescued exception's stacktrace is the one that comes back.
{st1, st2} =
  try do
    raise "first"
  rescue
    _ ->
      st = __STACKTRACE__

      try do
        reraise "second", st
      rescue
        _ -> {st, __STACKTRACE__}
      end
  end

IO.inspect(st1 == st2)
