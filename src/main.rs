//! The `vial` command line: runs scripts, evaluates `-e` code, or starts the REPL.
fn main() {}
