# IO.puts, IO.write, IO.inspect with options
IO.puts "puts adds a newline"
IO.write "write does not"
IO.write "\n"
IO.puts ["iodata ", "is ", ["nested", ?!]]
IO.puts 123
IO.puts :atom
IO.write [65, 66, 67, "\n"]
value = IO.inspect(%{a: 1}, label: "the map")
IO.inspect value
IO.inspect [1, 2, 3], label: "list"
IO.inspect "text", label: "string"
IO.inspect 'abc', charlists: :as_lists
IO.inspect [97, 98], charlists: :as_charlists
IO.inspect "abc", binaries: :as_binaries
IO.inspect 255, base: :hex
IO.inspect 5, base: :binary
IO.inspect Enum.to_list(1..8), limit: 3
IO.inspect %{b: 2, a: 1}, label: "sorted"
IO.inspect({:ok, 1}) |> elem(1) |> IO.inspect(label: "piped")
IO.puts ""
IO.puts "after an empty line"
IO.inspect :stdio |> IO.puts("to :stdio explicitly")
