# Long values are broken across lines at 80 columns; long lists are cut after 50 items
IO.inspect Enum.to_list(1..30)
IO.inspect Enum.to_list(1..60)
IO.inspect Enum.to_list(1..100)
IO.inspect Enum.map(1..20, fn i -> "item number #{i}" end)
IO.inspect Map.new(1..12, fn i -> {:"key#{i}", i * 1000} end)
IO.inspect %{name: "a fairly long name string", email: "someone@example.com", role: :administrator}
IO.inspect {:a_long_tuple_element, :another_long_tuple_element, :and_a_third_one, :and_four}
IO.inspect [short: 1, list: 2]
IO.inspect [first_option: "value one", second_option: "value two", third_option: "three"]
IO.inspect Enum.map(1..8, fn i -> %{id: i, label: "row #{i}"} end)
IO.inspect Enum.to_list(1..60), limit: :infinity
IO.inspect Enum.to_list(1..10), limit: 5
IO.inspect String.duplicate("x", 100)
IO.inspect List.duplicate(:abc, 25)
IO.inspect [Enum.to_list(1..20), Enum.to_list(21..40)]
IO.inspect Enum.to_list(1..26) |> Enum.map(&<<&1 + 96>>)
