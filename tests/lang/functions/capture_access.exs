# `&1[key]` inside a capture is an Access lookup on the argument, not a list after it.
l = [%{"a" => 1}, %{"a" => 2}]
IO.inspect(Enum.map(l, &(&1["a"] * 10)))
IO.inspect(Enum.map([[x: 1], [x: 2]], & &1[:x]))
IO.inspect(Enum.map([%{k: [5, 6]}], &(&1[:k] |> hd())))
IO.inspect(Enum.map([1, 2], &[&1, &1 * 2]))
