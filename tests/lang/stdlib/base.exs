# Base: hex, base 32 and base 64, their options, and how bad input is reported.
defmodule Try do
  # Prints the result, or the exception's kind and message.
  def show(label, f) do
    result =
      try do
        inspect(f.())
      rescue
        e -> "#{inspect(e.__struct__)}: #{Exception.message(e)}"
      end

    IO.puts("#{label} -> #{result}")
  end
end

bytes = <<0, 1, 127, 128, 171, 205, 239, 255>>
words = ["", "f", "fo", "foo", "foob", "fooba", "foobar", "hi!?"]

IO.puts("-- encode16")
IO.puts(Base.encode16(bytes))
IO.puts(Base.encode16(bytes, case: :lower))
IO.puts(Base.encode16(bytes, case: :upper))
IO.inspect(Base.encode16(""))

IO.puts("-- decode16")
IO.inspect(Base.decode16("007F80ABCDEFFF"))
IO.inspect(Base.decode16("007f80abcdefff"))
IO.inspect(Base.decode16("007f80abcdefff", case: :lower))
IO.inspect(Base.decode16("007F80abCDefFF", case: :mixed))
IO.inspect(Base.decode16!("48656C6C6F"))
IO.inspect(Base.decode16(""))
IO.inspect(Base.decode16("ABC"))
Try.show("decode16! odd", fn -> Base.decode16!("ABC") end)
Try.show("decode16! lower", fn -> Base.decode16!("48656c6c6f") end)
Try.show("decode16! upper in lower", fn -> Base.decode16!("4A", case: :lower) end)
Try.show("decode16! G", fn -> Base.decode16!("6G") end)
Try.show("decode16! é", fn -> Base.decode16!("é") end)
Try.show("decode16! é1", fn -> Base.decode16!("é1") end)
Try.show("decode16! quote", fn -> Base.decode16!("\"1") end)
Try.show("decode16 bad case", fn -> Base.decode16("AA", case: :bogus) end)
Try.show("decode16! odd bad case", fn -> Base.decode16!("A", case: :bogus) end)

IO.puts("-- encode64 / decode64")
for w <- words do
  e = Base.encode64(w)
  n = Base.encode64(w, padding: false)
  IO.puts("#{inspect(w)} #{e} #{n} #{inspect(Base.decode64(e))} #{inspect(Base.decode64(n, padding: false))}")
end

IO.puts(Base.encode64(bytes))
IO.puts(Base.url_encode64(bytes))
IO.puts(Base.url_encode64(bytes, padding: false))
IO.inspect(Base.decode64!("AAF/gKvN7/8="))
IO.inspect(Base.url_decode64!("AAF_gKvN7_8="))
IO.inspect(Base.url_decode64("AAF_gKvN7_8", padding: false))
IO.inspect(Base.decode64("AAF_gKvN7_8="))
IO.inspect(Base.url_decode64("AAF/gKvN7/8="))
IO.inspect(Base.decode64("aGk"))
IO.inspect(Base.decode64("aGk=", padding: false))
IO.inspect(Base.decode64("aGl="))
IO.inspect(Base.decode64!(" aG\tk\r\n= ", ignore: :whitespace))
Try.show("decode64! no padding", fn -> Base.decode64!("aGk") end)
Try.show("decode64! one char", fn -> Base.decode64!("a", padding: false) end)
Try.show("decode64! five chars", fn -> Base.decode64!("aGkha", padding: false) end)
Try.show("decode64! bang", fn -> Base.decode64!("aG!=") end)
Try.show("decode64! pad inside", fn -> Base.decode64!("aGk=aGk=") end)
Try.show("decode64! all pad", fn -> Base.decode64!("====") end)
Try.show("decode64! early bad, late padding", fn -> Base.decode64!("!!!!!!!!aGk") end)
Try.show("decode64! bad within last group", fn -> Base.decode64!("!!!!aGk") end)
Try.show("decode64! whitespace", fn -> Base.decode64!("aG k=") end)
Try.show("decode64! bad ignore", fn -> Base.decode64!("aGk=", ignore: :tabs) end)
Try.show("decode64 non-binary", fn -> Base.decode64(Enum.at([:foo], 0)) end)
Try.show("decode64! non-binary", fn -> Base.decode64!(Enum.at([:foo], 0)) end)
Try.show("encode64 non-binary", fn -> Base.encode64(Enum.at([42], 0)) end)
Try.show("encode64 padding nil", fn -> Base.encode64("ab", padding: nil) end)
Try.show("encode64 padding nil, whole", fn -> Base.encode64("abc", padding: nil) end)
Try.show("encode16 opts not a list", fn -> Base.encode16("a", Enum.at([:lower], 0)) end)

IO.puts("-- base 32")
for w <- words do
  e = Base.encode32(w)
  l = Base.encode32(w, case: :lower, padding: false)
  h = Base.hex_encode32(w)
  IO.puts("#{inspect(w)} #{e} #{l} #{h} #{inspect(Base.decode32(e))} #{inspect(Base.decode32(l, case: :lower, padding: false))} #{inspect(Base.hex_decode32(h))}")
end

IO.inspect(Base.decode32("MZXW6YQ=", case: :mixed))
IO.inspect(Base.decode32("mzXW6yq=", case: :mixed))
IO.inspect(Base.decode32("mzxw6yq="))
Try.show("decode32! 5 pads", fn -> Base.decode32!("NBS=====") end)
Try.show("decode32! 3 chars", fn -> Base.decode32!("NBS", padding: false) end)
Try.show("decode32! digit 1", fn -> Base.decode32!("NBSWY3D1") end)
Try.show("decode32! bad case", fn -> Base.decode32!("", case: :bogus) end)
Try.show("encode32 mixed", fn -> Base.encode32("a", case: :mixed) end)

IO.puts("-- round trips")
all = for i <- 0..255, into: <<>>, do: <<i>>
IO.inspect(Base.decode16!(Base.encode16(all)) == all)
IO.inspect(Base.decode16!(Base.encode16(all, case: :lower), case: :lower) == all)
IO.inspect(Base.decode64!(Base.encode64(all)) == all)
IO.inspect(Base.url_decode64!(Base.url_encode64(all, padding: false), padding: false) == all)
IO.inspect(Base.decode32!(Base.encode32(all)) == all)
IO.inspect(Base.hex_decode32!(Base.hex_encode32(all, case: :lower), case: :lower) == all)
IO.inspect(byte_size(Base.encode64(all)))
IO.inspect(Enum.map(["", "a", "ab"], &Base.encode64/1))
