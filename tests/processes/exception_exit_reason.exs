# a process that raises exits with {exception, stacktrace}
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    Process.flag(:trap_exit, true)

    pid = spawn_link(fn -> raise "something broke" end)

    reason =
      receive do
        {:EXIT, ^pid, reason} -> reason
      end

    # let the error report be printed before we print
    Process.sleep(200)
    IO.puts("reason is a 2-tuple: #{is_tuple(reason) and tuple_size(reason) == 2}")
    IO.inspect(elem(reason, 0), label: "exception")
    IO.puts("stacktrace is a list: #{is_list(elem(reason, 1))}")

    pid2 = spawn_link(fn -> raise ArgumentError, "bad input" end)

    receive do
      {:EXIT, ^pid2, {exception, _stack}} ->
        Process.sleep(200)
        IO.inspect(exception, label: "exception")
        IO.puts(Exception.message(exception))
    end

    pid3 = spawn_link(fn -> 1 / Enum.random([0]) end)

    receive do
      {:EXIT, ^pid3, {exception, _stack}} ->
        Process.sleep(200)
        IO.inspect(exception, label: "arithmetic")
    end

    # the monitor sees the same reason
    {pid4, ref} = spawn_monitor(fn -> Keyword.fetch!([a: 1], :missing) end)

    receive do
      {:DOWN, ^ref, :process, ^pid4, {exception, _stack}} ->
        Process.sleep(200)
        IO.inspect(exception, label: "via monitor")
    end
  end
end

Demo.run()
