# An if without its end
# expect-exit: 1
# expect-stderr: error
x = 1
if x > 0 do
  IO.puts "positive"
IO.puts "done"
