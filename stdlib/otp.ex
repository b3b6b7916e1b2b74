# GenServer, Agent, Task, Supervisor and DynamicSupervisor, written on top of the process
# primitives (spawn, send, receive, links, monitors) the way OTP builds them on Erlang's.
# Message tags follow OTP's (`:"$gen_call"`, `:"$gen_cast"`) so a learner reading a
# `flush()` sees the familiar shapes.

defmodule GenServer do
  def start_link(module, init_arg, opts \\ []), do: do_start(module, init_arg, opts, :link)

  def start(module, init_arg, opts \\ []), do: do_start(module, init_arg, opts, :nolink)

  defp do_start(module, init_arg, opts, link) do
    parent = self()
    ref = make_ref()
    name = opt(opts, :name)
    fun = fn -> init_it(parent, ref, name, module, init_arg, link) end
    pid = if link == :link, do: spawn_link(fun), else: spawn(fun)
    mref = Process.monitor(pid)

    receive do
      {:"$gen_ack", ^ref, :ok} ->
        Process.demonitor(mref, [:flush])
        {:ok, pid}

      {:"$gen_ack", ^ref, other} ->
        Process.demonitor(mref, [:flush])
        other

      {:DOWN, ^mref, _, _, reason} ->
        {:error, reason}
    end
  end

  def opt([{k, v} | _], k), do: v
  def opt([_ | t], k), do: opt(t, k)
  def opt(_, _), do: nil

  defp register(nil), do: :ok

  defp register(name) do
    case Process.whereis(name) do
      nil ->
        Process.register(self(), name)
        :ok

      pid ->
        {:error, {:already_started, pid}}
    end
  end

  def init_it(starter, ref, name, module, init_arg, link) do
    # As in OTP, only a linked starter is the parent; a server started unlinked is its own parent,
    # so an exit signal from its starter is an ordinary message when it traps exits.
    parent = if link == :link, do: starter, else: self()

    case register(name) do
      :ok ->
        result =
          try do
            module.init(init_arg)
          catch
            kind, reason ->
              send(starter, {:"$gen_ack", ref, {:error, exit_reason(kind, reason, __STACKTRACE__)}})
              :erlang.raise(kind, reason, __STACKTRACE__)
          end

        s = %{parent: parent, name: name, module: module}

        case result do
          {:ok, state} ->
            send(starter, {:"$gen_ack", ref, :ok})
            loop(s, state, :infinity)

          {:ok, state, {:continue, arg}} ->
            send(starter, {:"$gen_ack", ref, :ok})
            continue(s, state, arg)

          {:ok, state, timeout} ->
            send(starter, {:"$gen_ack", ref, :ok})
            loop(s, state, timeout)

          :ignore ->
            send(starter, {:"$gen_ack", ref, :ignore})
            exit(:normal)

          {:stop, reason} ->
            send(starter, {:"$gen_ack", ref, {:error, reason}})
            exit(reason)

          other ->
            send(starter, {:"$gen_ack", ref, {:error, {:bad_return_value, other}}})
            exit({:bad_return_value, other})
        end

      error ->
        send(starter, {:"$gen_ack", ref, error})
        exit(:normal)
    end
  end

  defp exit_reason(:exit, reason, _stack), do: reason
  defp exit_reason(:error, reason, stack), do: {reason, stack}
  defp exit_reason(:throw, value, stack), do: {{:nocatch, value}, stack}

  defp loop(s, state, timeout) do
    parent = s.parent

    receive do
      {:"$gen_call", from, request} ->
        handle(s, state, {:call, from, request})

      {:"$gen_cast", request} ->
        handle(s, state, {:cast, request})

      {:system, from, request} ->
        system(s, state, timeout, from, request)

      {:"$gen_stop", from, reason} ->
        terminate(s, state, reason)
        log_stop(s, state, reason, [])
        reply(from, :ok)
        exit(reason)

      {:EXIT, ^parent, reason} ->
        terminate(s, state, reason)
        exit(reason)

      msg ->
        handle(s, state, {:info, msg})
    after
      timeout -> handle(s, state, {:info, :timeout})
    end
  end

  # The `:sys` requests a server answers between its callbacks.
  defp system(s, state, timeout, from, :get_state) do
    reply(from, state)
    loop(s, state, timeout)
  end

  defp system(s, state, timeout, from, {:replace_state, f}) do
    state = f.(state)
    reply(from, state)
    loop(s, state, timeout)
  end

  defp system(s, state, timeout, from, _request) do
    reply(from, {:error, :unknown_system_msg})
    loop(s, state, timeout)
  end

  defp continue(s, state, arg), do: handle(s, state, {:continue, arg})

  # Runs one callback, turning an exception into the crash report and exit OTP produces.
  defp handle(s, state, event) do
    module = s.module

    result =
      try do
        case event do
          {:call, from, request} -> module.handle_call(request, from, state)
          {:cast, request} -> module.handle_cast(request, state)
          {:info, msg} -> module.handle_info(msg, state)
          {:continue, arg} -> module.handle_continue(arg, state)
        end
      catch
        kind, reason ->
          stack = __STACKTRACE__
          crash(s, state, event, kind, reason, stack)
      end

    case {event, result} do
      {{:call, from, _}, {:reply, reply, new_state}} ->
        reply(from, reply)
        loop(s, new_state, :infinity)

      {{:call, from, _}, {:reply, reply, new_state, {:continue, arg}}} ->
        reply(from, reply)
        continue(s, new_state, arg)

      {{:call, from, _}, {:reply, reply, new_state, timeout}} ->
        reply(from, reply)
        loop(s, new_state, timeout)

      {{:call, from, _}, {:stop, reason, reply, new_state}} ->
        terminate(s, new_state, reason)
        log_stop(s, new_state, reason, event_message(event), from)
        reply(from, reply)
        exit(reason)

      {_, {:noreply, new_state}} ->
        loop(s, new_state, :infinity)

      {_, {:noreply, new_state, {:continue, arg}}} ->
        continue(s, new_state, arg)

      {_, {:noreply, new_state, timeout}} ->
        loop(s, new_state, timeout)

      {_, {:stop, reason, new_state}} ->
        terminate(s, new_state, reason)
        log_stop(s, new_state, reason, event_message(event))
        exit(reason)

      {_, other} ->
        reason = {:bad_return_value, other}
        terminate(s, state, reason)
        exit(reason)
    end
  end

  defp terminate(s, state, reason) do
    module = s.module

    if function_exported?(module, :terminate, 2) do
      module.terminate(reason, state)
    end

    :ok
  end

  defp normal_reason?(:normal), do: true
  defp normal_reason?(:shutdown), do: true
  defp normal_reason?({:shutdown, _}), do: true
  defp normal_reason?(_), do: false

  defp event_message({:call, _, request}), do: request
  defp event_message({:cast, request}), do: {:"$gen_cast", request}
  defp event_message({:info, msg}), do: msg
  defp event_message({:continue, arg}), do: {:continue, arg}

  # The report gen_server logs when a server stops with a reason that is not normal.
  defp log_stop(s, state, reason, last, from \\ nil) do
    if not normal_reason?(reason) do
      who = if s.name, do: inspect(s.name), else: inspect(self())

      client =
        case from do
          {pid, _} ->
            alive = if Process.alive?(pid), do: "is alive", else: "is dead"
            {" (from #{inspect(pid)})", "\nClient #{inspect(pid)} #{alive}\n"}

          nil ->
            {"", ""}
        end

      :vial_log.error(
        "GenServer #{who} terminating\n** (stop) #{inspect(reason)}\nLast message#{elem(client, 0)}: #{inspect(last)}\nState: #{inspect(state)}#{elem(client, 1)}"
      )
    end
  end

  defp crash(s, state, event, kind, reason, stack) do
    terminate(s, state, reason)
    who = if s.name, do: inspect(s.name), else: inspect(self())
    e = if kind == :error, do: reason, else: %ErlangError{original: {:nocatch, reason}}
    head = "GenServer #{who} terminating\n" <> Exception.format(:error, e, stack)

    tail =
      case event do
        {:call, {client, _}, request} ->
          alive = if Process.alive?(client), do: "is alive", else: "is dead"
          "Last message (from #{inspect(client)}): #{inspect(request)}\nState: #{inspect(state)}\nClient #{inspect(client)} #{alive}\n"

        {:cast, request} ->
          "Last message: #{inspect({:"$gen_cast", request})}\nState: #{inspect(state)}"

        {:info, msg} ->
          "Last message: #{inspect(msg)}\nState: #{inspect(state)}"

        {:continue, arg} ->
          "Last message: #{inspect({:continue, arg})}\nState: #{inspect(state)}"
      end

    :vial_log.error(head <> tail)
    exit(exit_reason(kind, reason, stack))
  end

  def call(server, request, timeout \\ 5000),
    do: __call__(server, :"$gen_call", request, timeout, {GenServer, :call, [server, request, timeout]})

  # Sends `{tag, {self(), ref}, request}` and waits for the reply: a call (`:"$gen_call"`)
  # or a system message (`:system`, from `:sys`). Failures exit with `{reason, mfa}`, as
  # OTP's callers do.
  def __call__(server, tag, request, timeout, mfa) do
    case whereis(server) do
      nil ->
        exit({:noproc, mfa})

      pid ->
        ref = Process.monitor(pid)
        send(pid, {tag, {self(), ref}, request})

        receive do
          {^ref, reply} ->
            Process.demonitor(ref, [:flush])
            reply

          {:DOWN, ^ref, _, _, reason} ->
            exit({reason, mfa})
        after
          timeout ->
            Process.demonitor(ref, [:flush])
            exit({:timeout, mfa})
        end
    end
  end

  def cast(server, request) do
    case whereis(server) do
      nil -> :ok
      pid -> send(pid, {:"$gen_cast", request})
    end

    :ok
  end

  def reply({pid, ref}, reply) do
    send(pid, {ref, reply})
    :ok
  end

  def stop(server, reason \\ :normal, timeout \\ :infinity) do
    case whereis(server) do
      nil ->
        exit({:noproc, {GenServer, :stop, [server, reason, timeout]}})

      pid ->
        ref = Process.monitor(pid)
        send(pid, {:"$gen_stop", {self(), make_ref()}, reason})

        receive do
          {:DOWN, ^ref, _, _, _} -> :ok
        after
          timeout ->
            Process.demonitor(ref, [:flush])
            exit({:timeout, {GenServer, :stop, [server, reason, timeout]}})
        end
    end
  end

  def whereis(pid) when is_pid(pid), do: pid
  def whereis(name) when is_atom(name), do: Process.whereis(name)
  def whereis({:global, _}), do: nil
  def whereis({:via, _, _}), do: nil
end

defmodule :sys do
  # A failed request exits naming the function as it was called, without the default
  # timeout, as OTP's does.
  def get_state(server), do: GenServer.__call__(server, :system, :get_state, 5000, {:sys, :get_state, [server]})

  def get_state(server, timeout),
    do: GenServer.__call__(server, :system, :get_state, timeout, {:sys, :get_state, [server, timeout]})

  def replace_state(server, f),
    do: GenServer.__call__(server, :system, {:replace_state, f}, 5000, {:sys, :replace_state, [server, f]})

  def replace_state(server, f, timeout),
    do: GenServer.__call__(server, :system, {:replace_state, f}, timeout, {:sys, :replace_state, [server, f, timeout]})
end

defmodule Agent do
  def start_link(fun, opts \\ []), do: GenServer.start_link(Agent.Server, fun, opts)
  def start(fun, opts \\ []), do: GenServer.start(Agent.Server, fun, opts)
  def get(agent, fun, timeout \\ 5000), do: GenServer.call(agent, {:get, fun}, timeout)
  def get_and_update(agent, fun, timeout \\ 5000), do: GenServer.call(agent, {:get_and_update, fun}, timeout)
  def update(agent, fun, timeout \\ 5000), do: GenServer.call(agent, {:update, fun}, timeout)
  def cast(agent, fun), do: GenServer.cast(agent, {:cast, fun})
  def stop(agent, reason \\ :normal, timeout \\ :infinity), do: GenServer.stop(agent, reason, timeout)
end

defmodule Agent.Server do
  def init(fun), do: {:ok, fun.()}

  def handle_call({:get, fun}, _from, state), do: {:reply, fun.(state), state}

  def handle_call({:get_and_update, fun}, _from, state) do
    {reply, new_state} = fun.(state)
    {:reply, reply, new_state}
  end

  def handle_call({:update, fun}, _from, state), do: {:reply, :ok, fun.(state)}

  def handle_cast({:cast, fun}, state), do: {:noreply, fun.(state)}
end

defmodule Task do
  defstruct [:mfa, :owner, :pid, :ref]

  def start(fun) do
    owner = self()
    {:ok, spawn(fn -> run(fun, owner) end)}
  end

  def start_link(fun) do
    owner = self()
    {:ok, spawn_link(fn -> run(fun, owner) end)}
  end

  def start(module, fun, args), do: start(fn -> apply(module, fun, args) end)
  def start_link(module, fun, args), do: start_link(fn -> apply(module, fun, args) end)

  # Runs a task body; a crash is reported in Task's words and becomes the exit reason.
  defp run(fun, owner) do
    try do
      fun.()
    catch
      kind, reason ->
        stack = __STACKTRACE__
        e = if kind == :error, do: reason, else: %ErlangError{original: {:nocatch, reason}}

        cond do
          kind != :exit ->
            :vial_log.error(
              "Task #{inspect(self())} started from #{inspect(owner)} terminating\n" <>
                Exception.format(:error, e, stack) <>
                "Function: #{inspect(fun)}\n    Args: []"
            )

          reason in [:normal, :shutdown] or match_shutdown(reason) ->
            :ok

          true ->
            :vial_log.error(
              "Task #{inspect(self())} started from #{inspect(owner)} terminating\n" <>
                "** (stop) #{inspect(reason)}\n" <>
                "Function: #{inspect(fun)}\n    Args: []"
            )
        end

        exit(if kind == :exit, do: reason, else: {e, stack})
    end
  end

  defp match_shutdown({:shutdown, _}), do: true
  defp match_shutdown(_), do: false

  def async(fun) do
    owner = self()

    pid =
      spawn_link(fn ->
        receive do
          {:"$task_ref", ref} -> send(owner, {ref, run(fun, owner)})
        end
      end)

    ref = Process.monitor(pid)
    send(pid, {:"$task_ref", ref})
    %Task{mfa: {:erlang, :apply, 2}, owner: owner, pid: pid, ref: ref}
  end

  def async(module, fun, args), do: async(fn -> apply(module, fun, args) end)

  def await(%Task{ref: ref} = task, timeout \\ 5000) do
    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, _, _, reason} ->
        exit({reason, {Task, :await, [task, timeout]}})
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        exit({:timeout, {Task, :await, [task, timeout]}})
    end
  end

  def await_many(tasks, timeout \\ 5000), do: Enum.map(tasks, fn t -> await(t, timeout) end)

  def yield(%Task{ref: ref}, timeout \\ 5000) do
    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}

      {:DOWN, ^ref, _, _, reason} ->
        {:exit, reason}
    after
      timeout -> nil
    end
  end

  def yield_many(tasks, timeout \\ 5000), do: Enum.map(tasks, fn t -> {t, yield(t, timeout)} end)

  # Stops the task (`:shutdown`, then `:kill` after `timeout`; at once with `:brutal_kill`) and
  # returns its reply if one arrived meanwhile. Uses a monitor of its own: the task's own
  # monitor may be gone already (after an `await` that timed out).
  def shutdown(%Task{pid: pid, ref: ref}, timeout \\ 5000) do
    Process.unlink(pid)
    mon = Process.monitor(pid)

    down =
      if timeout == :brutal_kill do
        Process.exit(pid, :kill)

        receive do
          {:DOWN, ^mon, _, _, reason} -> reason
        end
      else
        Process.exit(pid, :shutdown)

        receive do
          {:DOWN, ^mon, _, _, reason} -> reason
        after
          timeout ->
            Process.exit(pid, :kill)

            receive do
              {:DOWN, ^mon, _, _, reason} -> reason
            end
        end
      end

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}
    after
      0 ->
        earlier =
          receive do
            {:DOWN, ^ref, _, _, reason} -> reason
          after
            0 ->
              Process.demonitor(ref, [:flush])
              down
          end

        case earlier do
          :shutdown -> nil
          :killed -> nil
          :noproc -> nil
          reason -> {:exit, reason}
        end
    end
  end

  # Ordered results; at most `max_concurrency` tasks run at once.
  def async_stream(enum, fun, opts \\ []) do
    max = GenServer.opt(opts, :max_concurrency) || System.schedulers_online()
    timeout = GenServer.opt(opts, :timeout) || 5000

    enum
    |> Enum.chunk_every(max)
    |> Enum.flat_map(fn batch ->
      batch
      |> Enum.map(fn x -> async(fn -> fun.(x) end) end)
      |> Enum.map(fn t -> {:ok, await(t, timeout)} end)
    end)
  end

  def async_stream(enum, module, fun, args, opts \\ []),
    do: async_stream(enum, fn x -> apply(module, fun, [x | args]) end, opts)
end

defmodule Supervisor do
  def start_link(children, opts) when is_list(children) do
    GenServer.start_link(Supervisor.Server, {:children, children, opts}, name_opt(opts))
  end

  def start_link(module, init_arg, opts \\ []) do
    GenServer.start_link(Supervisor.Server, {:module, module, init_arg}, name_opt(opts))
  end

  def start_link(module, init_arg), do: start_link(module, init_arg, [])

  defp name_opt(opts) do
    case GenServer.opt(opts, :name) do
      nil -> []
      name -> [name: name]
    end
  end

  def init(children, opts) do
    flags = %{
      strategy: GenServer.opt(opts, :strategy) || :one_for_one,
      intensity: GenServer.opt(opts, :max_restarts) || 3,
      period: GenServer.opt(opts, :max_seconds) || 5
    }

    {:ok, {flags, Enum.map(children, fn c -> child_spec(c, []) end)}}
  end

  # A child spec with the defaults filled in, as the supervisor keeps it.
  def full_spec(spec) do
    Map.merge(%{restart: :permanent, shutdown: 5000, type: :worker}, child_spec(spec, []))
  end

  def child_spec({module, arg}, overrides) when is_atom(module), do: child_spec(module.child_spec(arg), overrides)
  def child_spec(module, overrides) when is_atom(module), do: child_spec(module.child_spec([]), overrides)

  def child_spec(%{} = spec, overrides) do
    Enum.reduce(overrides, spec, fn {k, v}, acc -> Map.put(acc, k, v) end)
  end

  def which_children(sup), do: GenServer.call(sup, :which_children, :infinity)
  def count_children(sup), do: GenServer.call(sup, :count_children, :infinity)
  def terminate_child(sup, id), do: GenServer.call(sup, {:terminate_child, id}, :infinity)
  def restart_child(sup, id), do: GenServer.call(sup, {:restart_child, id}, :infinity)
  def delete_child(sup, id), do: GenServer.call(sup, {:delete_child, id}, :infinity)
  def start_child(sup, spec), do: GenServer.call(sup, {:start_child, full_spec(spec)}, :infinity)
  def stop(sup, reason \\ :normal, timeout \\ :infinity), do: GenServer.stop(sup, reason, timeout)
end

defmodule DynamicSupervisor do
  def start_link(opts) when is_list(opts) do
    GenServer.start_link(Supervisor.Server, {:dynamic, opts}, name_opt(opts))
  end

  def start_link(module, init_arg, opts \\ []) do
    GenServer.start_link(Supervisor.Server, {:module, module, init_arg}, name_opt(opts))
  end

  defp name_opt(opts) do
    case GenServer.opt(opts, :name) do
      nil -> []
      name -> [name: name]
    end
  end

  def init(opts) do
    {:ok,
     {%{
        strategy: :one_for_one,
        intensity: GenServer.opt(opts, :max_restarts) || 3,
        period: GenServer.opt(opts, :max_seconds) || 5,
        dynamic: true
      }, []}}
  end

  def start_child(sup, spec), do: GenServer.call(sup, {:start_child, Supervisor.full_spec(spec)}, :infinity)
  def terminate_child(sup, pid), do: GenServer.call(sup, {:terminate_pid, pid}, :infinity)
  def which_children(sup), do: GenServer.call(sup, :which_children, :infinity)
  def count_children(sup), do: GenServer.call(sup, :count_children, :infinity)
  def stop(sup, reason \\ :normal, timeout \\ :infinity), do: GenServer.stop(sup, reason, timeout)
end

defmodule Supervisor.Server do
  # State: %{flags, children: [child], restarts: [timestamps]} where each child is
  # %{id, pid, spec}; children are kept in start order.

  def init(arg) do
    Process.flag(:trap_exit, true)

    result =
      case arg do
        {:children, children, opts} -> Supervisor.init(children, opts)
        {:module, module, init_arg} -> module.init(init_arg)
        {:dynamic, opts} -> DynamicSupervisor.init(opts)
      end

    case result do
      {:ok, {flags, specs}} ->
        state = %{flags: flags, children: [], restarts: []}

        case start_all(Enum.map(specs, &Supervisor.full_spec/1), state) do
          {:ok, state} -> {:ok, state}
          {:error, reason, state} ->
            shutdown_all(state)
            {:stop, {:shutdown, reason}}
        end

      :ignore ->
        :ignore
    end
  end

  defp start_all([], state), do: {:ok, state}

  defp start_all([spec | rest], state) do
    case start_spec(spec) do
      {:ok, pid} ->
        start_all(rest, %{state | children: state.children ++ [%{id: spec.id, pid: pid, spec: spec, key: make_ref()}]})

      :ignore ->
        start_all(rest, %{state | children: state.children ++ [%{id: spec.id, pid: :undefined, spec: spec, key: make_ref()}]})

      {:error, reason} ->
        {:error, {:failed_to_start_child, spec.id, reason}, state}
    end
  end

  defp start_spec(spec) do
    {m, f, a} = spec.start

    case apply(m, f, a) do
      {:ok, pid} -> {:ok, pid}
      {:ok, pid, _info} -> {:ok, pid}
      :ignore -> :ignore
      {:error, reason} -> {:error, reason}
      other -> {:error, other}
    end
  end

  def handle_call(:which_children, _from, state) do
    list =
      Enum.map(state.children, fn c ->
        {c.id, c.pid, c.spec.type, modules(c.spec)}
      end)

    list = if Map.get(state.flags, :dynamic), do: Enum.sort_by(list, fn {_, pid, _, _} -> pid end), else: Enum.reverse(list)
    {:reply, list, state}
  end

  def handle_call(:count_children, _from, state) do
    kids = state.children
    active = Enum.count(kids, fn c -> is_pid(c.pid) end)
    sups = Enum.count(kids, fn c -> c.spec.type == :supervisor end)

    {:reply, %{specs: length(kids), active: active, supervisors: sups, workers: length(kids) - sups}, state}
  end

  def handle_call({:terminate_child, id}, _from, state) do
    case find(state, id) do
      nil ->
        {:reply, {:error, :not_found}, state}

      c ->
        shutdown_child(c)

        if c.spec.restart == :temporary do
          {:reply, :ok, %{state | children: Enum.reject(state.children, fn x -> x.id == id end)}}
        else
          {:reply, :ok, put_child(state, %{c | pid: :undefined})}
        end
    end
  end

  def handle_call({:terminate_pid, pid}, _from, state) do
    case Enum.find(state.children, fn c -> c.pid == pid end) do
      nil ->
        {:reply, {:error, :not_found}, state}

      c ->
        shutdown_child(c)
        {:reply, :ok, %{state | children: Enum.reject(state.children, fn x -> x.pid == pid end)}}
    end
  end

  def handle_call({:restart_child, id}, _from, state) do
    case find(state, id) do
      nil ->
        {:reply, {:error, :not_found}, state}

      %{pid: pid} when is_pid(pid) ->
        {:reply, {:error, :running}, state}

      c ->
        case start_spec(c.spec) do
          {:ok, pid} -> {:reply, {:ok, pid}, put_child(state, %{c | pid: pid})}
          other -> {:reply, other, state}
        end
    end
  end

  def handle_call({:delete_child, id}, _from, state) do
    case find(state, id) do
      nil -> {:reply, {:error, :not_found}, state}
      %{pid: pid} when is_pid(pid) -> {:reply, {:error, :running}, state}
      _ -> {:reply, :ok, %{state | children: Enum.reject(state.children, fn x -> x.id == id end)}}
    end
  end

  def handle_call({:start_child, spec}, _from, state) do
    dynamic = Map.get(state.flags, :dynamic, false)

    if not dynamic and find(state, spec.id) != nil do
      c = find(state, spec.id)
      {:reply, {:error, {:already_started, c.pid}}, state}
    else
      case start_spec(spec) do
        {:ok, pid} ->
          id = if dynamic, do: :undefined, else: spec.id
          {:reply, {:ok, pid}, %{state | children: state.children ++ [%{id: id, pid: pid, spec: spec, key: make_ref()}]}}

        other ->
          {:reply, other, state}
      end
    end
  end

  def handle_cast(_msg, state), do: {:noreply, state}

  def handle_info({:EXIT, pid, reason}, state) do
    case Enum.find(state.children, fn c -> c.pid == pid end) do
      nil -> {:noreply, state}
      c -> child_exited(state, c, reason)
    end
  end

  def handle_info(_msg, state), do: {:noreply, state}

  def terminate(_reason, state) do
    shutdown_all(state)
  end

  defp child_exited(state, c, reason) do
    restart =
      case c.spec.restart do
        :permanent -> true
        :temporary -> false
        :transient -> not normal_exit?(reason)
      end

    cond do
      not restart and (c.spec.restart == :temporary or Map.get(state.flags, :dynamic)) ->
        {:noreply, %{state | children: Enum.reject(state.children, fn x -> x.pid == c.pid end)}}

      not restart ->
        {:noreply, put_child(state, %{c | pid: :undefined})}

      true ->
        now = System.monotonic_time(:millisecond)
        period = state.flags.period * 1000
        restarts = [now | Enum.filter(state.restarts, fn t -> now - t < period end)]
        state = %{state | restarts: restarts}

        if length(restarts) > state.flags.intensity do
          {:stop, :shutdown, %{state | children: Enum.reject(state.children, fn x -> x.pid == c.pid end)}}
        else
          restart(state, %{c | pid: :undefined})
        end
    end
  end

  defp normal_exit?(:normal), do: true
  defp normal_exit?(:shutdown), do: true
  defp normal_exit?({:shutdown, _}), do: true
  defp normal_exit?(_), do: false

  defp restart(state, c) do
    state = put_child(state, c)

    case state.flags.strategy do
      :one_for_one ->
        restart_ids(state, [c.key])

      :one_for_all ->
        ids = Enum.map(state.children, fn x -> x.key end)
        stop_ids(state, ids)
        restart_ids(state, ids)

      :rest_for_one ->
        {_, rest} = Enum.split_while(state.children, fn x -> x.key != c.key end)
        ids = Enum.map(rest, fn x -> x.key end)
        stop_ids(state, ids)
        restart_ids(state, ids)
    end
  end

  # Stops the listed children that are still running, in reverse start order.
  defp stop_ids(state, ids) do
    state.children
    |> Enum.filter(fn x -> x.key in ids and is_pid(x.pid) end)
    |> Enum.reverse()
    |> Enum.each(fn x -> shutdown_child(x) end)
  end

  defp restart_ids(state, ids) do
    state =
      Enum.reduce(state.children, state, fn x, acc ->
        if x.key in ids do
          case start_spec(x.spec) do
            {:ok, pid} -> put_child(acc, %{x | pid: pid})
            _ -> put_child(acc, %{x | pid: :undefined})
          end
        else
          acc
        end
      end)

    {:noreply, state}
  end

  defp shutdown_all(state) do
    state.children
    |> Enum.reverse()
    |> Enum.each(fn c -> if is_pid(c.pid), do: shutdown_child(c) end)
  end

  defp shutdown_child(%{pid: pid, spec: spec}) do
    if is_pid(pid) do
      ref = Process.monitor(pid)

      case spec.shutdown do
        :brutal_kill -> Process.exit(pid, :kill)
        _ -> Process.exit(pid, :shutdown)
      end

      timeout = if is_integer(spec.shutdown), do: spec.shutdown, else: :infinity

      receive do
        {:DOWN, ^ref, _, _, _} -> :ok
      after
        timeout ->
          Process.exit(pid, :kill)

          receive do
            {:DOWN, ^ref, _, _, _} -> :ok
          end
      end

      receive do
        {:EXIT, ^pid, _} -> :ok
      after
        0 -> :ok
      end
    end

    :ok
  end

  defp find(state, id), do: Enum.find(state.children, fn c -> c.id == id end)

  defp put_child(state, c) do
    %{state | children: Enum.map(state.children, fn x -> if x.key == c.key, do: c, else: x end)}
  end

  defp modules(spec) do
    case Map.get(spec, :modules) do
      nil ->
        {m, _, _} = spec.start
        [m]

      mods ->
        mods
    end
  end
end
