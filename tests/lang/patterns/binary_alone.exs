# A binary pattern whose only segment is an unsized `::binary` still tests that the subject
# is a binary: atoms, lists and numbers fall through to the next clause.

classify = fn
  <<rest::binary>> -> {:binary, rest}
  other -> {:other, other}
end

for x <- ["abc", "", :abc, 'abc', 42, [], {1}] do
  IO.inspect(classify.(x))
end

defmodule Only do
  def bin(<<b::binary>>), do: {:bin, byte_size(b)}
  def bin(x), do: {:not_bin, x}
end

IO.inspect(Only.bin("hello"))
IO.inspect(Only.bin(:hello))

case :erlang.binary_to_list("xy") do
  <<_::binary>> -> IO.puts("wrong: a list matched a binary pattern")
  list -> IO.inspect(list)
end

try do
  <<whole::binary>> = :not_a_binary
  IO.inspect(whole)
rescue
  e in MatchError -> IO.puts(Exception.message(e))
end
