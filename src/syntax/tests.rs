//! Parser tests: AST shapes (as s-expressions), the guide's real Elixir files, error
//! reporting, and robustness against arbitrary input.
use super::*;

/// Parses and renders; a single top-level expression is rendered without the file block.
fn p(src: &str) -> String {
    match parse(src) {
        Ok(e) => match &e.kind {
            ast::ExprKind::Block(items) if items.len() == 1 => sexp(&items[0]),
            _ => sexp(&e),
        },
        Err(e) => format!("ERROR {} / {} / {:?} at {:?}", e.message, e.label, e.help, e.span),
    }
}

fn err(src: &str) -> SyntaxError {
    match parse(src) {
        Ok(e) => panic!("expected an error for {src:?}, got {}", sexp(&e)),
        Err(e) => e,
    }
}

#[test]
fn literals() {
    assert_eq!(p("1_000"), "1000");
    assert_eq!(p("0x1F"), "31");
    assert_eq!(p("0b101"), "5");
    assert_eq!(p("0o17"), "15");
    assert_eq!(p("?a"), "97");
    assert_eq!(p("?\\n"), "10");
    assert_eq!(p("123456789012345678901234567890"), "123456789012345678901234567890");
    assert!(matches!(parse("123456789012345678901234567890").map(|e| e.kind), Ok(ast::ExprKind::Block(v)) if matches!(v[0].kind, ast::ExprKind::BigInt(_))));
    assert_eq!(p("1.5"), "1.5");
    assert_eq!(p("1.0e10"), "10000000000.0");
    assert_eq!(p("1_000.5"), "1000.5");
    assert_eq!(p("-1"), "-1");
    assert_eq!(p(":ok"), ":ok");
    assert_eq!(p(":\"with space\""), ":with space");
    assert_eq!(p(":foo?"), ":foo?");
    assert_eq!(p(":bar!"), ":bar!");
    assert_eq!(p(":+"), ":+");
    assert_eq!(p(":=="), ":==");
    assert_eq!(p(":Elixir.Foo"), ":Elixir.Foo");
    assert_eq!(p("true"), ":true");
    assert_eq!(p("nil"), ":nil");
    assert_eq!(p("'abc'"), "'abc'");
}

#[test]
fn strings() {
    assert_eq!(p(r#""a\n\t\"\\\#{x}""#), r#""a\n\t\"\\#{x}""#);
    assert_eq!(p(r#""\e\r\0\s""#), r#""\u{1b}\r\0 ""#);
    assert_eq!(p(r#""\u{1F600}\x41""#), "\"😀A\"");
    assert_eq!(p(r#""a #{x} b""#), r#"(interp "a " x " b")"#);
    assert_eq!(p(r#""a #{inspect "b #{x}"}""#), r#"(interp "a " (inspect (interp "b " x)))"#);
    assert_eq!(p("\"#{a + 1}\""), "(interp (+ a 1))");
    assert_eq!(p("\"multi\nline\""), "\"multi\\nline\"");
}

#[test]
fn heredocs() {
    assert_eq!(p("\"\"\"\n  hello\n    world\n  \"\"\""), r#""hello\n  world\n""#);
    assert_eq!(p("x = \"\"\"\nab #{1}\n\"\"\"\ny"), r#"(block (= x (interp "ab " 1 "\n")) y)"#);
    assert_eq!(p("@moduledoc \"\"\"\n  Docs.\n  \"\"\""), r#"(@moduledoc "Docs.\n")"#);
}

#[test]
fn sigils() {
    assert_eq!(p("~w(a b c)"), r#"["a" "b" "c"]"#);
    assert_eq!(p("~w(a b)a"), "[:a :b]");
    assert_eq!(p("~w[a b]c"), "['a' 'b']");
    assert_eq!(p("~s(x #{y})"), r#"(interp "x " y)"#);
    // A regex sigil is a call building the `%Regex{}`; its source stays raw.
    assert_eq!(p("~r/a\\d+/i"), r#"(. Regex compile! "a\\d+" "i")"#);
    assert_eq!(p("~S|a\\n|"), r#""a\\n""#);
    assert_eq!(p("~w<x y>"), r#"["x" "y"]"#);
    assert_eq!(p("~s{a}"), r#""a""#);
    assert_eq!(p("~s\"a\""), r#""a""#);
    assert_eq!(p("~c'ab'"), "'ab'");
}

#[test]
fn identifiers() {
    assert_eq!(p("foo"), "foo");
    assert_eq!(p("foo?"), "foo?");
    assert_eq!(p("foo!"), "foo!");
    assert_eq!(p("_"), "_");
    assert_eq!(p("_x"), "_x");
    assert_eq!(p("IO"), "IO");
    assert_eq!(p("MyApp.Supervisor"), "MyApp.Supervisor");
    assert_eq!(p("__MODULE__"), "__MODULE__");
    assert_eq!(p("@x"), "@x");
    assert_eq!(p("@x 1"), "(@x 1)");
    assert_eq!(p("@impl true"), "(@impl :true)");
}

#[test]
fn collections() {
    assert_eq!(p("[1, 2]"), "[1 2]");
    assert_eq!(p("[h | t]"), "[h | t]");
    assert_eq!(p("[1, 2 | t]"), "[1 2 | t]");
    assert_eq!(p("[a: 1, b: 2]"), "[{:a 1} {:b 2}]");
    assert_eq!(p("[1, a: 2]"), "[1 {:a 2}]");
    assert_eq!(p("[\n  1,\n  2,\n]"), "[1 2]");
    assert_eq!(p("{}"), "{}");
    assert_eq!(p("{a, b}"), "{a b}");
    assert_eq!(p("%{}"), "(map)");
    assert_eq!(p(r#"%{"k" => v, a: 1}"#), r#"(map ("k" v) (:a 1))"#);
    assert_eq!(p("%{m | a: 2}"), "(update m (:a 2))");
    assert_eq!(p("%Name{a: 1}"), "(struct Name (:a 1))");
    assert_eq!(p("%Name{s | a: 1}"), "(struct Name (base s) (:a 1))");
    assert_eq!(p("%__MODULE__{}"), "(struct __MODULE__)");
    assert_eq!(p("<<1, 2>>"), "(<< 1 2)");
    assert_eq!(p("<<x::binary, y::size(8)>>"), "(<< x::binary y::size(8))");
    assert_eq!(p("<<>>"), "(<<)");
}

#[test]
fn operators() {
    assert_eq!(p("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(p("(1 + 2) * 3"), "(* (+ 1 2) 3)");
    assert_eq!(p("a - b - c"), "(- (- a b) c)");
    assert_eq!(p("2 ** 3"), "(** 2 3)");
    assert_eq!(p("a ++ b ++ c"), "(++ a (++ b c))");
    assert_eq!(p("a <> b"), "(<> a b)");
    assert_eq!(p("1..10"), "(.. 1 10)");
    assert_eq!(p("1..10//2"), "(..// (.. 1 10) 2)");
    assert_eq!(p("x in list"), "(in x list)");
    assert_eq!(p("x not in list"), "(not-in x list)");
    assert_eq!(p("a |> f(b) |> g()"), "(|> (|> a (f b)) (g))");
    assert_eq!(p("a < b == c"), "(== (< a b) c)");
    assert_eq!(p("a && b || c and d or e"), "(or (|| (&& a b) (and c d)) e)");
    assert_eq!(p("x = y = 3"), "(= x (= y 3))");
    assert_eq!(p("not x"), "(not x)");
    assert_eq!(p("!x"), "(! x)");
    assert_eq!(p("^x"), "(^ x)");
    assert_eq!(p("-x"), "(- x)");
    assert_eq!(p("a =~ b"), "(=~ a b)");
    assert_eq!(p("a === b and a !== c"), "(and (=== a b) (!== a c))");
    assert_eq!(p("x \\\\ 1"), "(\\\\ x 1)");
    assert_eq!(p("a <- b"), "(<- a b)");
    assert_eq!(p("x - 1"), "(- x 1)");
    assert_eq!(p("x-1"), "(- x 1)");
    assert_eq!(p("-2 ** 2"), "(** -2 2)");
    assert_eq!(p("a\n|> b\n|> c"), "(|> (|> a b) c)");
    assert_eq!(p("a +\n b"), "(+ a b)");
}

#[test]
fn calls() {
    assert_eq!(p("foo(a, b)"), "(foo a b)");
    assert_eq!(p("foo()"), "(foo)");
    assert_eq!(p("foo.(x)"), "(.() foo x)");
    assert_eq!(p("Mod.fun(x)"), "(. Mod fun x)");
    assert_eq!(p(":erlang_mod.fun(x)"), "(. :erlang_mod fun x)");
    assert_eq!(p("Mod.fun"), "(. Mod fun)");
    assert_eq!(p("map.key"), "(field map key)");
    assert_eq!(p("map.key.other"), "(field (field map key) other)");
    assert_eq!(p("m[:a]"), "(access m :a)");
    assert_eq!(p("foo [1]"), "(foo [1])");
    assert_eq!(p("foo(x)[1]"), "(access (foo x) 1)");
    assert_eq!(p("foo(x, a: 1)"), "(foo x [{:a 1}])");
    assert_eq!(p("foo -1"), "(foo -1)");
    assert_eq!(p("foo - 1"), "(- foo 1)");
}

#[test]
fn no_parens_calls() {
    assert_eq!(p("IO.puts \"hi\""), r#"(. IO puts "hi")"#);
    assert_eq!(p("IO.puts(\"a\" <> \"b\")"), r#"(. IO puts (<> "a" "b"))"#);
    assert_eq!(p("IO.puts \"a\" <> \"b\""), r#"(. IO puts (<> "a" "b"))"#);
    assert_eq!(p("spawn fn -> 1 + 2 end"), "(spawn (fn (-> () (+ 1 2))))");
    assert_eq!(p("send pid, {:get, self()}"), "(send pid {:get (self)})");
    assert_eq!(p("raise \"oops\""), r#"(raise "oops")"#);
    assert_eq!(p("IO.inspect x, label: \"x\""), r#"(. IO inspect x [{:label "x"}])"#);
    assert_eq!(p("alias MyApp.Foo"), "(alias MyApp.Foo)");
    assert_eq!(p("import Enum, only: [map: 2]"), "(import Enum [{:only [{:map 2}]}])");
    assert_eq!(p("use GenServer"), "(use GenServer)");
    assert_eq!(p("Enum.map list, fn x -> x * 2 end"), "(. Enum map list (fn (-> (x) (* x 2))))");
    assert_eq!(p("assert x == 1"), "(assert (== x 1))");
    assert_eq!(p("x = send a, b"), "(= x (send a b))");
    assert_eq!(p("a + foo b + c"), "(+ a (foo (+ b c)))");
    assert_eq!(p("foo bar baz"), "(foo (bar baz))");
    assert_eq!(p("def add(a, b), do: a + b"), "(def (add a b) [{:do (+ a b)}])");
    assert_eq!(p("if c, do: a, else: b"), "(if c [{:do a} {:else b}])");
    assert_eq!(p("send pid,\n  :msg"), "(send pid :msg)");
    assert_eq!(p("[foo 1]"), "[(foo 1)]");
    assert_eq!(p("foo a\nbar b"), "(block (foo a) (bar b))");
    assert_eq!(p("foo a; bar b"), "(block (foo a) (bar b))");
    assert_eq!(p("Enum.map xs, &(&1 * 2)"), "(. Enum map xs (& (* &1 2)))");
}

#[test]
fn do_blocks() {
    assert_eq!(p("if x > 1 do\n  a\nelse\n  b\nend"), "(if (> x 1) (do a) (else b))");
    assert_eq!(p("if a == b do a end"), "(if (== a b) (do a))");
    assert_eq!(p("foo do end"), "(foo (do))");
    assert_eq!(p("foo(1) do 2 end"), "(foo 1 (do 2))");
    assert_eq!(p("Foo.bar do 2 end"), "(. Foo bar (do 2))");
    assert_eq!(p("receive do\n  {:hello, msg} -> msg\nend"), "(receive (do (-> ({:hello msg}) msg)))");
    assert_eq!(
        p("receive do\n  {:hello, msg} -> msg\nafter\n  1_000 -> \"nothing\"\nend"),
        r#"(receive (do (-> ({:hello msg}) msg)) (after (-> (1000) "nothing")))"#
    );
    assert_eq!(p("defmodule Foo do\n  def f, do: 1\nend"), "(defmodule Foo (do (def f [{:do 1}])))");
    assert_eq!(
        p("def f(x) when x > 0 do\n  x\nend"),
        "(def (when (f x) (> x 0)) (do x))"
    );
    assert_eq!(
        p("case x do\n  {:ok, v} when v > 0 -> v\n  _ -> 0\nend"),
        "(case x (do (-> ({:ok v}) (when (> v 0)) v) (-> (_) 0)))"
    );
    assert_eq!(
        p("try do\n  x\nrescue\n  e in RuntimeError -> e\ncatch\n  :throw, v -> v\nafter\n  done()\nend"),
        "(try (do x) (rescue (-> ((in e RuntimeError)) e)) (catch (-> (:throw v) v)) (after (done)))"
    );
    assert_eq!(p("cond do\n  x > 1 -> :a\n  true -> :b\nend"), "(cond (do (-> ((> x 1)) :a) (-> (:true) :b)))");
    assert_eq!(
        p("with {:ok, a} <- f(), {:ok, b} <- g(a) do a + b else err -> err end"),
        "(with (<- {:ok a} (f)) (<- {:ok b} (g a)) (do (+ a b)) (else (-> (err) err)))"
    );
    assert_eq!(
        p("for x <- list, x > 1, into: %{} do {x, x} end"),
        "(for (<- x list) (> x 1) [{:into (map)}] (do {x x}))"
    );
    assert_eq!(p("case x do\n  1 ->\n    a\n    b\n  2 -> c\nend"), "(case x (do (-> (1) a b) (-> (2) c)))");
    assert_eq!(p("x = if a do 1 else 2 end"), "(= x (if a (do 1) (else 2)))");
    assert_eq!(p("quote do\n  1 + 2\nend"), "(quote (do (+ 1 2)))");
    assert_eq!(p("if foo a do b end"), "(if (foo a) (do b))");
    assert_eq!(p("if foo(a) do b end"), "(if (foo a) (do b))");
    assert_eq!(p("test \"x\" do\n assert 1\nend"), r#"(test "x" (do (assert 1)))"#);
    assert_eq!(p("def start_link do\n  1\nend"), "(def start_link (do 1))");
}

#[test]
fn fns_and_captures() {
    assert_eq!(p("fn x -> x end"), "(fn (-> (x) x))");
    assert_eq!(p("fn a, b -> a + b end"), "(fn (-> (a b) (+ a b)))");
    assert_eq!(p("fn -> :ok end"), "(fn (-> () :ok))");
    assert_eq!(p("fn {:ok, x} -> x; _ -> nil end"), "(fn (-> ({:ok x}) x) (-> (_) :nil))");
    assert_eq!(p("fn\n  0 -> :zero\n  n -> n\nend"), "(fn (-> (0) :zero) (-> (n) n))");
    assert_eq!(p("fn x when x > 0 -> x end"), "(fn (-> (x) (when (> x 0)) x))");
    assert_eq!(p("fn a, b when a > b -> a end"), "(fn (-> (a b) (when (> a b)) a))");
    assert_eq!(p("fn (a, b) -> a end"), "(fn (-> (a b) a))");
    assert_eq!(p("fn () -> 1 end"), "(fn (-> () 1))");
    assert_eq!(p("&Mod.fun/2"), "(&/ Mod fun 2)");
    assert_eq!(p("&fun/1"), "(&/ fun 1)");
    assert_eq!(p("&:erlang.fun/1"), "(&/ :erlang fun 1)");
    assert_eq!(p("&(&1 + 1)"), "(& (+ &1 1))");
    assert_eq!(p("& &1"), "(& &1)");
    assert_eq!(p("&{&1, &2}"), "(& {&1 &2})");
    assert_eq!(p("&[&1]"), "(& [&1])");
    assert_eq!(p("&Mod.fun(&1, 2)"), "(& (. Mod fun &1 2))");
    assert_eq!(p("x = &foo/1"), "(= x (&/ foo 1))");
    assert_eq!(p("Enum.map(xs, &(&1 * 2))"), "(. Enum map xs (& (* &1 2)))");
}

#[test]
fn comments_and_separators() {
    assert_eq!(p("# hi\na # trailing\n\n\nb"), "(block a b)");
    assert_eq!(p(""), "(block)");
    assert_eq!(p("\n\n  # only a comment\n"), "(block)");
    assert_eq!(p("x =\n  5"), "(= x 5)");
    assert_eq!(p("foo(\n  a,\n  b\n)"), "(foo a b)");
}

fn guide_dir() -> Option<std::path::PathBuf> {
    let d = std::path::PathBuf::from("/work/shared/guide");
    d.is_dir().then_some(d)
}

#[test]
fn guide_files_parse() {
    let Some(dir) = guide_dir() else { return };
    let mut n = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "ex" | "exs" | "iex") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        n += 1;
        if let Err(e) = parse(&src) {
            let (l, c) = lexer::line_col(&src, e.span.start);
            failures.push(format!("{}:{l}:{c}: {} ({})", path.display(), e.message, e.label));
        }
    }
    assert!(n > 10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Code lines from the seed texts: `iex>`/`...>` prompts, joined into expressions.
#[test]
fn seed_iex_snippets_parse() {
    let Ok(entries) = std::fs::read_dir("/work/shared/seeds") else { return };
    let mut failures = Vec::new();
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let mut cur = String::new();
        for line in text.lines().chain(std::iter::once("")) {
            let l = line.trim_start();
            if let Some(code) = l.strip_prefix("iex>").or_else(|| l.strip_prefix("iex(1)>")) {
                if !cur.trim().is_empty() {
                    if let Err(e) = parse(&cur) {
                        failures.push(format!("{:?}: {}", cur, e.label));
                    }
                }
                cur = format!("{code}\n");
            } else if let Some(code) = l.strip_prefix("...>") {
                cur.push_str(code);
                cur.push('\n');
            } else {
                if !cur.trim().is_empty() {
                    if let Err(e) = parse(&cur) {
                        failures.push(format!("{:?}: {} {:?}", cur, e.label, e.help));
                    }
                }
                cur.clear();
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors() {
    let e = err("if x do\n  1\n");
    assert!(e.incomplete);
    assert_eq!(e.label, "this `do` is never closed");
    assert_eq!(e.help.as_deref(), Some("add a matching `end`"));
    assert_eq!(e.span, 5..7);

    let e = err("x = 1\nend");
    assert_eq!(e.label, "unexpected `end`");
    assert!(!e.incomplete);

    let e = err("foo(1, 2");
    assert!(e.incomplete);
    assert_eq!(e.label, "this `(` is never closed");

    let e = err("\"abc");
    assert!(e.incomplete);
    assert_eq!(e.label, "this string is never closed");

    let e = err("[1, 2)");
    assert_eq!(e.label, "unexpected `)`");

    let e = err("1 + * 2");
    assert_eq!(e.label, "unexpected `*`");
    assert_eq!(e.span, 4..5);

    let e = err("fn x end");
    assert!(!e.incomplete);

    assert!(is_incomplete("fn x ->"));
    assert!(is_incomplete("receive do"));
    assert!(is_incomplete("\"\"\"\nabc"));
    assert!(is_incomplete("[1,"));
    assert!(is_incomplete("x = "));
    assert!(!is_incomplete("x = 1"));
    assert!(!is_incomplete("x = )"));

    // miette rendering works (labels and help are exposed).
    let e = err("if x do");
    let labels: Vec<_> = miette::Diagnostic::labels(&e).into_iter().flatten().collect();
    assert_eq!(labels.len(), 1);
    assert!(miette::Diagnostic::help(&e).is_some());
}

#[test]
fn deep_nesting_is_rejected_not_overflowed() {
    for open in ["(", "[", "{", "%{", "fn -> ", "if x do ", "<<", "-", "not ", "foo ", "\"#{"] {
        let src = open.repeat(100_000);
        let r = parse(&src);
        assert!(r.is_err(), "{open}");
    }
    let long = "1 + ".repeat(100_000) + "1";
    assert!(parse(&long).is_err());
    let ok = "[".repeat(200) + &"]".repeat(200);
    assert!(parse(&ok).is_ok());
}

/// A tiny deterministic generator, so the randomized tests need no extra dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_input_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(40);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let s = String::from_utf8_lossy(&bytes);
        let _ = parse(&s);
    }
    let soup = [
        "do", "end", "fn", "->", "(", ")", "[", "]", "{", "}", "%{", "<<", ">>", ",", ".", "\n", ";",
        "x", "foo", "Foo", ":a", "1", "\"s\"", "\"#{", "}", "|", "|>", "=", "when", "else", "&", "&1",
        "a:", "@x", "+", "-", " ", "not", "in", "~w(", "'", "?", "\\\\", "::", "=>", "\"\"\"\n",
    ];
    for _ in 0..5000 {
        let n = rng.below(25);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(soup[rng.below(soup.len())]);
            if rng.below(2) == 0 {
                s.push(' ');
            }
        }
        let _ = parse(&s);
        let _ = is_incomplete(&s);
    }
    if let Some(dir) = guide_dir() {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let src = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let mut cut = 0;
            while cut < src.len() {
                if src.is_char_boundary(cut) {
                    let _ = parse(&src[..cut]);
                }
                cut += 7;
            }
        }
    }
}
