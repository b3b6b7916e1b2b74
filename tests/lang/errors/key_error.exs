# Accessing a missing key with the dot syntax
config = %{host: "localhost"}
IO.puts config.host
IO.puts config.port
