# The chat server of the blog post: one server process keeps the clients in a map, every
# client is a process of its own. Fixed here: a message is broadcast to everyone *except* its
# sender (the post's version echoed it back). To keep the output in a fixed order, clients
# collect what they receive and the demo prints each client's history at the end.
#
#   cargo run --release -- examples/chat.exs
defmodule ChatServer do
  def start, do: spawn(fn -> loop(%{}) end)

  defp loop(clients) do
    receive do
      {:register, client_pid, username} ->
        IO.puts("#{username} joined the chat")
        broadcast(clients, :server, "#{username} joined the chat")
        loop(Map.put(clients, client_pid, username))

      {:message, from_pid, message} ->
        case Map.get(clients, from_pid) do
          nil -> loop(clients)
          username ->
            broadcast(Map.delete(clients, from_pid), username, message)
            loop(clients)
        end

      {:unregister, client_pid} ->
        case Map.get(clients, client_pid) do
          nil -> loop(clients)
          username ->
            IO.puts("#{username} left the chat")
            new_clients = Map.delete(clients, client_pid)
            broadcast(new_clients, :server, "#{username} left the chat")
            loop(new_clients)
        end
    end
  end

  # Everyone in `clients` gets it; callers leave the sender out.
  defp broadcast(clients, from, message) do
    Enum.each(clients, fn {pid, _name} -> send(pid, {:message, from, message}) end)
  end
end

defmodule ChatClient do
  def start(server_pid, username) do
    spawn(fn ->
      send(server_pid, {:register, self(), username})
      loop(server_pid, [])
    end)
  end

  def send_message(client_pid, message), do: send(client_pid, {:send, message})
  def leave(client_pid), do: send(client_pid, :leave)

  def history(client_pid) do
    send(client_pid, {:history, self()})

    receive do
      {:history, ^client_pid, lines} -> lines
    end
  end

  defp loop(server_pid, seen) do
    receive do
      {:message, from, message} ->
        loop(server_pid, ["[#{from}] #{message}" | seen])

      {:send, message} ->
        send(server_pid, {:message, self(), message})
        loop(server_pid, seen)

      {:history, caller} ->
        send(caller, {:history, self(), Enum.reverse(seen)})
        loop(server_pid, seen)

      :leave ->
        send(server_pid, {:unregister, self()})
        loop(server_pid, seen)
    end
  end
end

# Each step waits a little so the server handles them in this order.
step = fn -> Process.sleep(50) end

server = ChatServer.start()
alice = ChatClient.start(server, "Alice")
step.()
bob = ChatClient.start(server, "Bob")
step.()
charles = ChatClient.start(server, "Charles")
step.()
ChatClient.send_message(alice, "Hello everyone!")
step.()
ChatClient.send_message(bob, "Hi Alice!")
step.()
ChatClient.leave(charles)
step.()
ChatClient.send_message(alice, "Bye Charles")
step.()

for {name, pid} <- [{"Alice", alice}, {"Bob", bob}, {"Charles", charles}] do
  IO.puts("\n#{name} saw:")
  Enum.each(ChatClient.history(pid), fn line -> IO.puts("  " <> line) end)
end
