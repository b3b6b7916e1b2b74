# Default arguments, module attributes and __MODULE__
defmodule Greeter do
  @moduledoc "Greets people."
  @greeting "Hello"
  @punctuation "!"
  @limit 3

  @doc "Greets `name`."
  def greet(name, greeting \\ @greeting) do
    "#{greeting}, #{name}#{@punctuation}"
  end

  def join(a, b \\ "b", c \\ "c"), do: Enum.join([a, b, c], "-")

  def limit, do: @limit
  def whoami, do: __MODULE__
  def twice_limit, do: @limit * 2
end

IO.puts Greeter.greet("Ada")
IO.puts Greeter.greet("Ada", "Hi")
IO.puts Greeter.join("a")
IO.puts Greeter.join("a", "x")
IO.puts Greeter.join("a", "x", "y")
IO.inspect Greeter.limit()
IO.inspect Greeter.twice_limit()
IO.inspect Greeter.whoami()
IO.inspect function_exported?(Greeter, :greet, 1)
IO.inspect function_exported?(Greeter, :greet, 2)

defmodule Palette do
  @colors [:red, :green]
  @colors_count length(@colors)
  def colors, do: @colors
  def count, do: @colors_count
end
IO.inspect Palette.colors()
IO.inspect Palette.count()

defmodule Defaults do
  def area(w, h \\ nil)
  def area(w, nil), do: w * w
  def area(w, h), do: w * h
end
IO.inspect Defaults.area(3)
IO.inspect Defaults.area(3, 4)
