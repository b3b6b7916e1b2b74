//! Runtime values ("terms"): immutable, reference-counted, shared between processes.
//!
//! A `Term` is 16 bytes: small integers, floats, atoms, pids and references are stored inline;
//! everything else is behind an `Arc`, so sending a message or capturing a variable copies a
//! pointer, never the data. Terms are `Send + Sync` because a message built on one scheduler
//! thread is read on another.

pub mod atom;
pub mod inspect;
pub mod order;

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

pub use atom::Atom;

use crate::bytecode::Lambda;

/// Maps keep their keys in Elixir's term order, which is also the order `inspect` prints
/// small maps in. A persistent tree makes `Map.put` O(log n) without copying the whole map.
pub type MapT = imbl::OrdMap<Term, Term>;

#[derive(Clone, Debug)]
pub enum Term {
    /// An integer that fits in 64 bits. Arithmetic overflows into `Big`.
    Int(i64),
    /// An integer outside the `i64` range; always normalised back to `Int` when it fits.
    Big(Arc<BigInt>),
    Float(f64),
    Atom(Atom),
    /// A binary (an Elixir string is a UTF-8 binary, but any bytes are allowed).
    Bin(Arc<Vec<u8>>),
    /// The empty list `[]`.
    Nil,
    /// A list cell `[head | tail]`.
    Cons(Arc<Cons>),
    Tuple(Arc<Vec<Term>>),
    Map(Arc<MapT>),
    Fun(Arc<Closure>),
    Pid(Pid),
    Ref(u64),
}

/// A process identifier, printed `#PID<0.N.0>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pid(pub u64);

#[derive(Debug)]
pub struct Cons {
    pub head: Term,
    pub tail: Term,
}

// A long list is a long chain of `Arc<Cons>`; the default recursive drop would overflow the
// Rust stack on a million-element list, so the tail is unlinked iteratively.
impl Drop for Cons {
    fn drop(&mut self) {
        let mut tail = std::mem::replace(&mut self.tail, Term::Nil);
        while let Term::Cons(arc) = tail {
            match Arc::try_unwrap(arc) {
                Ok(mut cell) => tail = std::mem::replace(&mut cell.tail, Term::Nil),
                Err(_) => break,
            }
        }
    }
}

/// A function value: compiled code plus the variables it captured, or a reference to a
/// named function (`&Mod.fun/2`), resolved when called so that it sees reloaded code.
#[derive(Debug)]
pub enum Closure {
    Lambda { code: Arc<Lambda>, env: Box<[Term]> },
    Export { module: Atom, name: Atom, arity: u32 },
}

impl Closure {
    pub fn arity(&self) -> u32 {
        match self {
            Closure::Lambda { code, .. } => code.arity,
            Closure::Export { arity, .. } => *arity,
        }
    }
}

impl Term {
    pub const fn atom(a: Atom) -> Term {
        Term::Atom(a)
    }
    pub const NIL_ATOM: Term = Term::Atom(Atom::NIL);
    pub const TRUE: Term = Term::Atom(Atom::TRUE);
    pub const FALSE: Term = Term::Atom(Atom::FALSE);
    pub const OK: Term = Term::Atom(Atom::OK);

    pub fn bool(b: bool) -> Term {
        Term::Atom(Atom::from_bool(b))
    }

    pub fn str(s: &str) -> Term {
        Term::Bin(Arc::new(s.as_bytes().to_vec()))
    }

    pub fn bytes(b: Vec<u8>) -> Term {
        Term::Bin(Arc::new(b))
    }

    pub fn tuple(items: Vec<Term>) -> Term {
        Term::Tuple(Arc::new(items))
    }

    pub fn cons(head: Term, tail: Term) -> Term {
        Term::Cons(Arc::new(Cons { head, tail }))
    }

    pub fn map(m: MapT) -> Term {
        Term::Map(Arc::new(m))
    }

    /// Builds a proper list from a vector.
    pub fn list(items: Vec<Term>) -> Term {
        Term::list_with_tail(items, Term::Nil)
    }

    pub fn list_with_tail(items: Vec<Term>, tail: Term) -> Term {
        items.into_iter().rev().fold(tail, |acc, x| Term::cons(x, acc))
    }

    /// Normalises a big integer: values that fit in `i64` become `Int`.
    pub fn from_bigint(b: BigInt) -> Term {
        match b.to_i64() {
            Some(i) => Term::Int(i),
            None => Term::Big(Arc::new(b)),
        }
    }

    pub fn is_truthy(&self) -> bool {
        !matches!(self, Term::Atom(a) if *a == Atom::NIL || *a == Atom::FALSE)
    }

    pub fn as_atom(&self) -> Option<Atom> {
        match self {
            Term::Atom(a) => Some(*a),
            _ => None,
        }
    }

    pub fn is_atom(&self, a: Atom) -> bool {
        matches!(self, Term::Atom(b) if *b == a)
    }

    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Term::Bin(b) => Some(b),
            _ => None,
        }
    }

    /// The elements of a proper list, or `None` for an improper list or a non-list.
    pub fn list_to_vec(&self) -> Option<Vec<Term>> {
        let mut out = Vec::new();
        let mut cur = self;
        loop {
            match cur {
                Term::Nil => return Some(out),
                Term::Cons(c) => {
                    out.push(c.head.clone());
                    cur = &c.tail;
                }
                _ => return None,
            }
        }
    }

    /// Iterates the cells of a list; the iterator stops at the first non-cons tail, which
    /// [`ListIter::tail`] then returns.
    pub fn list_iter(&self) -> ListIter<'_> {
        ListIter { cur: self }
    }

    /// The name Elixir's `inspect` and error messages use for the type of this term.
    pub fn type_name(&self) -> &'static str {
        match self {
            Term::Int(_) | Term::Big(_) => "integer",
            Term::Float(_) => "float",
            Term::Atom(_) => "atom",
            Term::Bin(_) => "binary",
            Term::Nil | Term::Cons(_) => "list",
            Term::Tuple(_) => "tuple",
            Term::Map(_) => "map",
            Term::Fun(_) => "function",
            Term::Pid(_) => "pid",
            Term::Ref(_) => "reference",
        }
    }
}

pub struct ListIter<'a> {
    cur: &'a Term,
}

impl<'a> ListIter<'a> {
    /// What is left after iteration: `Nil` for a proper list, else the improper tail.
    pub fn tail(&self) -> &'a Term {
        self.cur
    }
}

impl<'a> Iterator for ListIter<'a> {
    type Item = &'a Term;
    fn next(&mut self) -> Option<&'a Term> {
        match self.cur {
            Term::Cons(c) => {
                self.cur = &c.tail;
                Some(&c.head)
            }
            _ => None,
        }
    }
}

impl From<Atom> for Term {
    fn from(a: Atom) -> Term {
        Term::Atom(a)
    }
}

impl From<i64> for Term {
    fn from(i: i64) -> Term {
        Term::Int(i)
    }
}

impl From<bool> for Term {
    fn from(b: bool) -> Term {
        Term::bool(b)
    }
}
