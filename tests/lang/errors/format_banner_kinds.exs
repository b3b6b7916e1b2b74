# Exception.format_banner/2 and format_exit/1 word exit reasons and normalize raw Erlang errors.
for r <- [:normal, :shutdown, :killed, {:shutdown, 1}, {:a, :b}, "str", :timeout, :noproc, {:bad_call, :x}, :boom] do
  IO.puts(Exception.format_banner(:exit, r))
  IO.puts(Exception.format_exit(r))
end
IO.puts(Exception.format_banner(:throw, :oops))
IO.puts(Exception.format_banner(:throw, "s"))
for r <- [:badarg, :badarith, {:badmatch, 1}, {:case_clause, 2}, :foo, %RuntimeError{message: "m"}] do
  IO.puts(Exception.format_banner(:error, r))
end
