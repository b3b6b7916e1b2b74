# exit/1 with a reason other than :normal or {:shutdown, _} at top level
IO.puts "exiting"
exit(:boom)
