# `raise Module` builds the exception with Module.exception([]): a user exception gets its
# field defaults and its own message/1; built-in ones their default messages.
defmodule MyErr do
  defexception message: "default msg", code: 0
end
defmodule Plain do
  defexception [:reason]
  def message(e), do: "plain: #{inspect(e.reason)}"
end
for f <- [fn -> raise MyErr end, fn -> raise MyErr, code: 3 end, fn -> raise MyErr, "m" end, fn -> raise Plain end,
          fn -> raise RuntimeError end, fn -> raise ArgumentError end, fn -> raise Enum.EmptyError end, fn -> raise ArithmeticError end] do
  try do
    f.()
  rescue
    e -> IO.inspect({e, Exception.message(e)})
  end
end
