# = is a match, ^ pins an existing value
x = 1
IO.inspect x
x = 2
IO.inspect x
1 = 1
{a, b} = {10, 20}
IO.inspect a + b
IO.inspect (y = 5)
IO.inspect y
z = w = 7
IO.inspect {z, w}
^x = 2
IO.puts "pinned match succeeded"
result =
  case 2 do
    ^x -> "matched pinned x"
    _ -> "did not match"
  end
IO.puts result
result =
  case 3 do
    ^x -> "matched pinned x"
    other -> "got #{other}"
  end
IO.puts result
[first | _] = [x, 9]
IO.inspect first
key = :name
%{^key => v} = %{name: "pinned key"}
IO.inspect v
try do
  ^x = 3
rescue
  e -> IO.puts Exception.message(e)
end
