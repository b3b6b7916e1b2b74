# the main process is linked to a child that exits abnormally: the script dies with it
IO.puts("starting")
spawn_link(fn ->
  Process.sleep(50)
  exit(:boom)
end)

receive do
  :never -> :ok
end

IO.puts("not reached")
