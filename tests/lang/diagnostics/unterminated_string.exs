# A string that never ends
# expect-exit: 1
# expect-stderr: error
IO.puts "hello
IO.puts "world"
