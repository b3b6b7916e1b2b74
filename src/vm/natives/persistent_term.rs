//! `:persistent_term`: one table of terms shared by every process, for values written once
//! and read often (configuration, lookup tables).
//!
//! Terms in vial are immutable and reference-counted, so a read hands out the stored term
//! without copying it, as the BEAM's literal area does. Keys compare exactly (`1` and `1.0`
//! are two keys), as the BEAM's do. Elixir's own entries (the BEAM holds a few dozen for the
//! compiler and logger) do not exist here, so `get/0` and `info/0` list only the program's.

use std::collections::BTreeMap;
use std::sync::{LazyLock, RwLock};

use super::map::erl_badarg;
use super::{arg, natives};
use crate::term::{Atom, MapT, Term};

// Keys are terms in map key order, which is exact: `1` and `1.0` are different keys.
static TERMS: LazyLock<RwLock<BTreeMap<Term, Term>>> = LazyLock::new(|| RwLock::new(BTreeMap::new()));

fn terms() -> std::sync::RwLockReadGuard<'static, BTreeMap<Term, Term>> {
    TERMS.read().unwrap_or_else(|e| e.into_inner())
}

fn terms_mut() -> std::sync::RwLockWriteGuard<'static, BTreeMap<Term, Term>> {
    TERMS.write().unwrap_or_else(|e| e.into_inner())
}

/// A rough size in bytes of a stored term, for `info/0`.
fn words(t: &Term) -> usize {
    match t {
        Term::Tuple(items) => 1 + items.iter().map(words).sum::<usize>(),
        Term::Cons(_) => t.list_iter().map(|x| 2 + words(x)).sum(),
        Term::Bin(b) => 3 + b.len().div_ceil(8),
        Term::Map(m) => 3 + m.iter().map(|(k, v)| words(k) + words(v)).sum::<usize>(),
        _ => 1,
    }
}

natives! {
    ":persistent_term"."put"/2 => |_, a| {
        terms_mut().insert(arg(a, 0).clone(), arg(a, 1).clone());
        Ok(Term::OK)
    },
    ":persistent_term"."get"/1 => |_, a| {
        terms().get(arg(a, 0)).cloned().ok_or_else(|| erl_badarg(1, "no persistent term stored with this key").into())
    },
    ":persistent_term"."get"/2 => |_, a| {
        Ok(terms().get(arg(a, 0)).cloned().unwrap_or_else(|| arg(a, 1).clone()))
    },
    ":persistent_term"."erase"/1 => |_, a| Ok(Term::bool(terms_mut().remove(arg(a, 0)).is_some())),
    ":persistent_term"."get"/0 => |_, _| {
        let all = terms().iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect();
        Ok(Term::list(all))
    },
    ":persistent_term"."info"/0 => |_, _| {
        let (count, bytes) = terms().iter().fold((0usize, 0usize), |(n, b), (k, v)| (n + 1, b + 8 * (words(k) + words(v))));
        let mut m = MapT::new();
        m.insert(Term::Atom(Atom::intern("count")), Term::Int(count as i64));
        m.insert(Term::Atom(Atom::intern("memory")), Term::Int(bytes as i64));
        Ok(Term::map(m))
    },
}
