# :ets tables: the four types, access rights across processes, counters, iteration,
# patterns, and a table dying with its owner.
defmodule E do
  def attempt(f) do
    try do
      inspect(f.())
    rescue
      e -> "raised: " <> (Exception.message(e) |> String.split("\n") |> Enum.at(2))
    end
  end

  def run do
    t = :ets.new(:things, [:set, :public])
    IO.inspect is_reference(t)
    IO.inspect :ets.insert(t, {:a, 1})
    IO.inspect :ets.insert(t, [{:b, 2}, {:c, 3}, {:a, 10}])
    IO.inspect :ets.lookup(t, :a)
    IO.inspect :ets.lookup(t, :zz)
    IO.inspect :ets.insert_new(t, {:a, 0})
    IO.inspect :ets.insert_new(t, {:d, 4})
    IO.inspect :ets.member(t, :d)
    IO.inspect Enum.sort(:ets.tab2list(t))
    IO.inspect :ets.info(t, :size)
    IO.inspect :ets.info(t, :type)
    IO.inspect :ets.delete(t, :d)
    IO.inspect :ets.take(t, :c)
    IO.inspect :ets.lookup_element(t, :b, 2)
    IO.inspect :ets.update_counter(t, :b, 5)
    IO.inspect :ets.update_counter(t, :b, {2, -10, 0, 100})
    IO.inspect :ets.update_counter(t, :n, 1, {:n, 41})
    IO.inspect :ets.update_element(t, :a, {2, :changed})
    IO.inspect :ets.lookup(t, :a)
    IO.inspect :ets.foldl(fn {_, v}, acc -> [v | acc] end, [], t) |> Enum.sort()

    o = :ets.new(:ordered, [:ordered_set, :named_table])
    IO.inspect o
    :ets.insert(o, [{3, :c}, {1, :a}, {2, :b}, {2.0, :two}])
    IO.inspect :ets.tab2list(o)
    IO.inspect {:ets.first(o), :ets.next(o, 1), :ets.next(o, 1.5), :ets.last(o), :ets.prev(o, 3), :ets.next(o, 3)}
    IO.inspect :ets.match_object(o, {:_, :c})
    IO.inspect :ets.match(o, {:"$1", :"$2"})

    s = :ets.new(:keys, [:set])
    :ets.insert(s, [{1, :int}, {1.0, :float}])
    IO.inspect Enum.sort(:ets.tab2list(s))

    b = :ets.new(:bag, [:bag])
    :ets.insert(b, [{:k, 1}, {:k, 2}, {:k, 1}])
    IO.inspect :ets.lookup(b, :k)
    d = :ets.new(:dbag, [:duplicate_bag])
    :ets.insert(d, [{:k, 1}, {:k, 2}, {:k, 1}])
    IO.inspect :ets.lookup(d, :k)
    :ets.delete_object(d, {:k, 1})
    IO.inspect :ets.lookup(d, :k)

    IO.puts attempt(fn -> :ets.lookup(:no_such_table, 1) end)
    IO.puts attempt(fn -> :ets.insert(t, :not_a_tuple) end)
    IO.puts attempt(fn -> :ets.new(:ordered, [:named_table]) end)
    IO.puts attempt(fn -> :ets.update_counter(t, :missing, 1) end)
    IO.puts attempt(fn -> :ets.update_counter(t, :a, 1) end)
    IO.puts attempt(fn -> :ets.new(:x, [:bogus]) end)
    IO.inspect :ets.info(:no_such_table, :size)

    # A protected table (the default) is read-only to other processes; a private one is
    # closed to them.
    parent = self()
    prot = :ets.new(:prot, [])
    :ets.insert(prot, {:k, :v})
    priv = :ets.new(:priv, [:private])
    spawn(fn ->
      send(parent, {:read, attempt(fn -> :ets.lookup(prot, :k) end)})
      send(parent, {:write, attempt(fn -> :ets.insert(prot, {:k, 2}) end)})
      send(parent, {:private, attempt(fn -> :ets.lookup(priv, :k) end)})
    end)
    for tag <- [:read, :write, :private] do
      receive do
        {^tag, r} -> IO.puts("#{tag}: #{r}")
      end
    end

    # A table dies with the process that created it.
    {pid, ref} = spawn_monitor(fn ->
      :ets.new(:short_lived, [:named_table, :public])
      :ets.insert(:short_lived, {:x, 1})
      send(parent, :created)
      receive do
        :stop -> :ok
      end
    end)
    receive do
      :created -> :ok
    end
    IO.inspect :ets.lookup(:short_lived, :x)
    send(pid, :stop)
    receive do
      {:DOWN, ^ref, :process, ^pid, _} -> :ok
    end
    IO.inspect :ets.whereis(:short_lived)

    IO.inspect :ets.delete(t)
    IO.inspect :ets.info(t, :size)
  end
end

E.run()

# update_counter/4 files its default under the key asked for; update_element needs a set;
# info answers for a private table of another process.
defmodule E2 do
  def run do
    s = :ets.new(:s, [])
    IO.inspect :ets.update_counter(s, :c, 1, {:x, 0})
    IO.inspect :ets.lookup(s, :c)
    k2 = :ets.new(:k2, [{:keypos, 2}])
    IO.inspect :ets.update_counter(k2, :key2, {3, 1}, {:z, :ignored, 0})
    IO.inspect :ets.lookup(k2, :key2)
    b = :ets.new(:b, [:bag])
    :ets.insert(b, [{:k, 1}, {:k, 2}])
    IO.puts E.attempt(fn -> :ets.update_element(b, :k, {2, 5}) end)
    IO.inspect Enum.sort(:ets.lookup(b, :k))
    parent = self()
    spawn(fn ->
      p = :ets.new(:priv2, [:private])
      send(parent, {:table, p})
      receive do
        :stop -> :ok
      end
    end)
    receive do
      {:table, p} -> IO.inspect(:ets.info(p, :size))
    end
  end
end

E2.run()
