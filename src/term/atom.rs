//! The global atom table: atoms are interned once and compared as integers.
//!
//! Atoms are never freed, as on the BEAM; the table is bounded by [`MAX_ATOMS`] so that a
//! program converting untrusted strings to atoms fails with an error instead of exhausting
//! memory. Interning a new atom takes a lock, which only happens at compile time or in
//! `String.to_atom/1`; reading an atom's name takes none (see [`Names`]): term order compares
//! atoms by name, so every map lookup with atom keys reads names, on every scheduler at once.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

/// The BEAM's default atom table limit; the same bound keeps our table from growing without end.
pub const MAX_ATOMS: usize = 1_048_576;

/// An interned atom: an index into the global table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Atom(pub u32);

struct Table {
    by_name: HashMap<&'static str, u32>,
    /// How many atoms exist; the next one gets this index.
    len: usize,
}

/// How many names one chunk of [`Names`] holds.
const NAMES_PER_CHUNK: usize = 4096;

/// Atom names by index, readable without a lock: a fixed array of chunks, each allocated
/// once when the first of its atoms is interned, each slot written once (under the table's
/// write lock) and never changed after. `OnceLock` makes a reader that races the write see
/// either nothing or the whole name. Each name is stored with its first eight bytes as a
/// big-endian number, zero-padded ([`order_prefix`]), so most comparisons of two atoms'
/// names are one integer comparison.
struct Names {
    chunks: [OnceLock<Box<[OnceLock<(&'static str, u64)>]>>; MAX_ATOMS / NAMES_PER_CHUNK],
}

/// A name's first eight bytes, big-endian and zero-padded: when two prefixes differ they
/// order the names as the names themselves do; when they are equal the names must be
/// compared in full.
fn order_prefix(name: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, n) in bytes.iter_mut().zip(name.bytes()) {
        *b = n;
    }
    u64::from_be_bytes(bytes)
}

impl Names {
    fn entry(&self, idx: usize) -> Option<(&'static str, u64)> {
        let chunk = self.chunks.get(idx / NAMES_PER_CHUNK)?.get()?;
        chunk.get(idx % NAMES_PER_CHUNK)?.get().copied()
    }

    fn get(&self, idx: usize) -> Option<&'static str> {
        self.entry(idx).map(|(name, _)| name)
    }

    /// Records the name of atom `idx`; called once per index, with the write lock held.
    fn set(&self, idx: usize, name: &'static str) {
        if let Some(chunk) = self.chunks.get(idx / NAMES_PER_CHUNK) {
            let slots = chunk.get_or_init(|| (0..NAMES_PER_CHUNK).map(|_| OnceLock::new()).collect());
            if let Some(slot) = slots.get(idx % NAMES_PER_CHUNK) {
                let _ = slot.set((name, order_prefix(name)));
            }
        }
    }
}

static NAMES: Names = Names { chunks: [const { OnceLock::new() }; MAX_ATOMS / NAMES_PER_CHUNK] };

macro_rules! predefined_atoms {
    ($($konst:ident = $text:expr),* $(,)?) => {
        const PREDEFINED: &[&str] = &[$($text),*];
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum PredefinedIndex { $($konst),* }
        impl Atom {
            $(pub const $konst: Atom = Atom(PredefinedIndex::$konst as u32);)*
        }
    };
}

// Atoms the runtime refers to by name. Order is irrelevant; the index is assigned here.
predefined_atoms! {
    NIL = "nil",
    TRUE = "true",
    FALSE = "false",
    OK = "ok",
    ERROR = "error",
    NORMAL = "normal",
    KILL = "kill",
    KILLED = "killed",
    EXIT = "EXIT",
    DOWN = "DOWN",
    PROCESS = "process",
    NOPROC = "noproc",
    INFINITY = "infinity",
    STRUCT = "__struct__",
    EXCEPTION = "__exception__",
    MESSAGE = "message",
    TERM = "term",
    THROW = "throw",
    ELIXIR_RUNTIME_ERROR = "Elixir.RuntimeError",
    ELIXIR_ARGUMENT_ERROR = "Elixir.ArgumentError",
    ELIXIR_ARITHMETIC_ERROR = "Elixir.ArithmeticError",
    ELIXIR_MATCH_ERROR = "Elixir.MatchError",
    ELIXIR_CASE_CLAUSE_ERROR = "Elixir.CaseClauseError",
    ELIXIR_COND_CLAUSE_ERROR = "Elixir.CondClauseError",
    ELIXIR_WITH_CLAUSE_ERROR = "Elixir.WithClauseError",
    ELIXIR_FUNCTION_CLAUSE_ERROR = "Elixir.FunctionClauseError",
    ELIXIR_UNDEFINED_FUNCTION_ERROR = "Elixir.UndefinedFunctionError",
    ELIXIR_BAD_ARITY_ERROR = "Elixir.BadArityError",
    ELIXIR_BAD_FUNCTION_ERROR = "Elixir.BadFunctionError",
    ELIXIR_BAD_MAP_ERROR = "Elixir.BadMapError",
    ELIXIR_KEY_ERROR = "Elixir.KeyError",
    ELIXIR_PROTOCOL_UNDEFINED_ERROR = "Elixir.Protocol.UndefinedError",
    ELIXIR_SYSTEM_LIMIT_ERROR = "Elixir.SystemLimitError",
    ELIXIR_ENUM_EMPTY_ERROR = "Elixir.Enum.EmptyError",
    ELIXIR_BAD_BOOLEAN_ERROR = "Elixir.BadBooleanError",
    ELIXIR_TRY_CLAUSE_ERROR = "Elixir.TryClauseError",
    ELIXIR_RECEIVE_CLAUSE_ERROR = "Elixir.ReceiveClauseError",
    ELIXIR_ERLANG_ERROR = "Elixir.ErlangError",
    ELIXIR_KERNEL = "Elixir.Kernel",
    ELIXIR_RANGE = "Elixir.Range",
    FIRST = "first",
    LAST = "last",
    STEP = "step",
    ELIXIR_MAP_SET = "Elixir.MapSet",
    MAP = "map",
    DO = "do",
    ELSE = "else",
    BADARG = "badarg",
    BADARITH = "badarith",
    BADMATCH = "badmatch",
    UNDEF = "undef",
    FUNCTION_CLAUSE = "function_clause",
    ARGS = "args",
    ARITY = "arity",
    FUNCTION = "function",
    MODULE = "module",
    KEY = "key",
    REASON = "reason",
    LABEL = "label",
    UNDEFINED = "undefined",
}

fn table() -> &'static RwLock<Table> {
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table { by_name: HashMap::new(), len: 0 };
        for name in PREDEFINED {
            NAMES.set(t.len, name);
            t.by_name.insert(name, t.len as u32);
            t.len += 1;
        }
        RwLock::new(t)
    })
}

impl Atom {
    /// The atom named `name` if it already exists (`String.to_existing_atom/1`); never creates one.
    pub fn existing(name: &str) -> Option<Atom> {
        table().read().unwrap_or_else(|e| e.into_inner()).by_name.get(name).map(|&i| Atom(i))
    }

    /// Interns `name`, returning `None` when the table is full.
    pub fn try_intern(name: &str) -> Option<Atom> {
        if let Some(&i) = table().read().unwrap_or_else(|e| e.into_inner()).by_name.get(name) {
            return Some(Atom(i));
        }
        let mut t = table().write().unwrap_or_else(|e| e.into_inner());
        if let Some(&i) = t.by_name.get(name) {
            return Some(Atom(i));
        }
        if t.len >= MAX_ATOMS {
            return None;
        }
        // Atoms live for the whole run, so leaking the name gives it the 'static lifetime
        // that lets readers hold it without the lock.
        let stored: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let idx = t.len;
        NAMES.set(idx, stored);
        t.by_name.insert(stored, idx as u32);
        t.len += 1;
        Some(Atom(idx as u32))
    }

    /// Interns `name`. Used by the compiler and runtime for names that come from source code,
    /// whose count is bounded by program size; a full table maps to `nil` rather than panicking.
    pub fn intern(name: &str) -> Atom {
        Atom::try_intern(name).unwrap_or(Atom::NIL)
    }

    /// The atom's text, without a leading colon (`Elixir.IO` for the alias `IO`).
    pub fn name(self) -> &'static str {
        let idx = self.0 as usize;
        // A predefined atom exists before the table is built (its index is a constant):
        // building it, or waiting for the thread building it, sets all of their names.
        NAMES
            .get(idx)
            .or_else(|| {
                table();
                NAMES.get(idx)
            })
            .unwrap_or("nil")
    }

    /// Orders two atoms as term order does: by name.
    pub fn cmp_names(self, other: Atom) -> std::cmp::Ordering {
        if self == other {
            return std::cmp::Ordering::Equal;
        }
        match (NAMES.entry(self.0 as usize), NAMES.entry(other.0 as usize)) {
            (Some((a, pa)), Some((b, pb))) => pa.cmp(&pb).then_with(|| a.cmp(b)),
            _ => self.name().cmp(other.name()),
        }
    }

    /// The atom for a module alias as written in source: `IO` → `Elixir.IO`.
    pub fn alias(name: &str) -> Atom {
        if name == "Elixir" || name.starts_with("Elixir.") {
            return Atom::intern(name);
        }
        Atom::intern(&format!("Elixir.{name}"))
    }

    pub fn from_bool(b: bool) -> Atom {
        if b { Atom::TRUE } else { Atom::FALSE }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_across_chunks_and_threads() {
        assert_eq!(Atom::NIL.name(), "nil");
        assert_eq!(Atom::UNDEFINED.name(), "undefined");
        // Enough atoms to fill more than one chunk, interned and read from several threads.
        let threads: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    for i in 0..(NAMES_PER_CHUNK + 100) {
                        let name = format!("atom_test_{t}_{i}");
                        let a = Atom::intern(&name);
                        assert_eq!(a.name(), name);
                        assert_eq!(Atom::existing(&name), Some(a));
                    }
                })
            })
            .collect();
        for t in threads {
            assert!(t.join().is_ok());
        }
        assert_eq!(Atom::existing("atom_test_3_4100").map(Atom::name), Some("atom_test_3_4100"));
    }

    #[test]
    fn atoms_order_by_name() {
        let names = ["", "a", "ab", "ab\0", "ab\0x", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefgz", "b", "é", "Elixir.IO", "nil", "zzzzzzzzzzzz"];
        for x in names {
            for y in names {
                assert_eq!(Atom::intern(x).cmp_names(Atom::intern(y)), x.cmp(y), "{x:?} vs {y:?}");
            }
        }
    }
}
