//! Runtime values ("terms"): immutable, reference-counted, shared between processes.
//!
//! A `Term` is 16 bytes: small integers, floats, atoms, pids and references are stored inline;
//! everything else is behind an `Arc`, so sending a message or capturing a variable copies a
//! pointer, never the data. Terms are `Send + Sync` because a message built on one scheduler
//! thread is read on another.

pub mod atom;
pub mod bytes;
pub mod hamt;
pub mod jenkins;
pub mod inspect;
pub mod map;
pub mod order;

use std::sync::Arc;

use num_bigint::BigInt;
use triomphe::ThinArc;
use num_traits::ToPrimitive;

pub use atom::Atom;
pub use bytes::Bytes;

use crate::bytecode::Lambda;

/// Maps keep their keys in Elixir's term order, which is also the order `inspect` prints
/// small maps in. A persistent tree makes `Map.put` O(log n) without copying the whole map.
pub use map::MapT;

#[derive(Clone, Debug)]
pub enum Term {
    /// An integer that fits in 64 bits. Arithmetic overflows into `Big`.
    Int(i64),
    /// An integer outside the `i64` range; always normalised back to `Int` when it fits.
    Big(Arc<BigInt>),
    Float(f64),
    Atom(Atom),
    /// A binary (an Elixir string is a UTF-8 binary, but any bytes are allowed).
    Bin(Arc<Bytes>),
    /// The empty list `[]`.
    Nil,
    /// A list cell `[head | tail]`.
    Cons(Arc<Cons>),
    Tuple(Tuple),
    Map(Arc<MapData>),
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

/// A tuple: its elements in one allocation, behind a thin pointer (one word, so a `Term` stays
/// 16 bytes). A `Vec` behind an `Arc` took two allocations per tuple; tuples are built for
/// nearly every message, map entry and tagged result. It dereferences to the elements.
#[derive(Clone)]
pub struct Tuple(ThinArc<(), Term>);

impl Tuple {
    pub fn new(items: Vec<Term>) -> Tuple {
        Tuple::from_exact(items.into_iter())
    }

    /// A tuple of `items`, moved into its one allocation (the interpreter drains them off its
    /// stack, with no vector in between).
    #[inline]
    pub fn from_exact(items: impl ExactSizeIterator<Item = Term>) -> Tuple {
        Tuple(ThinArc::from_header_and_iter((), items))
    }

    /// The elements, writable, when no one else holds the tuple: `put_elem` on a tuple its
    /// caller has let go of (a loop's accumulator) then changes it where it lies instead of
    /// copying every element.
    #[inline]
    pub fn with_unique<R>(&mut self, f: impl FnOnce(Option<&mut [Term]>) -> R) -> R {
        self.0.with_arc_mut(|a| f(triomphe::Arc::get_mut(a).map(|h| h.slice_mut())))
    }
}

impl std::ops::Deref for Tuple {
    type Target = [Term];
    fn deref(&self) -> &[Term] {
        &self.0.slice
    }
}

impl std::fmt::Debug for Tuple {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Tuple").field(&&self[..]).finish()
    }
}

/// A map's entries; a newtype so that dropping deeply nested maps can be made iterative. Dereferences to `MapT`.
#[derive(Debug, Clone, Default)]
pub struct MapData(pub MapT);

impl std::ops::Deref for MapData {
    type Target = MapT;
    fn deref(&self) -> &MapT {
        &self.0
    }
}

impl std::ops::DerefMut for MapData {
    fn deref_mut(&mut self) -> &mut MapT {
        &mut self.0
    }
}

impl Drop for MapData {
    fn drop(&mut self) {
        if self.0.is_empty() {
            return;
        }
        // No scan of the entries here: a map made by `Map.put` shares almost all of its
        // tree with the previous version, and scanning it on every drop made building a
        // map quadratic. Keys are counted like values, and a map met too deep is deferred
        // whole, so nothing is dropped while the work list is borrowed.
        let entries = std::mem::take(&mut self.0);
        match enter_drop() {
            Some(depth) => {
                drop(entries);
                leave_drop(depth);
            }
            None => defer([Term::Map(Arc::new(MapData(entries)))]),
        }
    }
}

/// How deep drops of nested lists and tuples may recurse on the Rust stack before the
/// rest is deferred to an explicit work list (a million-deep `[[[…]]]` would otherwise
/// overflow the stack when freed).
const MAX_DROP_DEPTH: u32 = 512;

thread_local! {
    static DROP_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static DEFERRED: std::cell::RefCell<Vec<Term>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn is_leaf(t: &Term) -> bool {
    !matches!(t, Term::Cons(_) | Term::Tuple(_) | Term::Map(_) | Term::Fun(_))
}

/// Enters one level of container dropping. `None` means the depth limit is reached and the
/// caller must hand its children to `defer` instead of dropping them.
fn enter_drop() -> Option<u32> {
    let depth = DROP_DEPTH.with(|d| d.get());
    if depth >= MAX_DROP_DEPTH {
        return None;
    }
    DROP_DEPTH.with(|d| d.set(depth + 1));
    Some(depth)
}

/// Leaves a level entered with `enter_drop`; the outermost level empties the work list,
/// one item at a time, each dropped at depth 1.
fn leave_drop(depth: u32) {
    if depth == 0 {
        while let Some(t) = DEFERRED.with(|q| q.borrow_mut().pop()) {
            drop(t);
        }
    }
    DROP_DEPTH.with(|d| d.set(depth));
}

fn defer(items: impl IntoIterator<Item = Term>) {
    // Collect before borrowing the work list: producing the items must not drop anything
    // while it is borrowed.
    let items: Vec<Term> = items.into_iter().collect();
    DEFERRED.with(|q| q.borrow_mut().extend(items));
}

impl Drop for Tuple {
    fn drop(&mut self) {
        // This runs for every handle dropped, not only the last: the count comes first, so
        // dropping a copy of a big tuple costs one load, not a scan of its elements. Only
        // the last holder drops the elements, and they may nest deeply: take them out and
        // drop them level by level. (Two holders dropping at once may both see a count of
        // two; the elements then drop in place, each nested tuple through this again.)
        if ThinArc::strong_count(&self.0) != 1 || self.0.slice.iter().all(is_leaf) {
            return;
        }
        let items: Vec<Term> = self.0.with_arc_mut(|a| match triomphe::Arc::get_mut(a) {
            Some(inner) => inner.slice_mut().iter_mut().map(|t| std::mem::replace(t, Term::Nil)).collect(),
            None => Vec::new(),
        });
        match enter_drop() {
            Some(depth) => {
                drop(items);
                leave_drop(depth);
            }
            None => defer(items),
        }
    }
}

impl Drop for Cons {
    fn drop(&mut self) {
        let head = std::mem::replace(&mut self.head, Term::Nil);
        let mut tail = std::mem::replace(&mut self.tail, Term::Nil);
        if is_leaf(&head) {
            // The common case, a cell dropped after `[h | t]` matched it, needs no work list:
            // a tail shared with someone else only loses a count. `into_inner` releases the
            // count and learns whether it was the last one in a single atomic step, so a
            // concurrent drop of the same tail cannot make this one recurse unaccounted.
            match tail {
                Term::Cons(rest) => match Arc::into_inner(rest) {
                    None => return,
                    // This was the last reference: go on with the cell's fields (it is left
                    // holding two empty lists, whose drop does nothing).
                    Some(mut cell) => {
                        let next_head = std::mem::replace(&mut cell.head, Term::Nil);
                        tail = std::mem::replace(&mut cell.tail, Term::Nil);
                        drop(cell);
                        if is_leaf(&next_head) && is_leaf(&tail) {
                            return;
                        }
                        return drop_cell_fields(next_head, tail);
                    }
                },
                ref other if is_leaf(other) => return,
                _ => {}
            }
        }
        drop_cell_fields(head, tail);
    }
}

/// Drops a cons cell's head and tail with bounded Rust stack depth: the head with the usual
/// depth accounting, the spine iteratively.
fn drop_cell_fields(head: Term, mut tail: Term) {
    let Some(depth) = enter_drop() else {
        defer([head, tail]);
        return;
    };
    drop(head);
    // The spine is unlinked iteratively, so long lists cost no depth at all.
    while let Term::Cons(arc) = tail {
        match Arc::try_unwrap(arc) {
            Ok(mut cell) => {
                drop(std::mem::replace(&mut cell.head, Term::Nil));
                tail = std::mem::replace(&mut cell.tail, Term::Nil);
            }
            Err(_) => break,
        }
    }
    leave_drop(depth);
}

/// A function value: compiled code plus the variables it captured, or a reference to a
/// named function (`&Mod.fun/2`), resolved when called so that it sees reloaded code.
/// `native` is the native function behind an export, looked up once when the value is
/// made (`vm::natives::export_fun`): natives never change, and finding one by name on
/// every call cost about 5 % of a program passing `&+/2` around. `None` means "not a
/// native, or not yet looked up"; calls then resolve by name.
#[derive(Debug)]
pub enum Closure {
    Lambda { code: &'static Lambda, env: Box<[Term]> },
    Export { module: Atom, name: Atom, arity: u32, native: Option<u16> },
}

// Closures nest through their captured environment (`fn -> f.() end` wrapping `f`), so
// they are freed with the same depth bound as lists and tuples.
impl Drop for Closure {
    fn drop(&mut self) {
        let Closure::Lambda { env, .. } = self else { return };
        if env.iter().all(is_leaf) {
            return;
        }
        let items = std::mem::take(env).into_vec();
        match enter_drop() {
            Some(depth) => {
                drop(items);
                leave_drop(depth);
            }
            None => defer(items),
        }
    }
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
        Term::Bin(Arc::new(Bytes::Owned(s.as_bytes().to_vec())))
    }

    pub fn bytes(b: Vec<u8>) -> Term {
        Term::Bin(Arc::new(Bytes::Owned(b)))
    }

    pub fn tuple(items: Vec<Term>) -> Term {
        Term::Tuple(Tuple::new(items))
    }

    pub fn cons(head: Term, tail: Term) -> Term {
        Term::Cons(Arc::new(Cons { head, tail }))
    }

    pub fn map(m: MapT) -> Term {
        Term::Map(Arc::new(MapData(m)))
    }

    /// Builds a proper list from a vector.
    pub fn list(items: Vec<Term>) -> Term {
        Term::list_with_tail(items, Term::Nil)
    }

    pub fn list_with_tail(items: Vec<Term>, tail: Term) -> Term {
        items.into_iter().rev().fold(tail, |acc, x| Term::cons(x, acc))
    }

    /// `:lists.reverse(list, tail)`: the elements of `list` in reverse order in front of
    /// `tail`; `list` itself comes back, as it was, as the error if it is not a proper list.
    ///
    /// Cells no one else holds are relinked rather than copied: the accumulator of a
    /// `[h | acc]` loop, moved into the call by its last use, is reversed in one pass with no
    /// allocation and nothing freed. From the first cell someone else holds, the rest is
    /// copied, as the other holder still sees it.
    pub fn reverse_onto(list: Term, tail: Term) -> Result<Term, Term> {
        let mut out = tail;
        let mut rest = list;
        let mut relinked = 0usize;
        loop {
            match rest {
                Term::Cons(mut cell) => match Arc::get_mut(&mut cell) {
                    Some(c) => {
                        rest = std::mem::replace(&mut c.tail, out);
                        out = Term::Cons(cell);
                        relinked += 1;
                    }
                    None => {
                        let shared = Term::Cons(cell);
                        let mut cells = shared.list_iter();
                        for _ in cells.by_ref() {}
                        if !matches!(cells.tail(), Term::Nil) {
                            return Err(unlink(out, relinked, shared));
                        }
                        for x in shared.list_iter() {
                            out = Term::cons(x.clone(), out);
                        }
                        return Ok(out);
                    }
                },
                Term::Nil => return Ok(out),
                improper => return Err(unlink(out, relinked, improper)),
            }
        }
    }

    /// Normalises a big integer: values that fit in `i64` become `Int`.
    pub fn from_bigint(b: BigInt) -> Term {
        match b.to_i64() {
            Some(i) => Term::Int(i),
            None => Term::Big(Arc::new(b)),
        }
    }

    /// Whether the term is stored inline (dropping it frees nothing).
    #[inline]
    pub fn is_immediate(&self) -> bool {
        matches!(self, Term::Int(_) | Term::Float(_) | Term::Atom(_) | Term::Nil | Term::Pid(_) | Term::Ref(_))
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

/// Undoes `reverse_onto` on a list that turned out improper: moves the first `n` cells of
/// `out` (the ones it relinked, all still held by nothing else) back in front of `rest`.
fn unlink(mut out: Term, n: usize, mut rest: Term) -> Term {
    for _ in 0..n {
        let Term::Cons(mut cell) = out else { break };
        match Arc::get_mut(&mut cell) {
            Some(c) => {
                out = std::mem::replace(&mut c.tail, rest);
                rest = Term::Cons(cell);
            }
            None => {
                out = Term::Cons(cell);
                break;
            }
        }
    }
    drop(out);
    rest
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
