# Heredocs keep newlines and strip indentation
text = """
Roses are red,
  violets are blue.
Elixir is fun.
"""
IO.puts text
IO.inspect text
defmodule Poem do
  def lines do
    """
    first
      indented
    last
    """
  end
end
IO.write Poem.lines()
IO.inspect Poem.lines()
n = 3
IO.puts """
n is #{n}
twice is #{n * 2}
"""
IO.inspect String.split(Poem.lines(), "\n")
IO.inspect ~S"""
raw #{n}
"""
