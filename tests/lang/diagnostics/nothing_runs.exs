# A syntax error anywhere means nothing runs, not even the lines before it
# expect-exit: 1
# expect-stderr: error
IO.puts "this must not be printed"
[1, 2
