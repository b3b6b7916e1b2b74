//! Drives the interactive shell through a real pseudo-terminal: line editing, completion
//! of modules, functions and variables, Ctrl+C stopping a long evaluation, and history.

use rexpect::session::PtySession;

const TIMEOUT_MS: u64 = 20_000;

fn start(home: &std::path::Path) -> PtySession {
    let bin = env!("CARGO_BIN_EXE_vial");
    let mut cmd = std::process::Command::new(bin);
    cmd.env("HOME", home).env("NO_COLOR", "1").env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn vial in a pty");
    p.exp_string("iex(1)> ").expect("first prompt");
    settle();
    p
}

/// Types `line`, then waits for `answer` on a line of its own (not the echo of the input)
/// and for the next prompt `prompt`.
fn answer(p: &mut PtySession, line: &str, answer: &str, prompt: &str) {
    p.send_line(line).unwrap();
    p.exp_string(&format!("\n{answer}\r\n")).unwrap_or_else(|e| panic!("no answer {answer:?} to {line:?}: {e}"));
    p.exp_string(prompt).unwrap_or_else(|e| panic!("no prompt {prompt:?} after {line:?}: {e}"));
    settle();
}

/// Input typed before the line editor has re-entered raw mode is discarded by the
/// terminal, as it would be for a person typing ahead; pause as a person would.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(150));
}

fn home() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vial-pty-{}-{:?}", std::process::id(), std::thread::current().id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

#[test]
fn evaluates_and_keeps_bindings() {
    let h = home();
    let mut p = start(&h);
    answer(&mut p, "x = 40 + 2", "42", "iex(2)> ");
    answer(&mut p, "x * 2", "84", "iex(3)> ");
    // A multi-line expression gets continuation prompts.
    p.send_line("if x > 1 do").unwrap();
    p.exp_string("...(3)> ").unwrap();
    settle();
    p.send_line(":big").unwrap();
    p.exp_string("...(3)> ").unwrap();
    settle();
    answer(&mut p, "end", ":big", "iex(4)> ");
    p.send_line("System.halt()").unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn completes_functions_and_variables() {
    let h = home();
    let mut p = start(&h);
    answer(&mut p, "some_long_name = 5", "5", "iex(2)> ");
    // `Enum.map_j` has one completion: `Enum.map_join`.
    p.send("Enum.map_j\t").unwrap();
    p.flush().unwrap();
    p.exp_string("map_join").unwrap();
    settle();
    answer(&mut p, "([1, 2], \"-\", &to_string/1)", "\"1-2\"", "iex(3)> ");
    p.send("some_lo\t").unwrap();
    p.flush().unwrap();
    p.exp_string("some_long_name").unwrap();
    settle();
    answer(&mut p, " + 1", "6", "iex(4)> ");
    p.send_line("System.halt()").unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn ctrl_c_stops_a_long_evaluation_and_history_is_saved() {
    let h = home();
    let mut p = start(&h);
    p.send_line("Process.sleep(60_000)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c').unwrap();
    // The shell process is replaced and numbering starts again.
    p.exp_string("shell process exited").unwrap();
    p.exp_string("iex(1)> ").unwrap();
    settle();
    answer(&mut p, "1 + 1", "2", "iex(2)> ");
    p.send_line("System.halt()").unwrap();
    p.exp_eof().unwrap();
    let history = std::fs::read_to_string(h.join(".vial_history")).unwrap_or_default();
    assert!(history.contains("Process.sleep(60_000)"), "history was not saved: {history:?}");
}

#[test]
fn colours_results_on_a_terminal_unless_no_color() {
    let h = home();
    let bin = env!("CARGO_BIN_EXE_vial");
    let mut cmd = std::process::Command::new(bin);
    cmd.env("HOME", &h).env_remove("NO_COLOR").env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn vial in a pty");
    p.exp_string("iex(1)> ").unwrap();
    settle();
    p.send_line("{:ok, 42}").unwrap();
    // iex's default syntax colours: atoms cyan, numbers yellow.
    p.exp_string("\u{1b}[36m:ok\u{1b}[0m").unwrap();
    p.exp_string("\u{1b}[33m42\u{1b}[0m").unwrap();
    p.exp_string("iex(2)> ").unwrap();
    settle();
    p.send_line("raise \"boom\"").unwrap();
    p.exp_string("\u{1b}[31m** (RuntimeError) boom").unwrap();
    p.send_line("System.halt()").unwrap();
    p.exp_eof().unwrap();
}
