# Nested structures and how inspect prints them
data = %{
  users: [
    %{name: "Ada", langs: [:elixir, :erlang], age: 36},
    %{name: "Grace", langs: [:cobol], age: 85}
  ],
  meta: {:page, 1, of: 3}
}
IO.inspect data
IO.inspect data.users |> hd() |> Map.get(:langs)
IO.inspect [a: [b: [c: [d: 1]]]]
IO.inspect {[1, 2], %{x: {3, 4}}, "five", 'six', :seven}
IO.inspect [%{}, [], {}, ""]
IO.inspect %{list: [1, 2, 3], tuple: {:a, :b}, map: %{"k" => [x: 1]}}
IO.inspect put_in(data, [:meta], :none).meta
IO.inspect get_in(data, [:users])  |> length()
IO.inspect update_in(%{a: %{b: 1}}, [:a, :b], &(&1 + 1))
