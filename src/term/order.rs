//! Term equality and Elixir's total term order.
//!
//! Two notions of equality exist: `==` compares numbers by value (`1 == 1.0`), `===` also
//! compares their type. The total order used by `<` and `Enum.sort` is
//! `number < atom < reference < function < port < pid < tuple < map < list < bitstring`.
//!
//! Map keys are kept in the BEAM's *map key order*, which is what `Ord for Term`
//! implements: the same, except that every integer sorts before every float, at any depth
//! (`%{2 => :a, 1.5 => :b}` prints `2` first, and `{2} < {1.5}` as keys). Two maps compare
//! by size, then by their keys in that order, then by their values, so the key order shows
//! through `<` on maps as well (`%{2 => 0} < %{1.5 => 0}`).

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::{Closure, Term};

fn type_rank(t: &Term) -> u8 {
    match t {
        Term::Int(_) | Term::Big(_) | Term::Float(_) => 0,
        Term::Atom(_) => 1,
        Term::Ref(_) => 2,
        Term::Fun(_) => 3,
        Term::Pid(_) => 5,
        Term::Tuple(_) => 6,
        Term::Map(_) => 7,
        Term::Nil | Term::Cons(_) => 8,
        Term::Bin(_) => 9,
    }
}

fn big_cmp_f64(b: &BigInt, f: f64) -> Ordering {
    match b.to_f64() {
        Some(x) => x.partial_cmp(&f).unwrap_or(Ordering::Equal),
        None => Ordering::Equal,
    }
}

/// An integer against a float, exactly: converting the integer to a float would round
/// above 2^53 (`9007199254740993 == 9007199254740992.0` must be false) and make the order
/// intransitive. The float's integral part is compared as an integer, then its fraction.
fn int_cmp_f64(i: i64, f: f64) -> Ordering {
    // 2^63 as a float: floats at or beyond it are past every i64.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_nan() {
        return Ordering::Equal;
    }
    if f >= TWO_63 {
        return Ordering::Less;
    }
    if f < -TWO_63 {
        return Ordering::Greater;
    }
    let whole = f.trunc();
    match i.cmp(&(whole as i64)) {
        Ordering::Equal if f > whole => Ordering::Less,
        Ordering::Equal if f < whole => Ordering::Greater,
        other => other,
    }
}

/// Compares two numbers by value; the second result says whether they differ in kind
/// (integer against float), which only the strict orders care about.
fn num_cmp(a: &Term, b: &Term) -> (Ordering, bool) {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => (x.cmp(y), false),
        (Term::Float(x), Term::Float(y)) => (x.partial_cmp(y).unwrap_or(Ordering::Equal), false),
        (Term::Int(x), Term::Float(y)) => (int_cmp_f64(*x, *y), true),
        (Term::Float(x), Term::Int(y)) => (int_cmp_f64(*y, *x).reverse(), true),
        (Term::Big(x), Term::Big(y)) => (x.as_ref().cmp(y.as_ref()), false),
        (Term::Big(x), Term::Int(y)) => (x.as_ref().cmp(&BigInt::from(*y)), false),
        (Term::Int(x), Term::Big(y)) => (BigInt::from(*x).cmp(y.as_ref()), false),
        (Term::Big(x), Term::Float(y)) => (big_cmp_f64(x, *y), true),
        (Term::Float(x), Term::Big(y)) => (big_cmp_f64(y, *x).reverse(), true),
        _ => (Ordering::Equal, false),
    }
}

/// How a comparison treats an integer against a float.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbers {
    /// By value; `1` and `1.0` are equal (`==`, `<`).
    Value,
    /// By value; of equal values the integer comes first (`===`, `Enum.sort/1`).
    IntegerFirstOnTie,
    /// Every integer before every float (map key order).
    IntegersFirst,
}

/// Compares two terms. With `strict`, an integer and a float of equal value are ordered
/// integer first (so they are not `===`); otherwise they are equal.
pub fn compare(a: &Term, b: &Term, strict: bool) -> Ordering {
    cmp(a, b, if strict { Numbers::IntegerFirstOnTie } else { Numbers::Value })
}

/// The BEAM's map key order: term order with every integer before every float.
pub fn key_compare(a: &Term, b: &Term) -> Ordering {
    cmp(a, b, Numbers::IntegersFirst)
}

fn cmp(a: &Term, b: &Term, numbers: Numbers) -> Ordering {
    // Map keys are mostly atoms or small integers: those pairs skip the rank computation.
    match (a, b) {
        (Term::Atom(x), Term::Atom(y)) => return x.cmp_names(*y),
        (Term::Int(x), Term::Int(y)) => return x.cmp(y),
        _ => {}
    }
    let (ra, rb) = (type_rank(a), type_rank(b));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (Term::Atom(x), Term::Atom(y)) => x.cmp_names(*y),
        (Term::Bin(x), Term::Bin(y)) => x[..].cmp(&y[..]),
        (Term::Pid(x), Term::Pid(y)) => x.cmp(y),
        (Term::Ref(x), Term::Ref(y)) => x.cmp(y),
        (Term::Tuple(x), Term::Tuple(y)) => x
            .len()
            .cmp(&y.len())
            .then_with(|| nested(|| seq_cmp(x.iter(), y.iter(), numbers))),
        // Keys are walked in the maps' own order and compared in it; values in the caller's.
        (Term::Map(x), Term::Map(y)) => x.len().cmp(&y.len()).then_with(|| nested(|| map_cmp(x, y, numbers))),
        (Term::Fun(x), Term::Fun(y)) => fun_cmp(x, y),
        (Term::Nil | Term::Cons(_), Term::Nil | Term::Cons(_)) => nested(|| list_cmp(a, b, numbers)),
        _ => {
            let (ord, kinds_differ) = num_cmp(a, b);
            if !kinds_differ {
                return ord;
            }
            let integer_first = if matches!(a, Term::Float(_)) { Ordering::Greater } else { Ordering::Less };
            match numbers {
                Numbers::Value => ord,
                Numbers::IntegerFirstOnTie if ord == Ordering::Equal => integer_first,
                Numbers::IntegerFirstOnTie => ord,
                Numbers::IntegersFirst => integer_first,
            }
        }
    }
}

/// Maps of the same size compare by their keys in key order, then by their values in the
/// same order. Large maps list their entries in hash order, which is the same for two maps
/// with the same keys: equal maps are found equal in that order without sorting, and only
/// maps that differ are sorted to find which is less.
fn map_cmp(x: &super::map::MapT, y: &super::map::MapT, numbers: Numbers) -> Ordering {
    if x.is_large()
        && y.is_large()
        && x.iter().zip(y.iter()).all(|((k1, v1), (k2, v2))| {
            cmp(k1, k2, Numbers::IntegersFirst) == Ordering::Equal && cmp(v1, v2, numbers) == Ordering::Equal
        })
    {
        return Ordering::Equal;
    }
    let (xs, ys) = (x.iter_sorted(), y.iter_sorted());
    seq_cmp(xs.iter().map(|p| p.0), ys.iter().map(|p| p.0), Numbers::IntegersFirst)
        .then_with(|| seq_cmp(xs.iter().map(|p| p.1), ys.iter().map(|p| p.1), numbers))
}

/// Stack the comparison must still have before it descends one more level of nesting.
/// A term nested a million deep is one loop away (`{acc}` each round), and comparing it
/// recurses once per level; below this margin the walk continues on a fresh stack segment
/// instead of overflowing the thread's stack, as the BEAM's own comparison never does.
const STACK_RED_ZONE: usize = 64 * 1024;

/// The size of each extra stack segment: enough for thousands of levels, so segments are
/// allocated once per few thousand levels, not per level.
const STACK_SEGMENT: usize = 1024 * 1024;

/// Runs one level deeper into a compound term, on a new stack segment when the current one
/// is nearly used up. The check is a comparison of the stack pointer against a limit.
#[inline]
fn nested<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, f)
}

fn seq_cmp<'a>(
    mut xs: impl Iterator<Item = &'a Term>,
    mut ys: impl Iterator<Item = &'a Term>,
    numbers: Numbers,
) -> Ordering {
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match cmp(x, y, numbers) {
                Ordering::Equal => continue,
                o => return o,
            },
        }
    }
}

// Lists are compared iteratively along the spine so long lists cannot overflow the stack.
fn list_cmp(mut a: &Term, mut b: &Term, numbers: Numbers) -> Ordering {
    loop {
        match (a, b) {
            (Term::Nil, Term::Nil) => return Ordering::Equal,
            (Term::Nil, _) => return Ordering::Less,
            (_, Term::Nil) => return Ordering::Greater,
            (Term::Cons(x), Term::Cons(y)) => {
                if std::sync::Arc::ptr_eq(x, y) {
                    return Ordering::Equal;
                }
                match cmp(&x.head, &y.head, numbers) {
                    Ordering::Equal => {
                        a = &x.tail;
                        b = &y.tail;
                    }
                    o => return o,
                }
            }
            // An improper tail is compared as an ordinary term.
            _ => return cmp(a, b, numbers),
        }
    }
}

fn fun_cmp(x: &std::sync::Arc<Closure>, y: &std::sync::Arc<Closure>) -> Ordering {
    let px = std::sync::Arc::as_ptr(x) as usize;
    let py = std::sync::Arc::as_ptr(y) as usize;
    match (x.as_ref(), y.as_ref()) {
        (
            Closure::Export { module: m1, name: n1, arity: a1, .. },
            Closure::Export { module: m2, name: n2, arity: a2, .. },
        ) => m1.name().cmp(m2.name()).then(n1.name().cmp(n2.name())).then(a1.cmp(a2)),
        _ => px.cmp(&py),
    }
}

/// `==`: numbers compare by value.
#[inline]
pub fn loose_eq(a: &Term, b: &Term) -> bool {
    // Small integers and atoms are most of what guards and patterns compare; they need
    // neither the general walk nor a call.
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x == y,
        (Term::Atom(x), Term::Atom(y)) => x == y,
        _ => compare(a, b, false) == Ordering::Equal,
    }
}

/// `===`: numbers must also be of the same kind.
#[inline]
pub fn strict_eq(a: &Term, b: &Term) -> bool {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x == y,
        (Term::Atom(x), Term::Atom(y)) => x == y,
        (Term::Bin(x), Term::Bin(y)) => x[..] == y[..],
        (Term::Nil, Term::Nil) => true,
        // Each kind of value has one representation (big integers are never in the small
        // range), so values of different kinds are never `===`: a clause testing for
        // `nil` where a tuple lies fails here, not in a full comparison.
        _ if std::mem::discriminant(a) != std::mem::discriminant(b) => false,
        _ => compare(a, b, true) == Ordering::Equal,
    }
}

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        strict_eq(self, other)
    }
}

impl Eq for Term {}

impl PartialOrd for Term {
    fn partial_cmp(&self, other: &Term) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Map key order (`key_compare`): what maps and sets of terms are sorted by.
impl Ord for Term {
    /// Inlined with the small-integer case up front: maps and sets call this about ten
    /// times per lookup in a thousand keys, and integer keys are the commonest.
    #[inline]
    fn cmp(&self, other: &Term) -> Ordering {
        match (self, other) {
            (Term::Int(x), Term::Int(y)) => x.cmp(y),
            _ => key_compare(self, other),
        }
    }
}
