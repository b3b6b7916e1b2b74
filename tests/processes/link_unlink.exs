# Process.link/1 and Process.unlink/1, and what Process.info(self(), :links) shows
# the script's body lives in a function (OTP 25.2's compiler crashes on
# `receive` matching a monitor ref in top-level script code)
defmodule Demo do
  def run do
    Process.flag(:trap_exit, true)

    # the script's main process may already be linked to runtime processes: look at the difference
    {:links, initial} = Process.info(self(), :links)
    IO.puts("links are a list: #{is_list(initial)}")

    pid =
      spawn(fn ->
        receive do
          :crash -> exit(:crashed)
        end
      end)

    IO.inspect(Process.link(pid), label: "link returned")
    {:links, links} = Process.info(self(), :links)
    IO.puts("linked to it: #{links -- initial == [pid]}")

    # linking twice is harmless
    Process.link(pid)
    {:links, links} = Process.info(self(), :links)
    IO.puts("still one new link: #{length(links -- initial)}")

    IO.inspect(Process.unlink(pid), label: "unlink returned")
    {:links, links} = Process.info(self(), :links)
    IO.inspect(links -- initial, label: "new links after unlink")

    ref = Process.monitor(pid)
    send(pid, :crash)

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason, label: "it died with")
    end

    receive do
      {:EXIT, ^pid, _} -> IO.puts("EXIT arrived although unlinked!")
    after
      100 -> IO.puts("no EXIT: the link was gone")
    end

    # spawn_link links both ways
    parent = self()
    child =
      spawn_link(fn ->
        {:links, l} = Process.info(self(), :links)
        send(parent, {:child_links, l})
        receive do
          :stop -> :ok
        end
      end)

    receive do
      {:child_links, l} -> IO.puts("child is linked to parent: #{l == [parent]}")
    end

    {:links, links} = Process.info(self(), :links)
    IO.puts("parent is linked to child: #{links -- initial == [child]}")

    # linking to a dead process (trapping): an EXIT with :noproc
    dead = spawn(fn -> :ok end)
    Process.sleep(50)
    Process.link(dead)

    receive do
      {:EXIT, ^dead, reason} -> IO.inspect(reason, label: "link to dead pid")
    after
      500 -> IO.puts("no message")
    end

    send(child, :stop)

    receive do
      {:EXIT, ^child, reason} -> IO.inspect(reason, label: "child")
    end
  end
end

Demo.run()
