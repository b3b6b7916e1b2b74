//! Tab completion for the terminal REPL: module names, `Module.function` names and the
//! session's variables.

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::Context;

use crate::term::Atom;

#[derive(Default)]
pub(crate) struct Helper {
    /// Variables bound in the session.
    pub names: Vec<String>,
}

/// Every `(module, function)` the shell can call: natives and loaded modules.
fn functions() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = crate::vm::natives::names()
        .filter(|(m, _, _)| !m.starts_with(':') && !m.contains("Internal"))
        .map(|(m, f, _)| (m.to_string(), f.to_string()))
        .collect();
    let snap = crate::vm::code::table().snapshot();
    for (m, def) in &snap.modules {
        let name = crate::compiler::module_display(*m).to_string();
        for f in def.functions.iter().filter(|f| !f.private && !f.name.name().starts_with("__")) {
            out.push((name.clone(), f.name.name().to_string()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Candidates for the word ending at the cursor.
pub(crate) fn candidates(word: &str, names: &[String]) -> Vec<String> {
    let fns = functions();
    let mut out: Vec<String> = match word.rsplit_once('.') {
        Some((module, prefix)) if module.starts_with(|c: char| c.is_ascii_uppercase()) => fns
            .iter()
            .filter(|(m, f)| m == module && f.starts_with(prefix))
            .map(|(m, f)| format!("{m}.{f}"))
            .collect(),
        _ if word.starts_with(|c: char| c.is_ascii_uppercase()) => {
            fns.iter().map(|(m, _)| m.clone()).filter(|m| m.starts_with(word)).collect()
        }
        _ => names.iter().filter(|n| n.starts_with(word)).cloned().collect(),
    };
    out.sort();
    out.dedup();
    let _ = Atom::NIL;
    out
}

impl Completer for Helper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = line.get(..pos).unwrap_or("");
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '?' || c == '!'))
            .map(|i| i + 1)
            .unwrap_or(0);
        let word = &before[start..];
        let pairs = candidates(word, &self.names).into_iter().map(|c| Pair { display: c.clone(), replacement: c }).collect();
        Ok((start, pairs))
    }
}

impl Hinter for Helper {
    type Hint = String;
}
impl Highlighter for Helper {}
impl Validator for Helper {}
impl rustyline::Helper for Helper {}
