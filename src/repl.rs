//! The interactive shell (`vial`, `vial -i FILE`): reads expressions, has the shell process
//! evaluate them, prints results as iex does.
//!
//! The shell is an ordinary process running `IEx.Server.loop/0` (stdlib/iex.ex), with a pid,
//! a mailbox and links, so `self()`, `flush()` and `receive` behave as in iex. This driver
//! runs on the main thread: it reads lines (from rustyline on a terminal, plain lines when
//! piped), compiles each complete expression as a function of the session's bindings, sends
//! it to the shell, waits for the answer and prints it. When the shell dies — a linked
//! process crashed — it prints iex's message and starts a fresh shell, numbering from 1.

use std::io::{BufRead, IsTerminal};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::runtime::{ReplEvent, Runtime};
use crate::term::inspect::{inspect, inspect_with, InspectOpts};
use crate::term::{Atom, Pid, Term};
use crate::vm::{exception, Host};

/// How long the driver lets processes spawned by an expression run before printing its
/// result, so that a linked crash is reported in place of the result, as iex shows it.
const SETTLE_LIMIT: Duration = Duration::from_millis(200);

/// Set by the SIGINT handler (terminal mode) while an expression is being evaluated.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// How many earlier results `v/1` can reach (iex keeps 20 by default; memory stays bounded).
const MAX_HISTORY: usize = 100;

/// The atom helpers return to say "print nothing" (as iex's `IEx.dont_display_result`).
const NO_RESULT: &str = "do not show this result in output";

struct Session {
    rt: Arc<Runtime>,
    events: Receiver<ReplEvent>,
    shell: Pid,
    counter: usize,
    names: Vec<String>,
    values: Vec<Term>,
    /// Earlier results, newest first, as `{number, value}` for `v/0,1`.
    history: Vec<Term>,
}

/// Runs the REPL until end of input or `System.halt`; returns the exit status.
pub fn run(opts: &crate::Options, preload: Option<&str>) -> i32 {
    crate::load_stdlib();
    // The shell's own modules are compiled up front: the helpers are imported by every input.
    crate::vm::code::load_lazily(Atom::alias("IEx.Server"));
    let n = opts.schedulers.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let rt = Runtime::new(n, opts.argv.clone());
    let _ = rt.compile_file.set(compile_file_hook);
    let (tx, rx) = channel();
    *rt.repl.lock().unwrap_or_else(|e| e.into_inner()) = Some(tx);
    let sched_rt = rt.clone();
    std::thread::spawn(move || crate::runtime::run_program(&sched_rt));

    let mut s = Session { rt: rt.clone(), events: rx, shell: Pid(0), counter: 1, names: vec![], values: vec![], history: vec![] };
    s.spawn_shell();
    if let Some(path) = preload {
        match std::fs::read_to_string(path) {
            Ok(src) => {
                if let Some(out) = s.eval(&src, path, false) {
                    s.rt.write_out(out.as_bytes());
                }
            }
            Err(e) => {
                eprintln!("** (File.Error) could not read file \"{path}\": {}", e.to_string().to_lowercase());
                return 1;
            }
        }
    }
    s.banner();
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        s.terminal_loop()
    } else {
        s.piped_loop()
    }
}

/// `c/1`: compiles a file and loads its modules without running the rest of it.
fn compile_file_hook(path: &str) -> Result<Vec<Atom>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("** (File.Error) could not read file \"{path}\": {e}\n"))?;
    let chunk = crate::compile(&src, path)?;
    let mut mods: Vec<Atom> = chunk.modules.iter().map(|m| m.name).collect();
    crate::install_modules(&chunk);
    for m in &mods {
        crate::vm::code::table().set_source(*m, path);
    }
    mods.sort_by(|a, b| a.name().cmp(b.name()));
    Ok(mods)
}

impl Session {
    fn spawn_shell(&mut self) {
        let loop_fn = crate::vm::natives::export_fun(Atom::alias("IEx.Server"), Atom::intern("loop"), 0);
        let (pid, _) = self.rt.spawn(Pid(0), loop_fn, false, false);
        self.rt.shell.store(pid.0, Ordering::SeqCst);
        self.shell = pid;
    }

    fn banner(&self) {
        let text = format!("Interactive Vial ({}) - press Ctrl+C to exit (type h() ENTER for help)\n", env!("CARGO_PKG_VERSION"));
        self.rt.write_out(text.as_bytes());
    }

    fn prompt(&self, continuation: bool) -> String {
        if continuation { format!("...({})> ", self.counter) } else { format!("iex({})> ", self.counter) }
    }

    fn halted(&self) -> Option<i32> {
        self.rt.halted.load(Ordering::SeqCst).then(|| self.rt.exit_code.load(Ordering::SeqCst))
    }

    /// Plain line reading for piped input: the same prompts and answers as a terminal.
    fn piped_loop(&mut self) -> i32 {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines();
        let mut buf = String::new();
        loop {
            self.rt.write_out(self.prompt(!buf.is_empty()).as_bytes());
            let Some(Ok(line)) = lines.next() else {
                self.rt.write_out(b"\n");
                return 0;
            };
            buf.push_str(&line);
            buf.push('\n');
            if crate::syntax::is_incomplete(&buf) {
                continue;
            }
            let src = std::mem::take(&mut buf);
            if let Some(out) = self.eval(&src, "iex", true) {
                self.rt.write_out(out.as_bytes());
            }
            if let Some(code) = self.halted() {
                return code;
            }
        }
    }

    /// Line editing, history and completion on a terminal.
    fn terminal_loop(&mut self) -> i32 {
        use rustyline::error::ReadlineError;
        // While rustyline reads, the terminal is raw and Ctrl+C arrives as a key; during an
        // evaluation it is a signal, which must stop the evaluation, not vial.
        let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
        let mut editor = match rustyline::Editor::<crate::repl_complete::Helper, rustyline::history::DefaultHistory>::new() {
            Ok(e) => e,
            Err(_) => return self.piped_loop(),
        };
        editor.set_helper(Some(crate::repl_complete::Helper::default()));
        let history = std::env::var("HOME").map(|h| format!("{h}/.vial_history")).ok();
        if let Some(h) = &history {
            let _ = editor.load_history(h);
        }
        let mut buf = String::new();
        let mut interrupted = false;
        let code = loop {
            if let Some(helper) = editor.helper_mut() {
                helper.names.clone_from(&self.names);
            }
            match editor.readline(&self.prompt(!buf.is_empty())) {
                Ok(line) => {
                    interrupted = false;
                    buf.push_str(&line);
                    buf.push('\n');
                    if crate::syntax::is_incomplete(&buf) {
                        continue;
                    }
                    let src = std::mem::take(&mut buf);
                    let _ = editor.add_history_entry(src.trim_end());
                    if let Some(out) = self.eval(&src, "iex", true) {
                        self.rt.write_out(colour(&out).as_bytes());
                    }
                    if let Some(code) = self.halted() {
                        break code;
                    }
                }
                Err(ReadlineError::Interrupted) => {
                    // One Ctrl+C abandons the current input; two in a row exit.
                    if interrupted {
                        break 0;
                    }
                    interrupted = true;
                    buf.clear();
                }
                Err(_) => break 0,
            }
        };
        if let Some(h) = &history {
            let _ = editor.save_history(h);
        }
        code
    }

    /// Evaluates `src` in the shell. Returns what to print (the result or the error), or
    /// `None` when there is nothing to print.
    fn eval(&mut self, src: &str, file: &str, show: bool) -> Option<String> {
        let names = &self.names;
        let compiled = crate::with_compiler_stack(|| {
            let ast = crate::syntax::parse(src).map_err(|e| crate::render_error(Box::new(e), file, src))?;
            let helpers = [Atom::alias("IEx.Helpers")];
            crate::compiler::compile_repl(&ast, src, file, names, &helpers).map_err(|e| crate::render_error(Box::new(e), file, src))
        });
        let (chunk, new_names) = match compiled {
            Ok(r) => r,
            Err(report) => return Some(report),
        };
        let lambda = crate::bytecode::Lambda {
            module: None,
            parent: (Atom::intern("__script__"), 0),
            index: 0,
            arity: self.names.len() as u32,
            chunk,
            capture_slots: vec![],
        };
        let fun = Term::Fun(Arc::new(crate::term::Closure::Lambda { code: crate::bytecode::immortal(Arc::new(lambda)), env: Box::new([]) }));
        let msg = Term::tuple(vec![
            Term::Atom(Atom::intern("$iex_eval")),
            fun,
            Term::list(self.values.clone()),
            Term::list(self.history.clone()),
        ]);
        INTERRUPTED.store(false, Ordering::SeqCst);
        self.rt.send(Pid(0), self.shell, msg);
        let result = loop {
            match self.events.recv_timeout(Duration::from_millis(50)) {
                Ok(ReplEvent::Done(r)) => break r,
                Ok(ReplEvent::ShellDied(pid, reason)) if pid == self.shell => return self.shell_died(reason),
                Ok(ReplEvent::ShellDied(..)) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    if self.halted().is_some() {
                        return None;
                    }
                    if INTERRUPTED.swap(false, Ordering::SeqCst) {
                        // Kill the evaluating shell; its death restarts a fresh one.
                        let kill = crate::vm::natives::HostOp::Exit(self.shell, Term::Atom(Atom::KILL));
                        let _ = self.rt.call(Pid(0), kill);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        };
        if self.halted().is_some() {
            return None;
        }
        self.settle();
        // A linked process that crashed while we settled killed the shell: that is the answer.
        if let Ok(ReplEvent::ShellDied(pid, reason)) = self.events.try_recv() {
            if pid == self.shell {
                return self.shell_died(reason);
            }
        }
        let number = self.counter;
        let items = match &result {
            Term::Tuple(t) => t.to_vec(),
            _ => vec![],
        };
        match items.as_slice() {
            [tag, pair] if tag.is_atom(Atom::OK) => {
                if let Term::Tuple(p) = pair {
                    if let (Some(value), Some(Term::Tuple(vals))) = (p.first(), p.get(1)) {
                        // Like iex, only an evaluation that succeeded takes a number.
                        self.counter += 1;
                        self.names = new_names;
                        self.values = vals.to_vec();
                        self.history.insert(0, Term::tuple(vec![Term::Int(number as i64), value.clone()]));
                        self.history.truncate(MAX_HISTORY);
                        if !show || value.is_atom(Atom::intern(NO_RESULT)) {
                            return None;
                        }
                        let opts = InspectOpts { pretty: true, ..InspectOpts::default() };
                        return Some(format!("{}\n", inspect_with(value, &opts)));
                    }
                }
                None
            }
            [_, kind, reason, stack] => {
                let kind = kind.as_atom().unwrap_or(Atom::ERROR);
                let e = exception::Exception { kind, reason: reason.clone(), stack: stack.clone() };
                Some(format!("{}\n{}", exception::format_banner(&e), crate::runtime::format_stack(stack)))
            }
            _ => None,
        }
    }

    /// Waits (briefly) until no process is runnable.
    fn settle(&self) {
        let start = Instant::now();
        let mut idle_streak = 0;
        while start.elapsed() < SETTLE_LIMIT {
            if self.rt.sched.is_idle() {
                idle_streak += 1;
                if idle_streak >= 3 {
                    return;
                }
            } else {
                idle_streak = 0;
            }
            std::thread::sleep(Duration::from_micros(300));
        }
    }

    /// Prints iex's message for a dead shell and starts a new one.
    fn shell_died(&mut self, reason: Term) -> Option<String> {
        let old = self.shell;
        let text = if reason.is_atom(Atom::intern("respawn")) {
            String::new()
        } else {
            format!(
                "** (EXIT from {}) shell process exited with reason: {}\n\n",
                inspect(&Term::Pid(old)),
                exception::exit_reason_text(&reason)
            )
        };
        self.rt.write_out(text.as_bytes());
        self.names.clear();
        self.values.clear();
        self.history.clear();
        self.counter = 1;
        self.spawn_shell();
        self.banner();
        None
    }
}

/// Colours an answer as iex does on a terminal, unless `NO_COLOR` is set: errors red, and in
/// results iex's default syntax colours (numbers yellow, atoms and keys cyan, strings green,
/// booleans and `nil` magenta).
fn colour(out: &str) -> String {
    if std::env::var_os("NO_COLOR").is_some() {
        return out.to_string();
    }
    if out.starts_with("** (") {
        return format!("\x1b[31m{out}\x1b[0m");
    }
    syntax_colours(out)
}

const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const GREEN: &str = "\x1b[32m";
const MAGENTA: &str = "\x1b[35m";
const RESET: &str = "\x1b[0m";

/// Colours the tokens of text `inspect` has already laid out, so line breaking (decided on
/// the plain text) is unchanged.
pub(crate) fn syntax_colours(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    let word_char = |c: char| c.is_alphanumeric() || c == '_' || c == '?' || c == '!' || c == '@';
    let paint = |out: &mut String, colour: &str, s: &[char]| {
        out.push_str(colour);
        out.extend(s.iter());
        out.push_str(RESET);
    };
    while i < chars.len() {
        let c = chars[i];
        let prev_word = i > 0 && (word_char(chars[i - 1]) || chars[i - 1] == '.');
        if c == '"' {
            // A string, escapes included.
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            paint(&mut out, GREEN, &chars[start..i]);
        } else if c == ':' && !prev_word && chars.get(i + 1).is_some_and(|n| n.is_alphabetic() || *n == '_' || *n == '"') {
            // An atom: `:ok`, `:"with space"`.
            let start = i;
            i += 1;
            if chars[i] == '"' {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += 1;
                }
                i = (i + 1).min(chars.len());
            } else {
                while i < chars.len() && word_char(chars[i]) {
                    i += 1;
                }
            }
            paint(&mut out, CYAN, &chars[start..i]);
        } else if (c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()))) && !prev_word {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '.' | '_' | '-' | '+')) {
                // Stop at a range's `..`.
                if chars[i] == '.' && chars.get(i + 1) == Some(&'.') {
                    break;
                }
                i += 1;
            }
            paint(&mut out, YELLOW, &chars[start..i]);
        } else if word_char(c) && !prev_word {
            let start = i;
            while i < chars.len() && word_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&' ') {
                // A keyword key: `name:`.
                i += 1;
                paint(&mut out, CYAN, &chars[start..i]);
            } else if matches!(word.as_str(), "true" | "false" | "nil") {
                paint(&mut out, MAGENTA, &chars[start..i]);
            } else {
                out.push_str(&word);
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::syntax_colours;

    fn plain(s: &str) -> String {
        let mut out = String::new();
        let mut in_esc = false;
        for c in s.chars() {
            match (in_esc, c) {
                (false, '\x1b') => in_esc = true,
                (true, 'm') => in_esc = false,
                (true, _) => {}
                (false, c) => out.push(c),
            }
        }
        out
    }

    #[test]
    fn colours_tokens_without_changing_the_text() {
        let samples = [
            "{:ok, \"a \\\" b\", 42, -1.5e3, nil, true}",
            "%{name: \"Ada\", age: 36, tags: [:a, :\"b c\"]}",
            "[a: 1, b: 2]\n 1..10//2",
            "#PID<0.1.0> &IO.puts/1 Foo.Bar",
        ];
        for s in samples {
            assert_eq!(plain(&syntax_colours(s)), s);
        }
        let c = syntax_colours("{:ok, 42, \"x\", nil, key: 1}");
        assert!(c.contains("\x1b[36m:ok\x1b[0m"), "{c:?}");
        assert!(c.contains("\x1b[33m42\x1b[0m"), "{c:?}");
        assert!(c.contains("\x1b[32m\"x\"\x1b[0m"), "{c:?}");
        assert!(c.contains("\x1b[35mnil\x1b[0m"), "{c:?}");
        assert!(c.contains("\x1b[36mkey:\x1b[0m"), "{c:?}");
    }
}
