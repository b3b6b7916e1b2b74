# A throw with no catch
IO.puts "throwing"
throw({:unexpected, 42})
