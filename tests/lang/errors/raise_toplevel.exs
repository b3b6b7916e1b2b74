# An uncaught raise at top level: stdout stays empty, the error goes to stderr, exit code 1
raise "oops"
