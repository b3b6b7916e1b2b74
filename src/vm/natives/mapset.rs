//! `MapSet.put/2` and `MapSet.delete/2`. The rest of `MapSet` is written in the language
//! (`stdlib/mapset.ex`), but there a put would hold the set twice — bound to a variable
//! while its map is read out of it, or kept for the error of a failed clause pattern — so
//! the map would always be shared, and `Map.put` would copy the path to the key: building
//! a set one element at a time would pay for a persistent update per element. These take
//! the set the caller moved into the call and update its map where it lies (copying only
//! what someone else can still see, as `Map.put` does), and raise the
//! `FunctionClauseError` a clause `%MapSet{}` would for anything else.

use std::sync::Arc;

use super::kernel::mapset_elements;
use super::{arg, natives, take};
use crate::term::{Atom, MapT, Term};
use crate::vm::exception::{self, Exception};

natives! {
    "MapSet"."put"/2 => |_, a| {
        check(a, "put")?;
        let x = take(a, 1);
        let mut set = take(a, 0);
        edit(&mut set)?.insert(x, Term::Nil);
        Ok(set)
    },
    "MapSet"."delete"/2 => |_, a| {
        if !check(a, "delete")?.contains_key(arg(a, 1)) {
            return Ok(take(a, 0));
        }
        let mut set = take(a, 0);
        edit(&mut set)?.remove(arg(a, 1));
        Ok(set)
    },
}

/// The elements of the set in `a[0]`, or the `FunctionClauseError` of `MapSet.name/2`.
fn check<'a>(a: &'a [Term], name: &str) -> Result<&'a MapT, Exception> {
    mapset_elements(arg(a, 0))
        .ok_or_else(|| exception::function_clause(Atom::ELIXIR_MAP_SET, Atom::intern(name), 2, a.to_vec()))
}

/// The map of the `MapSet` `set`, to change: made unique first, the set's own entries and
/// then its map, so a set someone else can still see is left as it was.
pub(super) fn edit(set: &mut Term) -> Result<&mut MapT, Exception> {
    if mapset_elements(set).is_none() {
        return Err(exception::badarg());
    }
    let Term::Map(fields) = set else { return Err(exception::badarg()) };
    match Arc::make_mut(fields).0.get_mut(&Term::Atom(Atom::MAP)) {
        Some(Term::Map(elements)) => Ok(&mut Arc::make_mut(elements).0),
        _ => Err(exception::badarg()),
    }
}
