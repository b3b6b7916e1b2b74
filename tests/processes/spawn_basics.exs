# spawn/1, spawn/3, self/0 and a first send/receive round trip
defmodule Greeter do
  def hello(parent, name) do
    send(parent, {:greeting, "Hello, #{name}!"})
  end
end

me = self()
IO.puts("self is a pid: #{is_pid(me)}")

pid = spawn(fn -> send(me, {:from_child, self()}) end)
IO.puts("spawn returned a pid: #{is_pid(pid)}")
IO.puts("child is not me: #{pid != me}")

receive do
  {:from_child, ^pid} -> IO.puts("got a message from the very pid spawn returned")
end

pid2 = spawn(Greeter, :hello, [me, "Ada"])
IO.puts("spawn/3 returned a pid: #{is_pid(pid2)}")

receive do
  {:greeting, text} -> IO.puts(text)
end

# send returns the message
result = send(me, :ping)
IO.inspect(result, label: "send returned")

receive do
  :ping -> IO.puts("received my own :ping")
end

# a child computes something and answers
square = spawn(fn ->
  receive do
    {from, n} -> send(from, {:result, n * n})
  end
end)
send(square, {self(), 12})

receive do
  {:result, value} -> IO.puts("12 squared is #{value}")
end
