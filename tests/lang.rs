//! The language test harness: runs `vial` on every `tests/**/*.exs` script and `.iex` REPL session and compares what it prints with the reference (Elixir 1.14) output stored beside each case.
//!
//! How a case is judged (see `tests/README.md` for the full story):
//!
//! * `NAME.exs` with a sibling `NAME.out`: normalized stdout must equal `NAME.out`; if `NAME.err`
//!   exists, normalized stderr must equal it; the exit code must be the one in `NAME.exit`
//!   (0 when there is no such file).
//! * `NAME.exs` without `NAME.out`: the `# expect: TEXT` comments, in order, are the stdout lines;
//!   every `# expect-stderr: TEXT` must be a substring of stderr (ignoring case);
//!   `# expect-exit: N` is the exit code (default 0).
//! * `# args: a b c` in a script passes script arguments (after the script path).
//! * `NAME.iex` is piped to `vial` on stdin (`vial -i PRE` when `NAME.pre` names a file to load
//!   first) and compared with `NAME.out` by REPL shape (log blocks as a set, prompt answers in
//!   order), or as a multiset of lines when a `NAME.unordered` marker file exists.
//!
//! Normalization is a port of `normalize()` / `repl_shape()` from the project's
//! `shared/tools/normalize.py`, so the suite needs neither that file nor an Elixir install.
//!
//! Environment: `VIAL_TEST_FILTER=substring` runs only the cases whose path (relative to
//! `tests/`) contains it; `VIAL_TEST_ARGS="--schedulers 1"` are extra arguments given to `vial`
//! before the script path (or before `-i`); `VIAL_BIN=path` runs another binary than the one
//! cargo built (e.g. a wrapper around the reference, to check the corpus itself).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long one case may run before it is killed and reported as a failure.
const TIMEOUT: Duration = Duration::from_secs(30);
/// At most this many diff lines are printed per compared stream.
const MAX_DIFF_LINES: usize = 400;

// ---------------------------------------------------------------------------------------------
// Test entry points: one per folder group, plus a catch-all so no script goes unrun.
// ---------------------------------------------------------------------------------------------

/// Folders (relative to `tests/`) that get their own `#[test]`. Scripts in any other folder are
/// run by `scripts_elsewhere`.
const GROUPS: &[&str] = &[
    "lang/literals",
    "lang/collections",
    "lang/operators",
    "lang/functions",
    "lang/modules",
    "lang/control",
    "lang/patterns",
    "lang/stdlib",
    "lang/errors",
    "lang/diagnostics",
    "guide",
    "processes",
    "otp",
];

macro_rules! script_group {
    ($name:ident, $dir:expr) => {
        #[test]
        fn $name() {
            run_cases(&format!("scripts in tests/{}", $dir), |rel| {
                rel.extension().is_some_and(|e| e == "exs") && rel.starts_with($dir)
            });
        }
    };
}

script_group!(lang_literals, "lang/literals");
script_group!(lang_collections, "lang/collections");
script_group!(lang_operators, "lang/operators");
script_group!(lang_functions, "lang/functions");
script_group!(lang_modules, "lang/modules");
script_group!(lang_control, "lang/control");
script_group!(lang_patterns, "lang/patterns");
script_group!(lang_stdlib, "lang/stdlib");
script_group!(lang_errors, "lang/errors");
script_group!(lang_diagnostics, "lang/diagnostics");
script_group!(guide_scripts, "guide");
script_group!(processes, "processes");

thread_local! {
    /// Extra `vial` arguments for the cases of the current test (each test has a thread).
    static MODE_ARGS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The deterministic mode: one scheduler, a fixed order. The process, OTP and guide
/// scripts must give the same output there as with a scheduler per core.
macro_rules! one_scheduler_group {
    ($name:ident, $dir:expr) => {
        #[test]
        fn $name() {
            MODE_ARGS.with(|m| *m.borrow_mut() = vec!["--schedulers".to_string(), "1".to_string()]);
            run_cases(&format!("scripts in tests/{} with --schedulers 1", $dir), |rel| {
                rel.extension().is_some_and(|e| e == "exs") && rel.starts_with($dir)
            });
        }
    };
}

one_scheduler_group!(processes_one_scheduler, "processes");
one_scheduler_group!(otp_one_scheduler, "otp");
one_scheduler_group!(guide_scripts_one_scheduler, "guide");
script_group!(otp, "otp");

/// The runnable examples library: every `examples/NAME.exs`, run in `examples/`, judged against
/// `tests/examples/NAME.out` (and `.err`/`.exit`/`.unordered` there) like a script case.
#[test]
fn examples() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    walk(&root.join("examples"), &mut all);
    let filter = std::env::var("VIAL_TEST_FILTER").unwrap_or_default();
    let mut failures = Vec::new();
    let mut count = 0;
    for case in all.iter().filter(|p| p.extension().is_some_and(|e| e == "exs")) {
        let rel = case.strip_prefix(&root).unwrap().display().to_string();
        if !rel.contains(&filter) {
            continue;
        }
        count += 1;
        let expect = tests_dir().join("examples").join(case.file_name().unwrap());
        let started = Instant::now();
        match check_script_against(case, &expect) {
            Ok(()) => eprintln!("PASS {rel} ({:.1}s)", started.elapsed().as_secs_f64()),
            Err(report) => {
                eprintln!("FAIL {rel}");
                failures.push(format!("\n==== FAIL {rel}\n{report}"));
            }
        }
    }
    if !failures.is_empty() {
        eprintln!("{}\nexamples: {} passed, {} failed", failures.concat(), count - failures.len(), failures.len());
        panic!("examples: {} of {count} cases failed (diffs above)", failures.len());
    }
    eprintln!("examples: {count} passed, 0 failed");
}

/// Scripts in folders that have no group of their own (so a new folder is never silently skipped).
#[test]
fn scripts_elsewhere() {
    run_cases("scripts in other folders", |rel| {
        rel.extension().is_some_and(|e| e == "exs") && !GROUPS.iter().any(|g| rel.starts_with(g))
    });
}

/// Every `.iex` REPL session, wherever it lives (kept apart so script tests can pass before the
/// REPL exists).
#[test]
fn repl_sessions() {
    run_cases("REPL sessions", |rel| rel.extension().is_some_and(|e| e == "iex"));
}

/// The normalizer port agrees with normalize.py on the cases that matter.
#[test]
fn harness_normalizer() {
    let raw = "\nInteractive Elixir (1.14.0) - press Ctrl+C to exit (type h() ENTER for help)\n\
               #PID<0.110.0> #PID<0.99.0> #PID<0.110.0>  \n\
               #Reference<0.1.2.3> #Function<42.3/1 in :erl_eval.expr/5>\n\
               12:34:56.789 [error] boom\n\
               \x20   (elixir 1.14.0) lib/kernel.ex:12: Kernel.foo/1\n\
               \x20   x.exs:3: (file)\n\
               \x20   not a stack line\n\n\n";
    let want = "#PID<0.1.0> #PID<0.2.0> #PID<0.1.0>\n\
                #Reference<1> #Function<...>\n\
                HH:MM:SS.mmm [error] boom\n\
                \x20   not a stack line\n";
    assert_eq!(normalize(raw), want);
    assert_eq!(normalize(""), "\n");

    let a = "iex(1)> {:module, Foo, <<70, 79,\n 82>>, {:hi, 0}}\niex(2)> #PID<0.7.0>\n  \n\
             HH:MM:SS.mmm [error] Process #PID<0.5.0> raised\n** (RuntimeError) x\niex(3)>";
    let (logs, answers) = repl_shape(a);
    assert_eq!(logs, vec!["HH:MM:SS.mmm [error] Process #PID<0.2.0> raised\n** (RuntimeError) x"]);
    assert_eq!(answers, vec!["", "{:module, Foo, ...}", "#PID<0.1.0>"]);

    let d = diff_text("a\nb\nc\n", "a\nB\nc\n", "want", "got");
    assert!(d.contains("-b\n") && d.contains("+B\n"), "{d}");
}

// ---------------------------------------------------------------------------------------------
// Running cases
// ---------------------------------------------------------------------------------------------

fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// All files under `dir`, recursively, sorted, skipping `fixtures/` folders.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            // `tools/` holds scripts that generate expectations, not cases.
            if p.file_name().is_some_and(|n| n != "fixtures" && n != "tools") {
                walk(&p, out);
            }
        } else {
            out.push(p);
        }
    }
}

/// Files that some `NAME.pre` in the same folder names: they are loaded by REPL cases, not run.
fn preloaded_files(all: &[PathBuf]) -> Vec<PathBuf> {
    all.iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pre"))
        .filter_map(|p| {
            let name = fs::read_to_string(p).ok()?;
            Some(p.parent()?.join(name.trim()))
        })
        .collect()
}

fn run_cases(title: &str, select: impl Fn(&Path) -> bool) {
    let root = tests_dir();
    let mut all = Vec::new();
    walk(&root, &mut all);
    let pre = preloaded_files(&all);
    let filter = std::env::var("VIAL_TEST_FILTER").unwrap_or_default();
    let cases: Vec<PathBuf> = all
        .iter()
        .filter(|p| !pre.contains(p))
        .filter(|p| {
            let rel = p.strip_prefix(&root).unwrap();
            select(rel) && rel.to_string_lossy().contains(&filter)
        })
        .cloned()
        .collect();

    let mut failures = Vec::new();
    for case in &cases {
        let rel = case.strip_prefix(&root).unwrap().display().to_string();
        let started = Instant::now();
        let result = if case.extension().is_some_and(|e| e == "iex") {
            check_repl(case)
        } else {
            check_script(case)
        };
        match result {
            Ok(()) => eprintln!("PASS tests/{rel} ({:.1}s)", started.elapsed().as_secs_f64()),
            Err(report) => {
                eprintln!("FAIL tests/{rel}");
                failures.push((rel, report));
            }
        }
    }
    if !failures.is_empty() {
        let mut msg = String::new();
        for (rel, report) in &failures {
            let _ = writeln!(msg, "\n==== FAIL tests/{rel}\n{report}");
        }
        let _ = writeln!(
            msg,
            "{title}: {} passed, {} failed",
            cases.len() - failures.len(),
            failures.len()
        );
        // Print everything first: a panic message is easy to lose in a long run.
        eprintln!("{msg}");
        panic!("{title}: {} of {} cases failed (diffs above)", failures.len(), cases.len());
    }
    eprintln!("{title}: {} passed, 0 failed", cases.len());
}

struct Outcome {
    stdout: String,
    stderr: String,
    /// `None` when the process was killed (timeout or signal).
    code: Option<i32>,
    timed_out: bool,
}

fn extra_args() -> Vec<String> {
    let mut args: Vec<String> = MODE_ARGS.with(|m| m.borrow().clone());
    args.extend(std::env::var("VIAL_TEST_ARGS").unwrap_or_default().split_whitespace().map(String::from));
    args
}

/// Runs `vial ARGS` in `cwd`, feeding `stdin` (or nothing), killing it after `TIMEOUT`.
fn run_vial(cwd: &Path, args: &[String], stdin: Option<Vec<u8>>) -> Outcome {
    let bin = std::env::var("VIAL_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_vial").to_string());
    let mut child = Command::new(bin)
        .args(extra_args())
        .args(args)
        .current_dir(cwd)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the vial binary");
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        // A REPL that exits early closes the pipe; a write error then is not our failure.
        thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let reader = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = reader(Box::new(child.stdout.take().unwrap()));
    let err = reader(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + TIMEOUT;
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                timed_out = true;
                break child.wait().ok();
            }
            Ok(None) => thread::sleep(Duration::from_millis(10)),
            Err(_) => break None,
        }
    };
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Outcome {
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        code: status.and_then(|s| s.code()),
        timed_out,
    }
}

fn sibling(case: &Path, ext: &str) -> PathBuf {
    case.with_extension(ext)
}

fn read_opt(path: &Path) -> Option<String> {
    fs::read_to_string(path).ok()
}

/// The text after `# KEY:` on a line, wherever the comment starts (so `IO.puts 1 # expect: 1`
/// works), without the one space after the colon.
fn directive<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let tag = format!("# {key}:");
    let at = line.find(&tag)?;
    let rest = &line[at + tag.len()..];
    Some(rest.strip_prefix(' ').unwrap_or(rest).trim_end())
}

fn describe_exit(o: &Outcome) -> String {
    match (o.timed_out, o.code) {
        (true, _) => format!("killed after {}s timeout", TIMEOUT.as_secs()),
        (false, Some(c)) => format!("exit code {c}"),
        (false, None) => "killed by a signal".to_string(),
    }
}

fn check_script(case: &Path) -> Result<(), String> {
    check_script_against(case, case)
}

/// Runs the script `case`, judging it by the expectation files beside `expect` (`expect` with
/// its extension replaced by `out`, `err`, `exit`, `unordered`), or by its `# expect` comments.
fn check_script_against(case: &Path, expect: &Path) -> Result<(), String> {
    let source = fs::read_to_string(case).map_err(|e| format!("cannot read script: {e}"))?;
    let dir = case.parent().unwrap();
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let mut args = vec![name];
    for line in source.lines() {
        if let Some(a) = directive(line, "args") {
            args.extend(a.split_whitespace().map(String::from));
        }
    }
    let out_file = read_opt(&sibling(expect, "out"));
    // Racy output (which process prints first): compare the lines as a sorted multiset.
    let unordered = sibling(expect, "unordered").exists();
    let mut report = String::new();

    let (want_out, want_err_exact, want_err_parts, want_exit) = match &out_file {
        Some(out) => {
            let exit = match read_opt(&sibling(expect, "exit")) {
                Some(s) => s.trim().parse::<i32>().map_err(|e| format!("bad .exit file: {e}"))?,
                None => 0,
            };
            (normalize(out), read_opt(&sibling(expect, "err")).map(|e| normalize(&e)), vec![], exit)
        }
        None => {
            let mut lines = Vec::new();
            let mut parts = Vec::new();
            let mut exit = 0;
            let mut any = false;
            for line in source.lines() {
                if let Some(t) = directive(line, "expect") {
                    lines.push(t.to_string());
                    any = true;
                } else if let Some(t) = directive(line, "expect-stderr") {
                    parts.push(t.to_string());
                    any = true;
                } else if let Some(t) = directive(line, "expect-exit") {
                    exit = t.trim().parse::<i32>().map_err(|e| format!("bad expect-exit: {e}"))?;
                    any = true;
                }
            }
            if !any {
                return Err("no expectations: add a NAME.out file or `# expect:` comments".into());
            }
            let text = if lines.is_empty() { "\n".to_string() } else { lines.join("\n") + "\n" };
            (normalize(&text), None, parts, exit)
        }
    };

    let o = run_vial(dir, &args, None);
    let got_out = normalize(&o.stdout);
    if o.timed_out || o.code != Some(want_exit) {
        let _ = writeln!(report, "expected exit code {want_exit}, got {}", describe_exit(&o));
    }
    if unordered {
        let (w, g) = (lines_of(&want_out), lines_of(&got_out));
        if w != g {
            let _ = writeln!(report, "printed lines differ (compared as a sorted multiset):");
            report.push_str(&diff_text(&(w.join("\n") + "\n"), &(g.join("\n") + "\n"), "expected", "vial"));
        }
    } else if got_out != want_out {
        let _ = writeln!(report, "stdout differs:");
        report.push_str(&diff_text(&want_out, &got_out, "expected stdout", "vial stdout"));
    }
    if let Some(want_err) = want_err_exact {
        let got_err = normalize(&o.stderr);
        if got_err != want_err {
            let _ = writeln!(report, "stderr differs:");
            report.push_str(&diff_text(&want_err, &got_err, "expected stderr", "vial stderr"));
        }
    }
    // case-insensitive, so `error` accepts `Error:`, `SyntaxError`, `error[E1]`...
    let stderr_lower = o.stderr.to_lowercase();
    let missing: Vec<_> = want_err_parts
        .iter()
        .filter(|p| !stderr_lower.contains(&p.to_lowercase()))
        .collect();
    if !missing.is_empty() {
        for p in missing {
            let _ = writeln!(report, "stderr lacks expected text: {p:?}");
        }
        let _ = writeln!(report, "vial stderr was:\n{}", indent(&o.stderr));
    }
    if report.is_empty() {
        Ok(())
    } else {
        if !o.stderr.trim().is_empty() && !report.contains("stderr") {
            let _ = writeln!(report, "(vial stderr:)\n{}", indent(&o.stderr));
        }
        Err(report)
    }
}

fn check_repl(case: &Path) -> Result<(), String> {
    let dir = case.parent().unwrap();
    let input = fs::read(case).map_err(|e| format!("cannot read session: {e}"))?;
    let want = read_opt(&sibling(case, "out")).ok_or("no .out file for this REPL session")?;
    let mut args = Vec::new();
    if let Some(pre) = read_opt(&sibling(case, "pre")) {
        args.push("-i".to_string());
        args.push(pre.trim().to_string());
    }
    let o = run_vial(dir, &args, Some(input));
    let got = normalize(&o.stdout);
    let mut report = String::new();
    if o.timed_out {
        let _ = writeln!(report, "{}", describe_exit(&o));
    }
    if sibling(case, "unordered").exists() {
        let (w, g) = (lines_of(&want), lines_of(&got));
        if w != g {
            let _ = writeln!(report, "printed lines differ (compared as a sorted multiset):");
            report.push_str(&diff_text(&(w.join("\n") + "\n"), &(g.join("\n") + "\n"), "expected", "vial"));
        }
    } else {
        let (w, g) = (repl_shape(&want), repl_shape(&got));
        if w != g {
            let _ = writeln!(report, "REPL transcript differs (answers per prompt; log blocks unordered):");
            report.push_str(&diff_text(&render_shape(&w), &render_shape(&g), "expected", "vial"));
        }
    }
    if let Some(want_err) = read_opt(&sibling(case, "err")) {
        let (w, g) = (normalize(&want_err), normalize(&o.stderr));
        if w != g {
            let _ = writeln!(report, "stderr differs:");
            report.push_str(&diff_text(&w, &g, "expected stderr", "vial stderr"));
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        if !o.stderr.trim().is_empty() && !report.contains("stderr") {
            let _ = writeln!(report, "(vial stderr:)\n{}", indent(&o.stderr));
        }
        Err(report)
    }
}

fn indent(text: &str) -> String {
    let mut s = String::new();
    for l in text.lines().take(MAX_DIFF_LINES) {
        let _ = writeln!(s, "    | {l}");
    }
    s
}

fn render_shape((logs, answers): &(Vec<String>, Vec<String>)) -> String {
    let mut s = String::new();
    for (i, a) in answers.iter().enumerate() {
        let _ = writeln!(s, "[prompt {i}] {a}");
    }
    if !logs.is_empty() {
        let _ = writeln!(s, "[log blocks, sorted]");
        for b in logs {
            let _ = writeln!(s, "{b}");
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Line diff (LCS, unified style with 3 lines of context)
// ---------------------------------------------------------------------------------------------

fn diff_text(want: &str, got: &str, want_name: &str, got_name: &str) -> String {
    // normalize() renders "nothing printed" as a lone newline: show that as no lines at all
    let lines = |t: &'_ str| -> Vec<String> {
        if t == "\n" { Vec::new() } else { t.lines().map(String::from).collect() }
    };
    let (a, b) = (lines(want), lines(got));
    // Keep the quadratic table bounded if a run prints something enormous.
    let a = &a[..a.len().min(3000)];
    let b = &b[..b.len().min(3000)];
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    // The edit script: (' ' | '-' | '+', line, index in a, index in b)
    let mut ops: Vec<(char, &str, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', &a[i], i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            ops.push(('-', &a[i], i, j));
            i += 1;
        } else {
            ops.push(('+', &b[j], i, j));
            j += 1;
        }
    }
    let mut out = format!("--- {want_name}\n+++ {got_name}\n");
    const CTX: usize = 3;
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != ' ').collect();
    let mut printed = 0;
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(CTX);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * CTX {
            end = changed[k];
            k += 1;
        }
        let end = (end + CTX + 1).min(ops.len());
        let (a0, b0) = (ops[start].2, ops[start].3);
        let a_len = ops[start..end].iter().filter(|o| o.0 != '+').count();
        let b_len = ops[start..end].iter().filter(|o| o.0 != '-').count();
        let _ = writeln!(out, "@@ -{},{a_len} +{},{b_len} @@", a0 + 1, b0 + 1);
        for op in &ops[start..end] {
            if printed >= MAX_DIFF_LINES {
                out.push_str("... (diff truncated)\n");
                return out;
            }
            let _ = writeln!(out, "{}{}", op.0, op.1);
            printed += 1;
        }
    }
    if changed.is_empty() {
        out.push_str("(texts differ only in line endings or whitespace)\n");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Normalization: a port of shared/tools/normalize.py (no regex crate)
// ---------------------------------------------------------------------------------------------

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Python's `str.splitlines()`.
fn splitlines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let brk = matches!(
            c,
            '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
        );
        if brk {
            lines.push(&text[start..i]);
            let mut next = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(_, '\n')) = chars.peek() {
                    chars.next();
                    next += 1;
                }
            }
            start = next;
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Replaces every match of `find` (which returns the length of a match starting at the given
/// offset, if any) with `replace(matched_text)`.
fn replace_all(text: &str, find: impl Fn(&str) -> Option<usize>, mut replace: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some(len) = find(&text[i..]) {
            out.push_str(&replace(&text[i..i + len]));
            i += len;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Length of the leading run of chars satisfying `pred`, in bytes.
fn run_len(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|&(_, c)| !pred(c)).map_or(s.len(), |(i, _)| i)
}

/// `#PID<\d+\.\d+\.\d+>`
fn match_pid(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("#PID<")?;
    let mut pos = 5;
    let mut r = rest;
    for sep in ['.', '.', '>'] {
        let d = run_len(r, |c| c.is_ascii_digit());
        if d == 0 || !r[d..].starts_with(sep) {
            return None;
        }
        pos += d + 1;
        r = &r[d + 1..];
    }
    Some(pos)
}

/// `#Reference<[\d.]+>`
fn match_ref(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("#Reference<")?;
    let d = run_len(rest, |c| c.is_ascii_digit() || c == '.');
    (d > 0 && rest[d..].starts_with('>')).then_some(11 + d + 1)
}

/// `#Function<[^>]*>`
fn match_fun(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("#Function<")?;
    rest.find('>').map(|k| 10 + k + 1)
}

fn renumber(text: &str, find: impl Fn(&str) -> Option<usize>, fmt: impl Fn(usize) -> String, seen: &mut HashMap<String, usize>) -> String {
    replace_all(text, find, |m| {
        let next = seen.len() + 1;
        let n = *seen.entry(m.to_string()).or_insert(next);
        fmt(n)
    })
}

/// `^\d\d:\d\d:\d\d\.\d\d\d ` at the start of each line (multiline mode: after `\n` only).
fn mask_times(text: &str) -> String {
    let is_time = |l: &str| {
        let b = l.as_bytes();
        b.len() >= 13
            && [0, 1, 3, 4, 6, 7, 9, 10, 11].iter().all(|&i| b[i].is_ascii_digit())
            && b[2] == b':'
            && b[5] == b':'
            && b[8] == b'.'
            && b[12] == b' '
    };
    let mut out = String::with_capacity(text.len());
    for (k, piece) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if is_time(piece) {
            out.push_str("HH:MM:SS.mmm ");
            out.push_str(&piece[13..]);
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// `^\s+(\([\w.-]+ [\w.-]+\) )?[\w./<>-]+\.(ex|exs|erl|rs):\d+: .*$`
fn is_stack_line(line: &str) -> bool {
    let ws = run_len(line, char::is_whitespace);
    if ws == 0 {
        return false;
    }
    let mut r = &line[ws..];
    let name = |c: char| is_word(c) || c == '.' || c == '-';
    if let Some(p) = r.strip_prefix('(') {
        let a = run_len(p, name);
        if a == 0 || !p[a..].starts_with(' ') {
            return false;
        }
        let p = &p[a + 1..];
        let b = run_len(p, name);
        if b == 0 || !p[b..].starts_with(") ") {
            return false;
        }
        r = &p[b + 2..];
    }
    let path = run_len(r, |c| is_word(c) || "./<>-".contains(c));
    let (file, rest) = r.split_at(path);
    let Some(rest) = rest.strip_prefix(':') else { return false };
    let ext_ok = [".ex", ".exs", ".erl", ".rs"]
        .iter()
        .any(|e| file.len() > e.len() && file.ends_with(e));
    let d = run_len(rest, |c| c.is_ascii_digit());
    ext_ok && d > 0 && rest[d..].starts_with(": ")
}

/// `^(Interactive Elixir .*|Interactive .* - press Ctrl\+C.*|.*\[notice\] SIGTERM received.*)$`
fn is_dropped_line(line: &str) -> bool {
    line.starts_with("Interactive Elixir ")
        || line.strip_prefix("Interactive ").is_some_and(|r| r.contains(" - press Ctrl+C"))
        || line.contains("[notice] SIGTERM received")
}

/// Port of `normalize()`.
fn normalize(text: &str) -> String {
    let text = renumber(text, match_pid, |n| format!("#PID<0.{n}.0>"), &mut HashMap::new());
    let text = renumber(&text, match_ref, |n| format!("#Reference<{n}>"), &mut HashMap::new());
    let text = replace_all(&text, match_fun, |_| "#Function<...>".to_string());
    let text = mask_times(&text);
    let mut lines: Vec<&str> = splitlines(&text)
        .into_iter()
        .filter(|l| !is_stack_line(l) && !is_dropped_line(l))
        .map(|l| l.trim_end())
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    lines[first..].join("\n") + "\n"
}

/// `(?:iex|\.\.\.)\(\d+\)>` at the start of `s`.
fn match_prompt(s: &str) -> Option<usize> {
    let (p, r) = if let Some(r) = s.strip_prefix("iex(") {
        (4, r)
    } else if let Some(r) = s.strip_prefix("...(") {
        (4, r)
    } else {
        return None;
    };
    let d = run_len(r, |c| c.is_ascii_digit());
    (d > 0 && r[d..].starts_with(")>")).then_some(p + d + 2)
}

/// `\{:module, ([\w.]+),\s*<<.*?>>,\s*(.*?)\}$` (dotall, multiline) -> `{:module, NAME, ...}`
fn mask_modules(text: &str) -> String {
    let try_at = |s: &str| -> Option<(usize, String)> {
        let r = s.strip_prefix("{:module, ")?;
        let n = run_len(r, |c| is_word(c) || c == '.');
        if n == 0 || !r[n..].starts_with(',') {
            return None;
        }
        let name = r[..n].to_string();
        let after = &r[n + 1..];
        let ws = run_len(after, char::is_whitespace);
        let bin = after[ws..].strip_prefix("<<")?;
        let close = bin.find(">>,")?;
        let tail = &bin[close + 3..];
        // the first `}` that ends a line (or the text)
        let mut end = None;
        for (i, _) in tail.match_indices('}') {
            let next = &tail[i + 1..];
            if next.is_empty() || next.starts_with('\n') {
                end = Some(i + 1);
                break;
            }
        }
        let end = end?;
        let consumed = s.len() - tail.len() + end;
        Some((consumed, name))
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some((len, name)) = try_at(&text[i..]) {
            let _ = write!(out, "{{:module, {name}, ...}}");
            i += len;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Collapses every whitespace run that contains a newline into one `\n` (`\s*\n\s*` -> `\n`).
fn collapse_newline_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if c.is_whitespace() {
            run.push(c);
        } else {
            if !run.is_empty() {
                out.push_str(if run.contains('\n') { "\n" } else { &run });
                run.clear();
            }
            out.push(c);
        }
    }
    if !run.is_empty() {
        out.push_str(if run.contains('\n') { "\n" } else { &run });
    }
    out
}

/// Port of `repl_shape()`: (sorted log blocks, what each prompt answered).
fn repl_shape(text: &str) -> (Vec<String>, Vec<String>) {
    let text = mask_modules(text);
    let is_log = |l: &str| {
        ["error", "warning", "info", "notice"]
            .iter()
            .any(|k| l.starts_with(&format!("HH:MM:SS.mmm [{k}]")))
    };
    let mut logs: Vec<Vec<String>> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    let mut in_block = false;
    for line in splitlines(&text) {
        if is_log(line) {
            logs.push(vec![line.to_string()]);
            in_block = true;
            continue;
        }
        if in_block {
            if !line.trim().is_empty()
                && match_prompt(line).is_none()
                && !line.starts_with("** (EXIT")
                && (line.starts_with("** ") || line.starts_with("    ") || line.starts_with("Function:"))
            {
                logs.last_mut().unwrap().push(line.to_string());
                continue;
            }
            in_block = false;
        }
        rest.push(line);
    }
    let mut seen = HashMap::new();
    let rest_text = renumber(&rest.join("\n"), match_pid, |n| format!("#PID<0.{n}.0>"), &mut seen);
    let mut logs: Vec<String> = logs
        .iter()
        .map(|b| {
            b.iter()
                .map(|l| renumber(l, match_pid, |n| format!("#PID<0.{n}.0>"), &mut seen))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    logs.sort();
    // PROMPT.split: the prompt may appear anywhere, not only at a line start
    let mut answers = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < rest_text.len() {
        if let Some(len) = match_prompt(&rest_text[i..]) {
            answers.push(std::mem::take(&mut cur));
            i += len;
        } else {
            let c = rest_text[i..].chars().next().unwrap();
            cur.push(c);
            i += c.len_utf8();
        }
    }
    answers.push(cur);
    let mut answers: Vec<String> = answers.iter().map(|a| collapse_newline_space(a.trim())).collect();
    while answers.last().is_some_and(|a| a.is_empty()) {
        answers.pop();
    }
    (logs, answers)
}

/// difftest's `lines_of()`: prompts removed, non-blank lines stripped and sorted.
fn lines_of(text: &str) -> Vec<String> {
    let text = replace_all(text, match_prompt, |_| "\n".to_string());
    let mut lines: Vec<String> = splitlines(&text)
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort();
    lines
}
