# The interactive shell's process side: the loop the shell process runs, and the helpers
# (`flush`, `h`, `i`, `pid`, `c`, `r`, …) imported into every expression typed at the prompt.
# The REPL driver (src/repl.rs) sends `{:"$iex_eval", fun, bindings}`; the result goes back
# through `:vial_repl.done/1`.

defmodule IEx.Server do
  @moduledoc false

  def loop do
    receive do
      {:"$iex_eval", fun, bindings, history} ->
        # `v/0,1` read the session's earlier results from here.
        Process.put(:"$iex_history", history)

        result =
          try do
            {:ok, apply(fun, bindings)}
          catch
            kind, reason -> {:error, kind, reason, __STACKTRACE__}
          end

        :vial_repl.done(result)
        loop()
    end
  end
end

defmodule IEx.Helpers do
  def flush do
    receive do
      msg ->
        IO.inspect(msg)
        flush()
    after
      0 -> :ok
    end
  end

  def h do
    IO.puts("""
    vial's interactive shell. Helpers:

      c/1       compiles and loads a file, returning its modules
      clear/0   clears the screen
      flush/0   prints every message in the shell's mailbox
      h/0       prints this help
      i/1       prints information about a term
      pid/1     builds a pid from "0.N.0"
      r/1       recompiles a module's source file
      respawn/0 starts a new shell process

    Type an expression and press ENTER; Ctrl+C interrupts, Ctrl+D exits.
    """)
    :"do not show this result in output"
  end

  # The result of input number `n` (a negative `n` counts back from the latest).
  def v(n \\ -1) do
    history = Process.get(:"$iex_history", [])

    entry =
      if n < 0 do
        Enum.at(history, -n - 1)
      else
        Enum.find(history, fn {i, _} -> i == n end)
      end

    case entry do
      {_, value} -> value
      nil -> raise RuntimeError, "v(#{n}) is out of bounds"
    end
  end

  def clear do
    IO.write("\e[H\e[2J")
    :"do not show this result in output"
  end

  def respawn do
    exit(:respawn)
  end

  def c(path), do: :vial_repl.compile_file(path)

  def c(path, _dest), do: c(path)

  def r(module) do
    case :vial_repl.source_of(module) do
      nil -> raise ArgumentError, "could not find the source of #{inspect(module)}"
      path -> {:reloaded, c(path)}
    end
  end

  def pid(text) when is_binary(text), do: :vial_repl.pid(text)

  def pid(a, b, c), do: pid("#{a}.#{b}.#{c}")

  def i(term) do
    info = :vial_repl.info(term)

    Enum.each(info, fn {k, v} ->
      IO.puts(IO.ANSI.format_term(k))
      IO.puts("  #{v}")
    end)

    :"do not show this result in output"
  end
end

defmodule IO.ANSI do
  def format_term(k), do: k
end
