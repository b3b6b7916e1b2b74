//! Compiled code: the `Op` instruction set, code chunks with their constants and spans.
//! (Skeleton: filled in by the compiler work.)

use crate::term::Atom;

/// A compiled anonymous function body (`fn … end` or `&(…)`).
#[derive(Debug)]
pub struct Lambda {
    /// The module the `fn` was written in (`nil` for a top-level script).
    pub module: Atom,
    /// The enclosing named function and its arity, used by `inspect`: `in Mod.fun/2`.
    pub parent: (Atom, u32),
    /// Position of this lambda among its module's lambdas.
    pub index: u32,
    pub arity: u32,
}
