# Float.ratio/1 gives the exact fraction in lowest terms; Exception.exception?/1 tests for an
# exception struct.
for f <- [0.75, 0.0, -0.5, 1.0, 3.14, 0.1, 1.0e10, 123.456, -2.5e-5, 1.0e300, 5.0e-324] do
  IO.inspect(Float.ratio(f))
end
IO.inspect(Exception.exception?(%RuntimeError{message: "x"}))
IO.inspect(Exception.exception?(%ArgumentError{}))
IO.inspect(Exception.exception?(%{}))
IO.inspect(Exception.exception?(%{__exception__: true}))
IO.inspect(Exception.exception?(%{__struct__: Foo, __exception__: true}))
IO.inspect(Exception.exception?(%{__struct__: Foo, __exception__: false}))
IO.inspect(Exception.exception?(:error))
IO.inspect(Exception.exception?(1..2))
try do
  raise "boom"
rescue
  e -> IO.inspect(Exception.exception?(e))
end
try do
  Float.ratio(1)
rescue
  e -> IO.inspect({e.__struct__, e.module, e.function, e.arity})
end
