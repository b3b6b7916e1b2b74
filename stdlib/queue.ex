# Erlang's `:queue`, a double-ended FIFO queue, loaded on first use.
#
# A queue is the tuple `{rear, front}`: the front list holds the oldest items first, the rear
# list the newest first. Programs print queues and match on them, so the shape after every
# operation must be OTP's, including how a list that runs dry is refilled from the other
# side (half of the other list moves over, see `refill_front`/`refill_rear`), and the
# "keep one item on each side when it is cheap" rule of `in`/`in_r`. Bad arguments raise
# ArgumentError, an empty queue where one is needed `ErlangError` with `:empty`, as OTP does.

defmodule :queue do
  def new, do: {[], []}

  def is_queue({r, f}) when is_list(r) and is_list(f), do: true
  def is_queue(_), do: false

  def is_empty({[], []}), do: true
  def is_empty({r, f}) when is_list(r) and is_list(f), do: false
  def is_empty(_), do: :erlang.error(:badarg)

  def len({r, f}) when is_list(r) and is_list(f), do: length(r) + length(f)
  def len(_), do: :erlang.error(:badarg)

  def to_list({r, f}) when is_list(r) and is_list(f), do: f ++ :lists.reverse(r, [])
  def to_list(_), do: :erlang.error(:badarg)

  def from_list(l) when is_list(l), do: refill_rear(l)
  def from_list(_), do: :erlang.error(:badarg)

  def member(x, {r, f}) when is_list(r) and is_list(f), do: Enum.member?(r, x) or Enum.member?(f, x)
  def member(_, _), do: :erlang.error(:badarg)

  # Adding: a lone item on one side with the other empty is balanced by the new one.
  # `:queue.in/2` is a native forwarding here: `in` is an operator, which `def` cannot name.
  def push(x, {[_] = r, []}), do: {[x], r}
  def push(x, {r, f}) when is_list(r) and is_list(f), do: {[x | r], f}
  def push(_, _), do: :erlang.error(:badarg)

  def in_r(x, {[], [_] = f}), do: {f, [x]}
  def in_r(x, {r, f}) when is_list(r) and is_list(f), do: {r, [x | f]}
  def in_r(_, _), do: :erlang.error(:badarg)

  def out({[], []} = q), do: {:empty, q}
  def out(q), do: {{:value, front(q)}, drop_checked(q)}

  def out_r({[], []} = q), do: {:empty, q}
  def out_r(q), do: {{:value, rear(q)}, drop_r_checked(q)}

  def get({[], []}), do: :erlang.error(:empty)
  def get(q), do: front(q)

  def get_r({[], []}), do: :erlang.error(:empty)
  def get_r(q), do: rear(q)

  def peek({[], []}), do: :empty
  def peek(q), do: {:value, front(q)}

  def peek_r({[], []}), do: :empty
  def peek_r(q), do: {:value, rear(q)}

  def drop({[], []}), do: :erlang.error(:empty)
  def drop(q), do: drop_checked(q)

  def drop_r({[], []}), do: :erlang.error(:empty)
  def drop_r(q), do: drop_r_checked(q)

  def reverse({r, f}) when is_list(r) and is_list(f), do: {f, r}
  def reverse(_), do: :erlang.error(:badarg)

  def join({r, f} = q, {[], []}) when is_list(r) and is_list(f), do: q
  def join({[], []}, {r, f} = q) when is_list(r) and is_list(f), do: q

  def join({r1, f1}, {r2, f2}) when is_list(r1) and is_list(f1) and is_list(r2) and is_list(f2),
    do: {r2, f1 ++ :lists.reverse(r1, f2)}

  def join(_, _), do: :erlang.error(:badarg)

  def split(0, {r, f} = q) when is_list(r) and is_list(f), do: {{[], []}, q}

  def split(n, {r, f} = q) when is_integer(n) and n >= 1 and is_list(r) and is_list(f) do
    nf = length(f)

    cond do
      n < nf ->
        [x | f1] = f
        move_front(n - 1, r, f1, [], [x])

      n == nf ->
        {refill_rear(f), refill_front(r)}

      true ->
        m = length(r) - (n - nf)

        cond do
          m < 0 -> :erlang.error(:badarg)
          m == 0 -> {q, {[], []}}
          true ->
            [x | r1] = r
            move_rear(m - 1, r1, f, [x], [])
        end
    end
  end

  def split(_, _), do: :erlang.error(:badarg)

  def filter(fun, {r, f}) when is_function(fun, 1) and is_list(r) and is_list(f) do
    f = Enum.flat_map(f, &kept(fun, &1))
    r = :lists.reverse(Enum.flat_map(:lists.reverse(r), &kept(fun, &1)))

    cond do
      r == [] -> refill_rear(f)
      f == [] -> refill_front(r)
      true -> {r, f}
    end
  end

  def filter(_, _), do: :erlang.error(:badarg)

  def fold(fun, acc, {r, f}) when is_function(fun, 2) and is_list(r) and is_list(f),
    do: Enum.reduce(:lists.reverse(r), Enum.reduce(f, acc, fun), fun)

  def fold(_, _, _), do: :erlang.error(:badarg)

  def any(pred, {r, f}) when is_function(pred, 1) and is_list(r) and is_list(f),
    do: Enum.any?(f, pred) or Enum.any?(r, pred)

  def all(pred, {r, f}) when is_function(pred, 1) and is_list(r) and is_list(f),
    do: Enum.all?(f, pred) and Enum.all?(r, pred)

  # Removes the item's first occurrence in queue order: in the front list if it is there,
  # else the rear's last. A side emptied by it is refilled from the other.
  def delete(x, {r, f} = q) when is_list(r) and is_list(f) do
    case delete_first(f, x) do
      :none ->
        case delete_first(:lists.reverse(r), x) do
          :none -> q
          [] -> refill_rear(f)
          r1 -> {:lists.reverse(r1), f}
        end

      [] ->
        refill_front(r)

      f1 ->
        {r, f1}
    end
  end

  def delete(_, _), do: :erlang.error(:badarg)

  # The Okasaki-style names.
  def cons(x, q), do: in_r(x, q)
  def head(q), do: get(q)
  def tail(q), do: drop(q)
  def snoc(q, x), do: push(x, q)
  def last(q), do: get_r(q)
  def daeh(q), do: get_r(q)
  def init(q), do: drop_r(q)
  def liat(q), do: drop_r(q)

  # The oldest item of a non-empty queue; with the front empty it is the rear's last.
  defp front({r, [h | _]}) when is_list(r), do: h
  defp front({[h], []}), do: h
  defp front({[_ | r], []}), do: List.last(r)
  defp front(_), do: :erlang.error(:badarg)

  defp rear({[h | _], f}) when is_list(f), do: h
  defp rear({[], [h]}), do: h
  defp rear({[], [_ | f]}), do: List.last(f)
  defp rear(_), do: :erlang.error(:badarg)

  # Removing the oldest item of a non-empty queue. A front emptied by it takes half the rear.
  defp drop_checked({[_], []}), do: {[], []}

  defp drop_checked({[y | r], []}) do
    [_ | f] = :lists.reverse(r, [])
    {[y], f}
  end

  defp drop_checked({r, [_]}) when is_list(r), do: refill_front(r)
  defp drop_checked({r, [_ | f]}) when is_list(r), do: {r, f}
  defp drop_checked(_), do: :erlang.error(:badarg)

  defp drop_r_checked({[], [_]}), do: {[], []}

  defp drop_r_checked({[], [y | f]}) do
    [_ | r] = :lists.reverse(f, [])
    {r, [y]}
  end

  defp drop_r_checked({[_], f}) when is_list(f), do: refill_rear(f)
  defp drop_r_checked({[_ | r], f}) when is_list(f), do: {r, f}
  defp drop_r_checked(_), do: :erlang.error(:badarg)

  # A queue whose items are `r` (newest first) and whose front is empty: the oldest half
  # (rounded down) moves to the front, so both ends stay O(1) to reach.
  defp refill_front([]), do: {[], []}
  defp refill_front([_] = r), do: {[], r}
  defp refill_front([x, y]), do: {[x], [y]}

  defp refill_front(r) do
    {keep, move} = Enum.split(r, div(length(r), 2))
    {keep, :lists.reverse(move, [])}
  end

  # The same from a front list `f` (oldest first) with the rear empty.
  defp refill_rear([]), do: {[], []}
  defp refill_rear([_] = f), do: {f, []}
  defp refill_rear([x, y]), do: {[y], [x]}

  defp refill_rear(f) do
    {keep, move} = Enum.split(f, div(length(f), 2))
    {:lists.reverse(move, []), keep}
  end

  # `split/2`'s moves of `n` items from one list to the other side of the first half.
  defp move_front(0, r1, f1, r2, f2), do: {{r2, f2}, {r1, f1}}
  defp move_front(n, r1, [x | f1], r2, f2), do: move_front(n - 1, r1, f1, [x | r2], f2)

  defp move_rear(0, r1, f1, r2, f2), do: {{r1, f1}, {r2, f2}}
  defp move_rear(n, [x | r1], f1, r2, f2), do: move_rear(n - 1, r1, f1, r2, [x | f2])

  # `filter/2`'s callback may keep an item (true), drop it (false), or replace it by a list.
  defp kept(fun, x) do
    case fun.(x) do
      true -> [x]
      false -> []
      l when is_list(l) -> l
    end
  end

  defp delete_first(list, x) do
    case Enum.find_index(list, &(&1 === x)) do
      nil -> :none
      i -> List.delete_at(list, i)
    end
  end
end
