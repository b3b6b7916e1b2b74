# <> on binaries and the pipe operator
IO.inspect "foo" <> "bar"
IO.inspect "a" <> "" <> "b"
greeting = "Hello"
IO.puts greeting <> ", " <> "world" <> "!"
"  padded  " |> String.trim() |> IO.inspect()
[1, 2, 3] |> Enum.map(fn x -> x * 10 end) |> Enum.sum() |> IO.inspect()
"hello world"
|> String.split()
|> Enum.map(&String.capitalize/1)
|> Enum.join(" ")
|> IO.puts()
1..5 |> Enum.filter(&(rem(&1, 2) == 1)) |> IO.inspect(label: "odds")
5 |> Integer.to_string() |> String.pad_leading(3, "0") |> IO.puts
IO.inspect(10 |> Kernel.-(3))
