# defguard/defguardp define functions usable in guards (and elsewhere), and `import` of a
# module defined earlier in the same file finds its functions.
defmodule G do
  defguard is_pos(x) when is_integer(x) and x > 0
  defguardp is_small(x) when x < 10
  def f(x) when is_pos(x) and is_small(x), do: :small_pos
  def f(x) when is_pos(x), do: :pos
  def f(_), do: :no
  def check(x), do: is_pos(x)
end
defmodule H do
  import G
  def g(x) when is_pos(x), do: {:h, x}
  def g(_), do: :h_no
end
IO.inspect({G.f(1), G.f(20), G.f(-1), G.f(:a), G.check(3), G.check(-3), H.g(2), H.g(0)})
defmodule I do
  import H
  def run, do: g(5)
end
IO.inspect(I.run())
# An import in a module reaches the modules nested in it.
defmodule Outer do
  import String, only: [upcase: 1]
  defmodule Inner do
    def g, do: upcase("b")
  end
end
IO.inspect(Outer.Inner.g())
