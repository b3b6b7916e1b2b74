# An unsized binary segment before the end of a binary pattern
# expect-exit: 1
# expect-stderr: error
# expect-stderr: binary field without size
# expect-stderr: :8:
case "ab" do
  <<a, b>> -> {a, b}
  <<x::binary, y>> -> {x, y}
end
