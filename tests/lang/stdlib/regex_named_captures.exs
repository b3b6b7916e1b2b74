# Regex.named_captures/2,3 and Regex.names/1.

IO.inspect(Regex.named_captures(~r/(?<first>[A-Z]\w+) (?<second>\w+)/, "say Hello world"))
IO.inspect(Regex.named_captures(~r/(?<a>x)|(?<b>y)/, "y"))
IO.inspect(Regex.named_captures(~r/(?<a>x)|(?<b>y)/, "x"))
IO.inspect(Regex.named_captures(~r/(?<a>x)/, "zzz"))
IO.inspect(Regex.named_captures(~r/(?<a>x)(y)/, "xy"))
IO.inspect(Regex.named_captures(~r/a(?<z>b)(?<c>c)?/, "zabd", return: :index))
IO.inspect(Regex.named_captures(~r/(?<year>\d+)-(?<month>\d+)/, "on 2024-05 and 2023-01"))
IO.inspect(Regex.names(~r/(?<z>a)(?<b>b)(c)/))
IO.inspect(Regex.named_captures(~r/abc/, "abc"))
