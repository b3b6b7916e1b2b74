# alias and import
defmodule Shop.Pricing.Tax do
  def rate, do: 0.2
  def apply(price), do: price * (1 + rate())
end

defmodule Shop.Cart do
  alias Shop.Pricing.Tax
  alias Shop.Pricing.Tax, as: T

  def total(prices) do
    prices |> Enum.sum() |> Tax.apply()
  end

  def rate_twice, do: {Tax.rate(), T.rate()}
end

IO.inspect Shop.Cart.total([10, 20])
IO.inspect Shop.Cart.rate_twice()

defmodule UsesImport do
  import List, only: [first: 1, last: 1]
  import String, only: [upcase: 1]

  def ends(list), do: {first(list), last(list)}
  def shout(s), do: upcase(s) <> "!"
end

IO.inspect UsesImport.ends([1, 2, 3])
IO.puts UsesImport.shout("hey")

import Enum, only: [map: 2]
IO.inspect map([1, 2], &(&1 + 1))
alias Shop.Pricing.Tax
IO.inspect Tax.rate()
IO.inspect Tax
