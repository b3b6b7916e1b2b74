# a chain of 10,000 linked processes: killing the last one takes them all down
defmodule Chain do
  # each link spawns the next, linked, and reports the last one's pid
  def build(0, parent) do
    send(parent, {:last, self()})
    wait()
  end

  def build(n, parent) do
    spawn_link(fn -> build(n - 1, parent) end)
    wait()
  end

  def wait do
    receive do
      :never -> :ok
    end
  end
end

# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    parent = self()
    first = spawn(fn -> Chain.build(9_999, parent) end)
    ref = Process.monitor(first)

    last =
      receive do
        {:last, pid} -> pid
      after
        20_000 -> raise "chain not built"
      end

    IO.puts("chain built, first alive: #{Process.alive?(first)}")
    Process.exit(last, :kill)

    receive do
      {:DOWN, ^ref, :process, ^first, reason} -> IO.inspect(reason, label: "first went down with")
    after
      20_000 -> IO.puts("first never went down")
    end

    IO.puts("last alive: #{Process.alive?(last)}")

    # a chain that ends with a normal exit stays up
    first2 = spawn(fn -> Chain.build(100, parent) end)

    last2 =
      receive do
        {:last, pid} -> pid
      end

    ref2 = Process.monitor(last2)
    Process.exit(last2, :normal)
    Process.sleep(50)
    IO.puts("exit(:normal) signal ignored: #{Process.alive?(last2)}")
    Process.demonitor(ref2, [:flush])
    Process.exit(first2, :kill)
  end
end

Demo.run()
