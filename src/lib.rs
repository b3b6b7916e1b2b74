//! vial: an interpreter for a small Elixir-like language with a BEAM-style process runtime.
//!
//! Data flows one way: source → tokens → AST ([`syntax`]) → bytecode ([`compiler`]) → VM
//! ([`vm`]). The CLI and the REPL are thin shells over this library.

pub mod bytecode;
pub mod compiler;
pub mod stdlib;
pub mod syntax;
pub mod term;
pub mod vm;
