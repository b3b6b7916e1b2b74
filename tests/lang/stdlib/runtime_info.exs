# Runtime introspection scripts use: :erlang.process_info, :erlang.system_info,
# Code.ensure_loaded?, Function.capture.
send(self(), :one)
send(self(), :two)
IO.inspect(:erlang.process_info(self(), :message_queue_len))
IO.inspect(:erlang.process_info(self(), :messages))
IO.inspect(:erlang.system_info(:process_count) >= 1)
IO.inspect(:erlang.system_info(:schedulers_online) == System.schedulers_online())
IO.inspect(:erlang.system_info(:wordsize))
defmodule Here do
  def twice(x), do: 2 * x
end
IO.inspect({Code.ensure_loaded?(Enum), Code.ensure_loaded?(Here), Code.ensure_loaded?(:lists), Code.ensure_loaded?(Nowhere)})
IO.inspect({Code.ensure_loaded(Here), Code.ensure_loaded(Nowhere)})
f = Function.capture(Here, :twice, 1)
IO.inspect({f.(21), f == (&Here.twice/1), Enum.map([1, 2], Function.capture(Enum, :count, 1) |> then(fn c -> fn x -> c.([x]) end end))})
IO.inspect(:erlang.make_fun(Kernel, :+, 2).(1, 2))
