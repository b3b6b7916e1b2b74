# Process.alive?, sleep, dictionary, list, make_ref, node
pid =
  spawn(fn ->
    receive do
      :stop -> :ok
    end
  end)

IO.puts("alive? #{Process.alive?(pid)}")
send(pid, :stop)
Process.sleep(50)
IO.puts("alive after stop? #{Process.alive?(pid)}")
IO.puts("self alive? #{Process.alive?(self())}")

IO.inspect(Process.sleep(10), label: "sleep returns")

# the process dictionary
IO.inspect(Process.get(:counter), label: "get unset")
IO.inspect(Process.get(:counter, 0), label: "get with default")
IO.inspect(Process.put(:counter, 1), label: "first put")
IO.inspect(Process.put(:counter, 2), label: "second put returns old")
IO.inspect(Process.get(:counter), label: "get")
IO.inspect(Process.delete(:counter), label: "delete")
IO.inspect(Process.get(:counter), label: "after delete")

# each process has its own dictionary
Process.put(:who, :parent)
parent = self()
spawn(fn -> send(parent, {:child_sees, Process.get(:who)}) end)

receive do
  {:child_sees, v} -> IO.inspect(v, label: "child's :who")
end

IO.inspect(Process.get(:who), label: "parent's :who")

# Process.list contains self and the processes we spawn
IO.puts("self in Process.list: #{self() in Process.list()}")
p2 =
  spawn(fn ->
    receive do
      :stop -> :ok
    end
  end)

IO.puts("new pid in Process.list: #{p2 in Process.list()}")
send(p2, :stop)
IO.puts("list is long enough: #{length(Process.list()) >= 1}")

# references are unique
refs = for _ <- 1..1000, do: make_ref()
IO.puts("1000 refs, unique: #{length(Enum.uniq(refs))}")
r = make_ref()
IO.puts("a ref equals itself: #{r == r}, not another: #{r == make_ref()}")

# node
IO.inspect(node(), label: "node")
IO.puts("is_atom(node()): #{is_atom(node())}")
