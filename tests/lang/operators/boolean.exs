# Strict boolean operators and truthy ones
IO.inspect true and false
IO.inspect true and true
IO.inspect false or true
IO.inspect not true
IO.inspect not false
IO.inspect true and 42
IO.inspect false and raise("never evaluated")
IO.inspect true or raise("never evaluated")
IO.inspect nil && 1
IO.inspect false && 1
IO.inspect 0 && :yes
IO.inspect "" && :yes
IO.inspect nil || :default
IO.inspect false || nil
IO.inspect 1 || 2
IO.inspect !nil
IO.inspect !false
IO.inspect !0
IO.inspect !!"truthy"
IO.inspect (1 > 0) and (2 > 1)
IO.inspect 1 > 2 or 3 > 2
x = nil
IO.inspect x || "fallback"
y = [1]
IO.inspect y && hd(y)
