# Erlang's I/O protocol: the client side (`:io.request/2` and the `:io` and `IO` reading
# functions on top of it) and one server, `StringIO`, ported from Elixir 1.14. A request to
# a pid or a registered name is the message `{:io_request, from, reply_as, request}`,
# answered with `{:io_reply, reply_as, reply}`; the standard devices are served natively
# (`:vial_io.stdio/2` in src/vm/natives/io.rs). `IO.puts/write/inspect/binwrite` and
# `:io.format/put_chars/nl` are natives that come here only for a server. Loaded on first use.

defmodule :io do
  @moduledoc false

  # A request and its reply, as OTP's `io:request/2`: the server is monitored while we
  # wait, so one that is gone (or goes) gives `{:error, :terminated}`.
  def request(device, request) when device in [:standard_io, :standard_error, :user] do
    case request do
      {:put_chars, encoding, mod, fun, args} -> :vial_io.stdio(device, {:put_chars, encoding, apply(mod, fun, args)})
      {:requests, reqs} -> stdio_requests(device, reqs, :ok)
      _ -> :vial_io.stdio(device, request)
    end
  end

  # A server asking itself would wait for ever.
  def request(pid, _request) when pid == self(), do: {:error, :calling_self}

  def request(pid, request) when is_pid(pid) do
    mref = Process.monitor(pid)
    send(pid, {:io_request, self(), mref, request})
    receive do
      {:io_reply, ^mref, reply} ->
        Process.demonitor(mref, [:flush])
        reply
      {:DOWN, ^mref, _, _, _} ->
        receive do
          {:EXIT, ^pid, _} -> true
        after
          0 -> true
        end
        {:error, :terminated}
    end
  end

  def request(name, request) when is_atom(name) do
    case Process.whereis(name) do
      nil -> {:error, :arguments}
      pid -> request(pid, request)
    end
  end

  def request(_device, _request), do: {:error, :arguments}

  defp stdio_requests(_device, [], last), do: last

  defp stdio_requests(device, [req | reqs], _last) do
    case request(device, req) do
      {:error, _} = error -> error
      reply -> stdio_requests(device, reqs, reply)
    end
  end

  # An output request whose error is raised, as `io:put_chars/2` and `io:format/3` do.
  def o_request(device, request, _func) do
    case request(device, request) do
      {:error, :arguments} -> raise ArgumentError, "errors were found at the given arguments:\n\n  * 1st argument: the device does not exist\n"
      {:error, reason} -> :erlang.error(conv_reason(reason))
      other -> other
    end
  end

  defp conv_reason(:arguments), do: :badarg
  defp conv_reason(:terminated), do: :terminated
  defp conv_reason(:calling_self), do: :calling_self
  defp conv_reason({:no_translation, _, _}), do: :no_translation
  defp conv_reason(_), do: :badarg

  def requests(requests), do: request(:standard_io, {:requests, requests})
  def requests(device, requests), do: request(device, {:requests, requests})

  def get_line(prompt), do: get_line(:standard_io, prompt)
  def get_line(device, prompt), do: request(device, {:get_line, :unicode, prompt})

  def get_chars(prompt, count), do: get_chars(:standard_io, prompt, count)
  def get_chars(device, prompt, count), do: request(device, {:get_chars, :unicode, prompt, count})

  def getopts(), do: getopts(:standard_io)
  def getopts(device), do: request(device, :getopts)

  def setopts(opts), do: setopts(:standard_io, opts)
  def setopts(device, opts), do: request(device, {:setopts, opts})
end

defmodule :vial_io do
  @moduledoc false

  # `IO.inspect/3` to a server: the text goes out, the value comes back.
  def put_then(device, request, value) do
    :io.o_request(device, request, :put_chars)
    value
  end

  # `:file.write/2`, `:file.read/2` and `:file.read_line/1` on an I/O device, which
  # `IO.binwrite/binread` are.
  def file_read(device, count) do
    case :io.request(device, {:get_chars, :latin1, [], count}) do
      data when is_binary(data) or is_list(data) -> {:ok, data}
      other -> other
    end
  end

  def file_read_line(device) do
    case :io.request(device, {:get_line, :latin1, []}) do
      data when is_binary(data) or is_list(data) -> {:ok, data}
      other -> other
    end
  end
end

# The reading half of Elixir 1.14's `IO` (the writing half is native).
defmodule IO do
  def read(device \\ :stdio, line_or_chars)

  def read(device, :all) do
    with :eof <- read(device, :eof) do
      with [_ | _] = opts <- :io.getopts(map_dev(device)),
           false <- Keyword.get(opts, :binary, true) do
        []
      else
        _ -> ""
      end
    end
  end

  def read(device, :eof), do: getn(device, [], :eof)
  def read(device, :line), do: :io.get_line(map_dev(device), [])
  def read(device, count) when is_integer(count) and count >= 0, do: :io.get_chars(map_dev(device), [], count)

  def binread(device \\ :stdio, line_or_chars)

  def binread(device, :all) do
    with :eof <- binread(device, :eof) do
      ""
    end
  end

  def binread(device, :eof), do: binread_eof(map_dev(device), "")

  def binread(device, :line) do
    case :vial_io.file_read_line(map_dev(device)) do
      {:ok, data} -> data
      other -> other
    end
  end

  def binread(device, count) when is_integer(count) and count >= 0 do
    case :vial_io.file_read(map_dev(device), count) do
      {:ok, data} -> data
      other -> other
    end
  end

  defp binread_eof(mapped_dev, acc) do
    case :vial_io.file_read(mapped_dev, 4096) do
      {:ok, data} -> binread_eof(mapped_dev, acc <> data)
      :eof -> if acc == "", do: :eof, else: acc
      other -> other
    end
  end

  def gets(device \\ :stdio, prompt), do: :io.get_line(map_dev(device), to_chardata(prompt))

  def getn(prompt), do: getn(prompt, 1)

  def getn(prompt, :eof), do: getn(:stdio, prompt, :eof)
  def getn(prompt, count) when is_integer(count) and count > 0, do: getn(:stdio, prompt, count)
  def getn(device, prompt) when not is_integer(prompt), do: getn(device, prompt, 1)

  def getn(device, prompt, :eof), do: getn_eof(map_dev(device), to_chardata(prompt), [])

  def getn(device, prompt, count) when is_integer(count) and count > 0,
    do: :io.get_chars(map_dev(device), to_chardata(prompt), count)

  defp getn_eof(device, prompt, acc) do
    case :io.get_line(device, prompt) do
      line when is_binary(line) or is_list(line) -> getn_eof(device, [], [line | acc])
      :eof -> wrap_eof(:lists.reverse(acc))
      other -> other
    end
  end

  defp wrap_eof([h | _] = acc) when is_binary(h), do: IO.iodata_to_binary(acc)
  defp wrap_eof([h | _] = acc) when is_list(h), do: List.flatten(acc)
  defp wrap_eof([]), do: :eof

  defp map_dev(:stdio), do: :standard_io
  defp map_dev(:stderr), do: :standard_error
  defp map_dev(other) when is_atom(other) or is_pid(other) or is_tuple(other), do: other

  defp to_chardata(list) when is_list(list), do: list
  defp to_chardata(other), do: to_string(other)
end

# Elixir 1.14's StringIO: a GenServer holding the input still to be read and the output
# written so far, serving I/O requests sent as plain messages.
defmodule StringIO do
  use GenServer

  def open(string, options \\ [])

  def open(string, options) when is_binary(string) and is_list(options) do
    GenServer.start_link(StringIO, {string, options}, [])
  end

  def open(string, function) when is_binary(string) and is_function(function, 1), do: open(string, [], function)

  def open(string, options, function) when is_binary(string) and is_list(options) and is_function(function, 1) do
    {:ok, pid} = GenServer.start_link(StringIO, {string, options}, [])
    try do
      {:ok, function.(pid)}
    after
      {:ok, {_input, _output}} = close(pid)
    end
  end

  def contents(pid) when is_pid(pid), do: GenServer.call(pid, :contents)
  def flush(pid) when is_pid(pid), do: GenServer.call(pid, :flush)
  def close(pid) when is_pid(pid), do: GenServer.call(pid, :close)

  @impl true
  def init({string, options}) do
    capture_prompt = options[:capture_prompt] || false
    encoding = options[:encoding] || :unicode
    {:ok, %{encoding: encoding, input: string, output: "", capture_prompt: capture_prompt}}
  end

  @impl true
  def handle_info({:io_request, from, reply_as, req}, state) do
    state = io_request(from, reply_as, req, state)
    {:noreply, state}
  end

  def handle_info(_message, state), do: {:noreply, state}

  @impl true
  def handle_call(:contents, _from, %{input: input, output: output} = state), do: {:reply, {input, output}, state}
  def handle_call(:flush, _from, %{output: output} = state), do: {:reply, output, %{state | output: ""}}
  def handle_call(:close, _from, %{input: input, output: output} = state), do: {:stop, :normal, {:ok, {input, output}}, state}

  defp io_request(from, reply_as, req, state) do
    {reply, state} = io_request(req, state)
    send(from, {:io_reply, reply_as, reply})
    state
  end

  defp io_request({:put_chars, chars} = req, state), do: put_chars(:latin1, chars, req, state)
  defp io_request({:put_chars, mod, fun, args} = req, state), do: put_chars(:latin1, apply(mod, fun, args), req, state)
  defp io_request({:put_chars, encoding, chars} = req, state), do: put_chars(encoding, chars, req, state)
  defp io_request({:put_chars, encoding, mod, fun, args} = req, state), do: put_chars(encoding, apply(mod, fun, args), req, state)
  defp io_request({:get_chars, prompt, count}, state) when count >= 0, do: io_request({:get_chars, :latin1, prompt, count}, state)
  defp io_request({:get_chars, encoding, prompt, count}, state) when count >= 0, do: get_chars(encoding, prompt, count, state)
  defp io_request({:get_line, prompt}, state), do: io_request({:get_line, :latin1, prompt}, state)
  defp io_request({:get_line, encoding, prompt}, state), do: get_line(encoding, prompt, state)
  defp io_request({:get_password, encoding}, state), do: get_line(encoding, "", state)

  defp io_request({:setopts, [encoding: encoding]}, state) when encoding in [:latin1, :unicode],
    do: {:ok, %{state | encoding: encoding}}

  defp io_request({:setopts, _opts}, state), do: {{:error, :enotsup}, state}
  defp io_request(:getopts, state), do: {[binary: true, encoding: state.encoding], state}
  defp io_request({:get_geometry, :columns}, state), do: {{:error, :enotsup}, state}
  defp io_request({:get_geometry, :rows}, state), do: {{:error, :enotsup}, state}
  defp io_request({:requests, reqs}, state), do: io_requests(reqs, {:ok, state})
  defp io_request(_, state), do: {{:error, :request}, state}

  defp io_requests([req | rest], {:ok, state}), do: io_requests(rest, io_request(req, state))
  defp io_requests(_, result), do: result

  defp put_chars(encoding, chars, req, state) do
    try do
      case :unicode.characters_to_binary(chars, encoding, state.encoding) do
        string when is_binary(string) -> {:ok, %{state | output: state.output <> string}}
        {_, _, _} -> {{:error, {:no_translation, encoding, state.encoding}}, state}
      end
    rescue
      ArgumentError -> {{:error, req}, state}
    end
  end

  defp get_line(encoding, prompt, %{input: input} = state) do
    case bytes_until_eol(input, encoding, 0) do
      {:split, 0} -> {:eof, state_after_read(state, "", prompt, 1)}
      {:split, count} ->
        {result, remainder} = :erlang.split_binary(input, count)
        {result, state_after_read(state, remainder, prompt, 1)}
      {:replace_split, count} ->
        {result, remainder} = :erlang.split_binary(input, count)
        result = binary_part(result, 0, byte_size(result) - 2) <> "\n"
        {result, state_after_read(state, remainder, prompt, 1)}
      :error -> {{:error, :collect_line}, state}
    end
  end

  defp get_chars(encoding, prompt, count, %{input: input} = state) do
    case get_chars(input, encoding, count) do
      {:error, _} = error -> {error, state}
      {result, input} -> {result, state_after_read(state, input, prompt, 1)}
    end
  end

  defp get_chars("", _encoding, _count), do: {:eof, ""}
  defp get_chars(input, :latin1, count) when byte_size(input) < count, do: {input, ""}

  defp get_chars(input, :latin1, count) do
    <<chars::binary-size(count), rest::binary>> = input
    {chars, rest}
  end

  defp get_chars(input, :unicode, count) do
    with {:ok, count} <- split_at(input, count, 0) do
      <<chars::binary-size(count), rest::binary>> = input
      {chars, rest}
    end
  end

  defp split_at(_, 0, acc), do: {:ok, acc}
  defp split_at(<<h::utf8, t::binary>>, count, acc), do: split_at(t, count - 1, acc + byte_size(<<h::utf8>>))
  defp split_at(<<_, _::binary>>, _count, _acc), do: {:error, :invalid_unicode}
  defp split_at(<<>>, _count, acc), do: {:ok, acc}

  defp state_after_read(%{capture_prompt: false} = state, remainder, _prompt, _count), do: %{state | input: remainder}

  defp state_after_read(%{capture_prompt: true, output: output} = state, remainder, prompt, count) do
    output = output <> :binary.copy(IO.chardata_to_string(prompt), count)
    %{state | input: remainder, output: output}
  end

  defp bytes_until_eol("", _, count), do: {:split, count}
  defp bytes_until_eol(<<"\r\n", _::binary>>, _, count), do: {:replace_split, count + 2}
  defp bytes_until_eol(<<"\n", _::binary>>, _, count), do: {:split, count + 1}
  defp bytes_until_eol(<<head::utf8, tail::binary>>, :unicode, count), do: bytes_until_eol(tail, :unicode, count + byte_size(<<head::utf8>>))
  defp bytes_until_eol(<<_, tail::binary>>, :latin1, count), do: bytes_until_eol(tail, :latin1, count + 1)
  defp bytes_until_eol(<<_::binary>>, _, _), do: :error
end
