# Exception.message/1 asks a user exception's own message/1, which defexception supplies
# unless the module defines it.
defmodule NeedMore do
  defexception [:amount, message: "default"]
  @impl true
  def message(%{amount: a}), do: "need #{a}"
end

defmodule Plain do
  defexception message: "plain default"
end

defmodule Computed do
  defexception [:code]
  @impl true
  def message(e), do: "failed with code #{e.code}"
end

defmodule Run do
  def msg(f) do
    try do
      f.()
    rescue
      e -> {e.__struct__, Exception.message(e)}
    end
  end
end

IO.inspect(Run.msg(fn -> raise NeedMore, amount: 5 end))
IO.inspect(Run.msg(fn -> raise Plain end))
IO.inspect(Run.msg(fn -> raise Plain, message: "given" end))
IO.inspect(Run.msg(fn -> raise Computed, code: 7 end))
IO.inspect(Run.msg(fn -> raise "text" end))
IO.inspect(Run.msg(fn -> :erlang.error(:badarith) end))
IO.inspect(Run.msg(fn -> Map.fetch!(Map.new(), :k) end))
e = NeedMore.exception(amount: 9)
IO.puts(Exception.message(e))
# An exception raised by the runtime with no module of its own still has a message.
r = try do
  Regex.compile!("(")
rescue
  e -> is_binary(Exception.message(e))
end
IO.inspect(r)

# Exception.format_banner/2 and format/3 word the banner with the same message.
IO.puts(Exception.format_banner(:error, NeedMore.exception(amount: 3)))
IO.puts(Exception.format(:error, Computed.exception(code: 4), []))
IO.puts(Exception.format(:error, Plain.exception([])))
IO.puts(Exception.format_banner(:error, %RuntimeError{message: "built in"}))
IO.puts(Exception.format(:error, %ArgumentError{message: "no stack"}, []))
IO.puts(Exception.format_banner(:throw, :ball))
r = try do
  raise Computed, code: 8
rescue
  e -> Exception.format(:error, e, __STACKTRACE__)
end
IO.puts(r |> String.split("\n") |> hd())
