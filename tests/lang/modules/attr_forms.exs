# Attribute forms: a keyword list without brackets, and accumulating attributes.
defmodule Plugins do
  Module.register_attribute(__MODULE__, :plugin, accumulate: true)
  @opts name: "demo", retries: 3
  @plugin :logger
  @plugin {:cache, size: 10}
  def plugins, do: @plugin
  @plugin :metrics
  def all_plugins, do: @plugin
  def opts, do: @opts
  def retries, do: Keyword.fetch!(@opts, :retries)
end

defmodule Empty do
  Module.register_attribute(__MODULE__, :hooks, accumulate: true)
  def hooks, do: @hooks
end

IO.inspect(Plugins.plugins())
IO.inspect(Plugins.all_plugins())
IO.inspect(Plugins.opts())
IO.inspect(Plugins.retries())
IO.inspect(Empty.hooks())
