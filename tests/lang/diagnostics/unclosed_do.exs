# A do block that is never closed
# expect-exit: 1
# expect-stderr: error
defmodule Broken do
  def hello do
    IO.puts "hi"
end
