# :timer.sleep/1 and :timer.tc/1
IO.inspect :timer.sleep(10)
{micros, result} = :timer.tc(fn -> Enum.sum(1..1000) end)
IO.inspect result
IO.inspect is_integer(micros) and micros >= 0
{time, :done} = :timer.tc(fn -> Process.sleep(5); :done end)
IO.inspect time >= 5000
IO.inspect Process.sleep(1)
