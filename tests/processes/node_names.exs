# node/0 and node/1: without distribution everything lives on :nonode@nohost
IO.inspect(node(), label: "node()")
IO.inspect(node(self()), label: "node(self())")
pid = spawn(fn -> :ok end)
IO.inspect(node(pid), label: "node of a spawned pid")
IO.inspect(node(make_ref()), label: "node of a ref")
IO.inspect(Node.self(), label: "Node.self()")
IO.inspect(Node.alive?(), label: "Node.alive?()")
IO.inspect(Node.list(), label: "Node.list()")
