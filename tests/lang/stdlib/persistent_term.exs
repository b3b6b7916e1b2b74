# :persistent_term: one table of terms every process reads.

IO.inspect(:persistent_term.put({MyApp, :config}, %{depth: 3, names: ["a", "b"]}))
IO.inspect(:persistent_term.get({MyApp, :config}))
IO.inspect(:persistent_term.get({MyApp, :other}, :default))
IO.inspect(:persistent_term.put({MyApp, :config}, :replaced))
IO.inspect(:persistent_term.get({MyApp, :config}))

# Keys compare exactly: 1 and 1.0 are different keys.
:persistent_term.put(1, :integer)
IO.inspect(:persistent_term.get(1.0, :missing))

# Another process sees what this one stored.
parent = self()
spawn(fn -> send(parent, {:seen, :persistent_term.get({MyApp, :config})}) end)
receive do
  {:seen, v} -> IO.inspect(v)
end

IO.inspect(:persistent_term.erase({MyApp, :config}))
IO.inspect(:persistent_term.erase({MyApp, :config}))
IO.inspect(:persistent_term.get({MyApp, :config}, nil))

try do
  :persistent_term.get(:never_stored)
rescue
  e in ArgumentError -> IO.puts(e.message)
end
