//! Bad input never crashes vial: every test script, truncated and mutated in many ways, is
//! pushed through lex → parse → compile, which must return bytecode or a diagnostic without
//! panicking. (The coverage-guided version of this is the `cargo fuzz` target in `fuzz/`.)
//! Programs that recurse without end fail with `SystemLimitError`, never by exhausting memory.

use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            scripts(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("exs" | "ex" | "iex")) {
            out.push(p);
        }
    }
}

fn check(src: &str) {
    // The public entry point, which parses and compiles on its own large stack.
    let _ = vial::compile(src, "robustness.exs");
}

const FRAGMENTS: &[&str] = &[
    "do", "end", "fn", "->", "(", ")", "[", "]", "{", "}", "%{", "<<", ">>", "|", "&", "&1", "^", "=", "\n",
    "\"", "#{", "'", ":", "::", "when", "\\\\", "|>", "..", "//", "@x", "defmodule M", "def f(x)", "case x",
    "receive", "after", "rescue", "catch", "else", "x", "_", "1", "1.0", "%M{", "for x <- ", "with ", ",",
];

#[test]
fn mutated_scripts_never_panic() {
    let mut files = Vec::new();
    scripts(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").as_path(), &mut files);
    scripts(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").as_path(), &mut files);
    assert!(!files.is_empty(), "no scripts found");
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else { continue };
        let chars: Vec<char> = src.chars().collect();
        for _ in 0..40 {
            let mut v = chars.clone();
            match rng.below(4) {
                // Truncate anywhere.
                0 => v.truncate(rng.below(v.len() + 1)),
                // Delete a run.
                1 if !v.is_empty() => {
                    let a = rng.below(v.len());
                    let b = (a + rng.below(20)).min(v.len());
                    v.drain(a..b);
                }
                // Insert a fragment.
                2 => {
                    let at = rng.below(v.len() + 1);
                    let frag: Vec<char> = FRAGMENTS[rng.below(FRAGMENTS.len())].chars().collect();
                    v.splice(at..at, frag);
                }
                // Replace a character with a random printable one.
                _ if !v.is_empty() => {
                    let at = rng.below(v.len());
                    v[at] = (b' ' + rng.below(95) as u8) as char;
                }
                _ => {}
            }
            let s: String = v.into_iter().collect();
            check(&s);
        }
    }
}

#[test]
fn pathological_nesting_is_a_diagnostic() {
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("fn -> ", " end"), ("if x do ", " end"), ("-", ""), ("!", ""), ("~~~", ""), ("1 <<< ", "")] {
        let src = format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
        check(&src);
    }
    // Just under the parser's nesting limit, the compiler must cope too (on a test
    // thread's small stack).
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("fn -> ", " end"), ("case x do _ -> ", " end"), ("%{a: ", "}")] {
        let src = format!("x = 1\n{}1{}", open.repeat(900), close.repeat(900));
        check(&src);
    }
    let long_sum = vec!["1"; 200_000].join(" + ");
    check(&long_sum);
}

#[test]
fn runaway_recursion_is_a_system_limit_error() {
    // Body recursion with and without locals: the second grows only the frame stack.
    let src = r#"
defmodule Deep do
  def grow(n), do: 1 + grow(n + 1)
  def bare(), do: bare() + 1
end

for f <- [fn -> Deep.grow(0) end, fn -> Deep.bare() end] do
  try do
    f.()
  rescue
    e -> IO.inspect(e.__struct__)
  end
end
"#;
    let dir = std::env::temp_dir().join(format!("vial-runaway-{}", std::process::id()));
    assert!(std::fs::create_dir_all(&dir).is_ok());
    let file = dir.join("runaway.exs");
    assert!(std::fs::write(&file, src).is_ok());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vial")).arg(&file).output();
    let _ = std::fs::remove_dir_all(&dir);
    let out = match out {
        Ok(out) => out,
        Err(e) => panic!("could not run vial: {e}"),
    };
    assert_eq!(String::from_utf8_lossy(&out.stdout), "SystemLimitError\nSystemLimitError\n");
    assert!(out.status.success());
}
