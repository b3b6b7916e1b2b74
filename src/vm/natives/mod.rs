//! Native functions: the built-ins written in Rust, by module, and the registry the
//! compiler resolves calls against.
//!
//! A native receives its arguments as a mutable slice of the caller's stack and returns a
//! value. It may take an argument it consumes out of the slice (`take`): the caller drops
//! the slice after the call, and a map or list the caller moved into the call is then
//! updated in place instead of copied (`Map.put`, `:lists.reverse`). So nothing may read
//! the arguments after a native returns unless that native leaves them (`div`/`rem`, whose
//! operands arithmetic errors quote, do). Instead of a value, a native may return a
//! [`Flow`] asking the interpreter to raise or to call a function value (which is how
//! `apply/2` and friends reach interpreted code without the native calling back into the
//! VM). Natives that need a callback per element (`Enum.map/2`, …) are written in the
//! language itself, in `stdlib/`, on top of these.

mod atomics;
mod base;
mod binary;
mod convert;
mod enums;
pub mod ets;
mod hash;
mod io;
mod io_format;
mod kernel;
mod list;
mod map;
mod mapset;
mod number;
mod persistent_term;
mod phash;
mod string;
mod process;
pub mod protocol;
mod regex;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::exception::{self, Exception};
use super::{Flow, Host, NResult, ProcState};
use crate::term::{Atom, Closure, Pid, Term};

pub use kernel::member;

/// What a native is handed besides its arguments.
pub struct Ctx<'a> {
    pub st: &'a mut ProcState,
    pub host: &'a dyn Host,
}

pub type NativeFnPtr = fn(&mut Ctx, &mut [Term]) -> NResult;

/// One registered native: `Module.name/arity` (module as Elixir writes it: `Enum`, `:lists`).
pub struct NativeFn {
    pub module: &'static str,
    pub name: &'static str,
    pub arity: u32,
    pub f: NativeFnPtr,
}

/// Process operations a native asks of the host runtime.
#[derive(Debug)]
pub enum HostOp {
    Link(Pid),
    Unlink(Pid),
    Monitor(Term),
    Demonitor(Term, bool),
    Register(Atom, Pid),
    Unregister(Atom),
    Registered,
    Exit(Pid, Term),
    Alive(Pid),
    Info(Pid, Option<Atom>),
    List,
    SendAfter(Term, Term, u64),
    CancelTimer(Term),
    ReadTimer(Term),
    MakeRef,
    TrapExit(bool),
    Halt(i32),
    /// The shell finished an evaluation (REPL only).
    ReplDone(Term),
    /// `c("file.ex")`: compile and load a file.
    CompileFile(String),
    /// `System.argv()`.
    Argv,
}

fn all() -> impl Iterator<Item = &'static NativeFn> {
    kernel::FNS.iter().chain(io::FNS).chain(io_format::FNS).chain(process::FNS).chain(convert::FNS).chain(enums::FNS)
        .chain(map::FNS)
        .chain(mapset::FNS)
        .chain(list::FNS)
        .chain(string::FNS)
        .chain(number::FNS)
        .chain(regex::FNS)
        .chain(ets::FNS)
        .chain(binary::FNS)
        .chain(base::FNS)
        .chain(protocol::FNS)
        .chain(hash::FNS)
        .chain(atomics::FNS)
        .chain(persistent_term::FNS)
        .chain(phash::FNS)
}

fn registry() -> &'static (Vec<&'static NativeFn>, HashMap<(&'static str, &'static str, u32), u16>) {
    static REG: OnceLock<(Vec<&'static NativeFn>, HashMap<(&'static str, &'static str, u32), u16>)> = OnceLock::new();
    REG.get_or_init(|| {
        let list: Vec<&'static NativeFn> = all().collect();
        let map = list.iter().enumerate().map(|(i, n)| ((n.module.trim_start_matches(':'), n.name, n.arity), i as u16)).collect();
        (list, map)
    })
}

/// The id of native `module.name/arity` (`module` as written: `Kernel`, `:erlang`).
/// The `%Range{}` for `first..last//step` (`step` non-zero), for the compiler to fold a range
/// of integer literals into one constant.
pub fn range_term(first: i64, last: i64, step: i64) -> Option<Term> {
    kernel::range(&Term::Int(first), &Term::Int(last), &Term::Int(step)).ok()
}

pub fn lookup(module: &str, name: &str, arity: u32) -> Option<u16> {
    let m = if let Some(stripped) = module.strip_prefix(':') { stripped } else { module };
    registry().1.get(&(m, name, arity)).copied()
}

/// The function value `&module.name/arity`, with the native behind it (if any) looked up
/// now rather than on each call.
pub fn export_fun(module: Atom, name: Atom, arity: u32) -> Term {
    let native = lookup(crate::compiler::module_display(module), name.name(), arity);
    Term::Fun(Arc::new(Closure::Export { module, name, arity, native }))
}

/// Whether any native belongs to `module` (so the module counts as loaded).
pub fn has_module(module: &str) -> bool {
    let m = module.trim_start_matches(':');
    registry().0.iter().any(|n| n.module.trim_start_matches(':') == m)
}

/// The registered native with this id, for the disassembler.
pub fn describe(id: u16) -> Option<(&'static str, &'static str, u32)> {
    registry().0.get(id as usize).map(|n| (n.module, n.name, n.arity))
}

/// Every registered native (the REPL's completion lists them).
pub fn names() -> impl Iterator<Item = (&'static str, &'static str, u32)> {
    registry().0.iter().map(|n| (n.module, n.name, n.arity))
}

pub fn call(id: u16, st: &mut ProcState, host: &dyn Host, args: &mut [Term]) -> NResult {
    match registry().0.get(id as usize) {
        Some(n) => (n.f)(&mut Ctx { st, host }, args),
        None => Err(Flow::Raise(exception::runtime_error("internal: unknown native"))),
    }
}

/// A pseudo-random number for `Enum.random`, `Enum.shuffle` and `:rand`: xorshift over a
/// shared seed stirred with the clock. Not cryptographic, and not Erlang's sequences.
pub(crate) fn random_u64() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEED: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let mut x = SEED.load(Ordering::Relaxed) ^ (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0));
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    SEED.store(x, Ordering::Relaxed);
    x
}

// ---- argument helpers shared by the native modules ----

pub(crate) fn arg(args: &[Term], i: usize) -> &Term {
    const NIL: Term = Term::Atom(Atom::NIL);
    args.get(i).unwrap_or(&NIL)
}

/// Takes argument `i` out of the caller's stack, which drops the arguments after the call
/// anyway; taking rather than cloning leaves the value with one fewer holder, so a map or
/// list the caller moved into the call can be reused in place.
pub(crate) fn take(a: &mut [Term], i: usize) -> Term {
    a.get_mut(i).map(|t| std::mem::replace(t, Term::Nil)).unwrap_or(Term::NIL_ATOM)
}

pub(crate) fn int(t: &Term) -> Result<i64, Exception> {
    match t {
        Term::Int(i) => Ok(*i),
        _ => Err(exception::badarg()),
    }
}

pub(crate) fn atom(t: &Term) -> Result<Atom, Exception> {
    t.as_atom().ok_or_else(exception::badarg)
}

pub(crate) fn bin(t: &Term) -> Result<&[u8], Exception> {
    t.as_bytes().ok_or_else(exception::badarg)
}

pub(crate) fn string(t: &Term) -> Result<String, Exception> {
    Ok(String::from_utf8_lossy(bin(t)?).into_owned())
}

pub(crate) fn list(t: &Term) -> Result<Vec<Term>, Exception> {
    t.list_to_vec().ok_or_else(exception::badarg)
}

pub(crate) fn pid(t: &Term) -> Result<Pid, Exception> {
    match t {
        Term::Pid(p) => Ok(*p),
        _ => Err(exception::badarg()),
    }
}

pub(crate) fn ok(t: Term) -> Term {
    Term::tuple(vec![Term::OK, t])
}

/// Shorthand for building the registry tables.
macro_rules! natives {
    ($($module:literal . $name:literal / $arity:literal => $f:expr),* $(,)?) => {
        pub(super) static FNS: &[super::NativeFn] = &[
            $(super::NativeFn { module: $module, name: $name, arity: $arity, f: $f }),*
        ];
    };
}
pub(crate) use natives;
