# A failed match that nobody rescues stops the script
IO.puts "start"
{:ok, result} = Enum.find([{:error, :timeout}], fn _ -> true end)
IO.puts result
