# A process holding thousands of links and monitors (more than fit the short, vector form of
# the runtime's relation): each exit removes exactly its own link and monitor, each monitor
# sends one :DOWN, and demonitor/2 with :flush and :info answers for the right monitor.
me = self()

# Exits are asynchronous: poll (without a fixed sleep, which a loaded machine outlasts)
# until the runtime has caught up, for at most five seconds.
wait_until = fn check ->
  Enum.reduce_while(1..1000, false, fn _, _ ->
    if check.(), do: {:halt, true}, else: (Process.sleep(5); {:cont, false})
  end)
end
# The reference's script runner links the main process to a process of its own.
{:links, base} = Process.info(self(), :links)

tasks = Enum.map(1..3000, fn i -> Task.async(fn -> i * i end) end)
IO.puts(Enum.sum(Enum.map(tasks, &Task.await/1)))
wait_until.(fn -> {:links, l} = Process.info(self(), :links); l -- base == [] end)
{:links, links} = Process.info(self(), :links)
IO.inspect(length(links -- base))

# Linked children that stay alive, then half of them stop.
kids = for i <- 1..40, do: spawn_link(fn -> receive do :stop -> i end end)
{:links, links} = Process.info(self(), :links)
IO.inspect(Enum.sort(links -- base) == Enum.sort(kids))
{stop, keep} = Enum.split(kids, 20)
Enum.each(stop, &send(&1, :stop))
wait_until.(fn -> {:links, l} = Process.info(self(), :links); length(l -- base) == 20 end)
{:links, links} = Process.info(self(), :links)
IO.inspect(Enum.sort(links -- base) == Enum.sort(keep))
Enum.each(keep, &Process.unlink/1)
{:links, links} = Process.info(self(), :links)
IO.inspect(links -- base)

# Monitors: 40 on live processes; 10 removed before their targets exit, 30 fire.
refs = for p <- keep ++ stop, do: {p, Process.monitor(p)}
{early, late} = Enum.split(refs, 10)
IO.inspect(Enum.map(early, fn {_, r} -> Process.demonitor(r, [:info]) end) |> Enum.uniq())
Enum.each(keep, &send(&1, :stop))
downs = for {p, r} <- late do
  receive do
    {:DOWN, ^r, :process, ^p, reason} -> reason
  after
    5000 -> :missing
  end
end
IO.inspect(Enum.frequencies(downs))
# Already-fired monitors are no longer held; flushing finds nothing more to remove.
send(me, :marker)
IO.inspect(Enum.map(late, fn {_, r} -> Process.demonitor(r, [:flush, :info]) end) |> Enum.uniq())
receive do
  m -> IO.inspect(m)
end

# A fired monitor whose :DOWN is still queued: flush removes just that message.
pids = for _ <- 1..30, do: spawn(fn -> receive do :go -> :ok end end)
mons = for p <- pids, do: Process.monitor(p)
Enum.each(pids, &send(&1, :go))
wait_until.(fn -> Process.info(self(), :message_queue_len) == {:message_queue_len, 30} end)
send(me, :after_downs)
Enum.each(Enum.take(mons, 29), &Process.demonitor(&1, [:flush]))
[last] = Enum.drop(mons, 29)
receive do
  {:DOWN, ^last, :process, _, reason} -> IO.inspect({:last_down, reason})
end
receive do
  m -> IO.inspect(m)
end
IO.inspect(Process.info(self(), :message_queue_len))
