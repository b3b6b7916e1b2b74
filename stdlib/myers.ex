# `List.myers_difference/2,3`: Myers's O(ND) edit script, ported clause for clause from
# Elixir 1.14 so that ties between equally short scripts are broken the same way. Loaded on
# first use: few programs diff lists.

defmodule List.Myers do
  @moduledoc false

  def run(list1, list2, diff_script) do
    find_script(0, length(list1) + length(list2), [{0, list1, list2, []}], diff_script)
  end

  defp find_script(envelope, max, paths, diff_script) do
    case each_diagonal(-envelope, envelope, paths, [], diff_script) do
      {:done, edits} -> compact_reverse(edits, [])
      {:next, paths} -> find_script(envelope + 1, max, paths, diff_script)
    end
  end

  defp compact_reverse([], acc), do: acc
  defp compact_reverse([{:diff, _} = fragment | rest], acc), do: compact_reverse(rest, [fragment | acc])
  defp compact_reverse([{kind, elem} | rest], [{kind, result} | acc]), do: compact_reverse(rest, [{kind, [elem | result]} | acc])

  defp compact_reverse(rest, [{:eq, elem}, {:ins, elem}, {:eq, other} | acc]),
    do: compact_reverse(rest, [{:ins, elem}, {:eq, elem ++ other} | acc])

  defp compact_reverse([{kind, elem} | rest], acc), do: compact_reverse(rest, [{kind, [elem]} | acc])

  defp each_diagonal(diag, limit, _paths, next_paths, _diff_script) when diag > limit, do: {:next, :lists.reverse(next_paths)}

  defp each_diagonal(diag, limit, paths, next_paths, diff_script) do
    {path, rest} = proceed_path(diag, limit, paths, diff_script)
    case follow_snake(path) do
      {:cont, path} -> each_diagonal(diag + 2, limit, rest, [path | next_paths], diff_script)
      {:done, edits} -> {:done, edits}
    end
  end

  defp proceed_path(0, 0, [path], _diff_script), do: {path, []}
  defp proceed_path(diag, limit, [path | _] = paths, diff_script) when diag == -limit, do: {move_down(path, diff_script), paths}
  defp proceed_path(diag, limit, [path], diff_script) when diag == limit, do: {move_right(path, diff_script), []}

  defp proceed_path(_diag, _limit, [path1, path2 | rest], diff_script) do
    if elem(path1, 0) > elem(path2, 0),
      do: {move_right(path1, diff_script), [path2 | rest]},
      else: {move_down(path2, diff_script), [path2 | rest]}
  end

  defp move_down({y, [elem1 | rest1], [elem2 | rest2] = list2, edits}, diff_script) when diff_script != nil do
    case diff_script.(elem1, elem2) do
      x when x === false or x === nil -> {y + 1, rest1, list2, [{:del, elem1} | edits]}
      diff -> {y + 1, rest1, rest2, [{:diff, diff} | edits]}
    end
  end

  defp move_down({y, [elem | rest], list2, edits}, _diff_script), do: {y + 1, rest, list2, [{:del, elem} | edits]}
  defp move_down({y, [], list2, edits}, _diff_script), do: {y + 1, [], list2, edits}

  defp move_right({y, [elem1 | rest1] = list1, [elem2 | rest2], edits}, diff_script) when diff_script != nil do
    case diff_script.(elem1, elem2) do
      x when x === false or x === nil -> {y, list1, rest2, [{:ins, elem2} | edits]}
      diff -> {y + 1, rest1, rest2, [{:diff, diff} | edits]}
    end
  end

  defp move_right({y, list1, [elem | rest], edits}, _diff_script), do: {y, list1, rest, [{:ins, elem} | edits]}
  defp move_right({y, list1, [], edits}, _diff_script), do: {y, list1, [], edits}

  defp follow_snake({y, [elem | rest1], [elem | rest2], edits}), do: follow_snake({y + 1, rest1, rest2, [{:eq, elem} | edits]})
  defp follow_snake({_y, [], [], edits}), do: {:done, edits}
  defp follow_snake(path), do: {:cont, path}
end
