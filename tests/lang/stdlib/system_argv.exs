# args: first second --flag
# System.argv/0 holds the script's arguments; time functions are only checked for shape
IO.inspect System.argv()
IO.inspect length(System.argv())
[first | _] = System.argv()
IO.puts "first arg: #{first}"
t0 = System.monotonic_time(:millisecond)
:timer.sleep(20)
t1 = System.monotonic_time(:millisecond)
IO.inspect t1 - t0 >= 0
IO.inspect is_integer(System.monotonic_time())
IO.inspect is_binary(System.get_env("PATH"))
IO.inspect System.get_env("VIAL_SURELY_UNSET_VARIABLE_XYZ")
IO.inspect is_integer(System.system_time())
IO.inspect is_integer(System.system_time(:second))
IO.inspect System.system_time(:second) > 1_600_000_000
IO.inspect is_integer(System.os_time(:millisecond))
