//! Clause dispatch tables: a `case` or a multi-clause function whose clauses mostly start
//! with a distinct atom or tagged tuple (`:add ->`, `{:push, n} ->`, `def handle({:get, k}, s)`)
//! jumps straight to the first clause that can match, instead of testing each in turn.
//!
//! The table is an `Op::Switch` followed by its `Op::SwitchCase` entries. It only ever
//! skips clauses that cannot match the value's shape; every clause it lands on still makes
//! its own full test and falls through to the next on failure, so order and guards keep
//! their meaning.

use super::Compiler;
use crate::bytecode::Op;
use crate::syntax::ast::{Expr, ExprKind, Span};
use crate::term::Atom;

/// Fewest clauses for which a table is built: below this, testing clauses one by one costs
/// no more than the table's own dispatch.
const SWITCH_MIN_CLAUSES: usize = 4;

/// Fewest clauses with a distinct atom or tag for a table to pay: clauses it cannot tell
/// apart (a variable, a map) are still tested in turn.
const SWITCH_MIN_KEYED: usize = 3;

/// How many leading arguments of a multi-clause function are looked at for a table: the
/// distinguishing argument is nearly always one of the first few, and each look costs
/// compile time.
const MAX_SWITCH_COLUMN: usize = 4;

/// What values a clause's pattern can match, as far as the table is concerned.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    /// Only this atom.
    Atom(Atom),
    /// Only tuples of this size whose first element is this atom.
    Tagged(Atom, u16),
    /// Only tuples of this size.
    Tuple(u16),
    /// Neither atoms nor non-empty tuples (a number, list, map, binary, ...).
    Other,
    /// Anything, as far as we know (a variable, a pin, `{}`, ...).
    Any,
}

fn shape(p: &Expr) -> Shape {
    match &p.kind {
        ExprKind::Atom(a) => Shape::Atom(Atom::intern(a)),
        ExprKind::Tuple(items) if !items.is_empty() => match u16::try_from(items.len()) {
            Ok(n) => match items.first().map(|e| &e.kind) {
                Some(ExprKind::Atom(a)) => Shape::Tagged(Atom::intern(a), n),
                _ => Shape::Tuple(n),
            },
            Err(_) => Shape::Any,
        },
        // `x = pattern` and `pattern = x` match what the pattern matches.
        ExprKind::Match(l, r) => match (&l.kind, &r.kind) {
            (ExprKind::Var(_), _) => shape(r),
            (_, ExprKind::Var(_)) => shape(l),
            _ => Shape::Any,
        },
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Charlist(_)
        | ExprKind::List(..)
        | ExprKind::Map(_)
        | ExprKind::Struct(..)
        | ExprKind::Bitstring(_) => Shape::Other,
        _ => Shape::Any,
    }
}

/// Whether a clause of shape `s` may match a value the entry `key` describes.
fn may_match(s: Shape, key: Shape) -> bool {
    match (s, key) {
        (Shape::Any, _) => true,
        (Shape::Atom(a), Shape::Atom(b)) => a == b,
        (Shape::Tagged(a, n), Shape::Tagged(b, m)) => a == b && n == m,
        // A tuple whose tag is none of the table's (the "any tag" entry of size `m`).
        (Shape::Tuple(n), Shape::Tagged(_, m) | Shape::Tuple(m)) => n == m,
        _ => false,
    }
}

/// A table emitted ahead of its clauses, waiting for their positions.
pub(super) struct Pending {
    switch: usize,
    /// Each entry's op index and the key it stands for.
    entries: Vec<(usize, Shape)>,
    shapes: Vec<Shape>,
}

impl Compiler<'_> {
    /// Emits a dispatch table on local `slot` for clauses whose patterns for it are
    /// `pats` (one per clause, in order), when one pays; `finish_switch` fills in its
    /// targets once the clauses are emitted.
    pub(super) fn start_switch(&mut self, pats: &[Option<&Expr>], slot: u16, sp: Span) -> Option<Pending> {
        if pats.len() < SWITCH_MIN_CLAUSES {
            return None;
        }
        let shapes: Vec<Shape> = pats.iter().map(|p| p.map_or(Shape::Any, shape)).collect();
        let mut keys: Vec<Shape> = Vec::new();
        for s in &shapes {
            let key = match *s {
                Shape::Atom(_) | Shape::Tagged(..) => *s,
                _ => continue,
            };
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        if keys.len() < SWITCH_MIN_KEYED {
            return None;
        }
        // Tuples of a size the table knows but with another tag, or none.
        let mut sizes: Vec<Shape> = Vec::new();
        for s in &shapes {
            if let Shape::Tagged(_, n) | Shape::Tuple(n) = *s
                && !sizes.contains(&Shape::Tuple(n))
            {
                sizes.push(Shape::Tuple(n));
            }
        }
        keys.extend(sizes);
        let n = u16::try_from(keys.len()).ok()?;
        let switch = self.emit(Op::Switch { slot, n, default: 0 }, sp);
        let entries = keys
            .into_iter()
            .map(|key| {
                let op = match key {
                    Shape::Atom(atom) => Op::SwitchCase { atom, arity: 0, any_tag: false, target: 0 },
                    Shape::Tagged(atom, arity) => Op::SwitchCase { atom, arity, any_tag: false, target: 0 },
                    _ => {
                        let arity = if let Shape::Tuple(n) = key { n } else { 0 };
                        Op::SwitchCase { atom: Atom::NIL, arity, any_tag: true, target: 0 }
                    }
                };
                (self.emit(op, sp), key)
            })
            .collect();
        Some(Pending { switch, entries, shapes })
    }

    /// A table for a multi-clause function with these argument patterns (`heads`), on the
    /// first of its leading arguments that tells the clauses apart, if any does.
    pub(super) fn head_switch(&mut self, heads: &[&[Expr]], arity: u32, sp: Span) -> Option<Pending> {
        for col in 0..(arity as usize).min(MAX_SWITCH_COLUMN) {
            let pats: Vec<Option<&Expr>> = heads.iter().map(|h| h.get(col)).collect();
            if let Some(p) = self.start_switch(&pats, col as u16, sp) {
                return Some(p);
            }
        }
        None
    }

    /// Points the table's entries at the first clause each may match, given where each
    /// clause starts (`starts`) and where control goes when none matches (`none`).
    pub(super) fn finish_switch(&mut self, p: Pending, starts: &[u32], none: u32) {
        let first = |want: &dyn Fn(Shape) -> bool| p.shapes.iter().zip(starts).find(|(s, _)| want(**s)).map_or(none, |(_, at)| *at);
        let ops = &mut self.f().chunk.ops;
        for (at, key) in &p.entries {
            let t = first(&|s| may_match(s, *key));
            if let Some(Op::SwitchCase { target, .. }) = ops.get_mut(*at) {
                *target = t;
            }
        }
        // Values of no entry's shape: only clauses that take them, or anything, may match.
        let t = first(&|s| matches!(s, Shape::Other | Shape::Any));
        if let Some(Op::Switch { default, .. }) = ops.get_mut(p.switch) {
            *default = t;
        }
    }
}
