# an unlinked process that raises: the caller is unaffected, an error report is logged
defmodule Worker do
  def run(x), do: String.upcase(x)
end

# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    IO.puts("before")
    # spawn_monitor, so the monitor exists before the process can die
    {pid, ref} = spawn_monitor(fn -> raise "boom" end)

    receive do
      {:DOWN, ^ref, :process, ^pid, {%RuntimeError{message: m}, _}} -> Process.sleep(200); IO.puts("it died of: #{m}")
    end

    IO.puts("main carries on")

    spawn(fn -> raise ArgumentError, message: "wrong argument" end)
    Process.sleep(200)
    IO.puts("after the second crash")

    spawn(Worker, :run, [:not_a_string])
    Process.sleep(200)
    IO.puts("after the third crash")
  end
end

Demo.run()
