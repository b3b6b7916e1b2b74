# StringIO and the I/O protocol: IO.read/gets/binread/getn and IO.write/puts/binwrite/
# inspect, :io.format/put_chars/nl, all against a StringIO pid (which answers
# {:io_request, from, reply_as, request} with {:io_reply, reply_as, reply}); a closed
# server, a registered name, an unknown device, and standard input (closed here).

{:ok, pid} = StringIO.open("foo\nbar\r\nbaz")
IO.inspect(StringIO.contents(pid))
IO.inspect(IO.read(pid, :line))
IO.inspect(IO.gets(pid, "prompt> "))
IO.inspect(StringIO.contents(pid))
IO.inspect(IO.read(pid, 2))
IO.inspect(IO.read(pid, :eof))
IO.inspect(IO.read(pid, :line))
IO.inspect(IO.read(pid, :all))
IO.inspect(IO.read(pid, 3))
IO.inspect(IO.gets(pid, ""))
IO.write(pid, "hello ")
IO.puts(pid, "world")
IO.puts(pid, 42)
IO.puts(pid, [?a, "b", 'c'])
IO.puts(pid, :atom)
IO.write(pid, 'chars')
IO.inspect(pid, %{a: [1, 2]}, label: "map")
IO.inspect(IO.binwrite(pid, "é"))
:io.format(pid, "~p and ~s~n", [{1, 2}, "x"])
:io.put_chars(pid, "put_chars\n")
:io.nl(pid)
IO.inspect(StringIO.contents(pid))
IO.inspect(StringIO.flush(pid))
IO.inspect(StringIO.contents(pid))
IO.inspect(StringIO.close(pid))
IO.inspect(Process.alive?(pid))

{:ok, pid} = StringIO.open("line1\nline2\n", capture_prompt: true)
IO.inspect(IO.gets(pid, "> "))
IO.inspect(IO.gets(pid, ">> "))
IO.inspect(IO.gets(pid, ">>> "))
IO.inspect(StringIO.contents(pid))

{:ok, pid} = StringIO.open("héllo wörld")
IO.inspect(IO.read(pid, 3))
IO.inspect(IO.binread(pid, 2))
IO.inspect(IO.binread(pid, :eof))
IO.inspect(IO.getn(pid, "", 2))
StringIO.close(pid)

{:ok, pid} = StringIO.open("", encoding: :latin1)
IO.binwrite(pid, "é")
IO.inspect(StringIO.contents(pid))

{:ok, pid} = StringIO.open("abc\ndef\n")
IO.inspect(IO.binread(pid, :line))
IO.inspect(IO.binread(pid, :all))
IO.inspect(IO.binread(pid, :all))
IO.inspect(IO.binread(pid, :eof))
IO.inspect(:io.get_line(pid, ''))
IO.inspect(:io.getopts(pid))
IO.inspect(:io.setopts(pid, encoding: :latin1))
IO.inspect(:io.getopts(pid))
IO.inspect(:io.setopts(pid, binary: false))

result = StringIO.open("in", fn pid ->
  IO.write(pid, "out")
  IO.read(pid, :all)
end)
IO.inspect(result)

{:ok, pid} = StringIO.open("x")
send(pid, :random_message)
IO.inspect(:io.request(pid, :bogus))
IO.inspect(:io.request(pid, {:get_geometry, :columns}))
IO.inspect(:io.request(pid, {:requests, [{:put_chars, :unicode, "a"}, {:put_chars, :unicode, "b"}]}))
IO.inspect(StringIO.contents(pid))
{:ok, _} = StringIO.close(pid)
try do
  IO.write(pid, "after close")
rescue
  e -> IO.inspect(e)
end
IO.inspect(IO.read(pid, :line))
IO.inspect(IO.binwrite(pid, "x"))
try do
  IO.puts(:no_such_device, "x")
rescue
  e -> IO.inspect(e)
end
{:ok, pid} = StringIO.open("registered")
Process.register(pid, :my_sio)
IO.puts(:my_sio, "via name")
IO.inspect(IO.read(:my_sio, :line))
IO.inspect(StringIO.contents(pid))

{:ok, pid} = StringIO.open("")
for i <- 1..3, do: IO.puts(pid, "line #{i}")
{_, out} = StringIO.contents(pid)
IO.write(out)
IO.inspect(IO.read(pid, :eof))
try do
  StringIO.open(:not_a_string)
rescue
  e -> IO.inspect(e.__struct__)
end

IO.puts("-- a hand-written I/O server")

defmodule Upcaser do
  # Answers put_chars requests by printing the text upcased, and every other request with
  # an error, speaking the protocol directly.
  def loop do
    receive do
      {:io_request, from, reply_as, {:put_chars, :unicode, chars}} ->
        IO.write("[upcased] " <> String.upcase(IO.chardata_to_string(chars)))
        send(from, {:io_reply, reply_as, :ok})
        loop()
      {:io_request, from, reply_as, {:put_chars, :unicode, m, f, a} = req} ->
        IO.inspect(req, label: "request")
        IO.write("[upcased] " <> String.upcase(IO.chardata_to_string(apply(m, f, a))))
        send(from, {:io_reply, reply_as, :ok})
        loop()
      {:io_request, from, reply_as, _other} ->
        send(from, {:io_reply, reply_as, {:error, :request}})
        loop()
    end
  end
end

server = spawn(&Upcaser.loop/0)
IO.puts(server, "hello from puts")
IO.write(server, ["chardata ", ?x, "\n"])
:io.format(server, "~s is ~b~n", ["format", 42])
IO.inspect(server, {:tuple, 1}, [])
IO.inspect(IO.gets(server, "?"))
IO.inspect(IO.read(server, :line))

IO.puts("-- standard input (closed)")
IO.inspect(IO.gets("name? "))
IO.inspect(IO.read(:stdio, :line))
IO.inspect(IO.read(:stdio, 3))
IO.inspect(IO.read(:stdio, :eof))
IO.inspect(IO.read(:stdio, :all))
IO.inspect(IO.binread(:stdio, :all))
IO.inspect(:io.get_line(:standard_io, ~c"erlang> "))
IO.binwrite("binwrite of é is Latin-1\n")
IO.inspect(:io.getopts(:standard_io) |> Keyword.take([:binary, :encoding]))
