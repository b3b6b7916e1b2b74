//! `Map`, `Keyword` and `Tuple` built-ins that need no callback; the callback-taking ones
//! (`Map.update/4`, `Keyword.update/4`, …) are in `stdlib/data.ex` on top of these.

use std::sync::Arc;

use super::enums::to_vec;
use super::kernel::struct_name;
use super::{arg, int, natives, take};
use crate::term::{order, Atom, MapT, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

natives! {
    "Map"."new"/0 => |_, _| Ok(Term::map(MapT::new())),
    "Map"."new"/1 => |_, a| map_new(arg(a, 0)),
    "Map"."put"/3 => |_, a| {
        let (k, v) = (take(a, 1), take(a, 2));
        edit_map(a, 0)?.insert(k, v);
        Ok(take(a, 0))
    },
    "Map"."get"/2 => |_, a| Ok(map(arg(a, 0))?.get(arg(a, 1)).cloned().unwrap_or(Term::NIL_ATOM)),
    "Map"."get"/3 => |_, a| Ok(map(arg(a, 0))?.get(arg(a, 1)).cloned().unwrap_or_else(|| arg(a, 2).clone())),
    "Map"."fetch"/2 => |_, a| Ok(match map(arg(a, 0))?.get(arg(a, 1)) {
        Some(v) => super::ok(v.clone()),
        None => Term::Atom(Atom::ERROR),
    }),
    "Map"."fetch!"/2 => |_, a| match map(arg(a, 0))?.get(arg(a, 1)) {
        Some(v) => Ok(v.clone()),
        None => Err(exception::key_error(arg(a, 1).clone(), arg(a, 0).clone()).into()),
    },
    "Map"."delete"/2 => |_, a| {
        let m = map(arg(a, 0))?;
        if !m.contains_key(arg(a, 1)) {
            return Ok(arg(a, 0).clone());
        }
        let k = take(a, 1);
        edit_map(a, 0)?.remove(&k);
        Ok(take(a, 0))
    },
    "Map"."keys"/1 => |_, a| Ok(Term::list(map(arg(a, 0))?.keys().cloned().collect())),
    "Map"."values"/1 => |_, a| Ok(Term::list(map(arg(a, 0))?.values().cloned().collect())),
    "Map"."has_key?"/2 => |_, a| Ok(Term::bool(map(arg(a, 0))?.contains_key(arg(a, 1)))),
    "Map"."merge"/2 => |_, a| {
        map(arg(a, 0))?;
        map(arg(a, 1))?;
        let y = take(a, 1);
        let out = edit_map(a, 0)?;
        if let Term::Map(y) = &y {
            for (k, v) in y.iter() {
                out.insert(k.clone(), v.clone());
            }
        }
        Ok(take(a, 0))
    },
    "Map"."to_list"/1 => |_, a| Ok(pairs(map(arg(a, 0))?)),
    "Map"."from_struct"/1 => |_, a| {
        let mut m = map(arg(a, 0))?.clone();
        m.remove(&Term::Atom(Atom::STRUCT));
        Ok(Term::map(m))
    },
    "Map"."put_new"/3 => |_, a| {
        let m = map(arg(a, 0))?;
        if m.contains_key(arg(a, 1)) {
            return Ok(arg(a, 0).clone());
        }
        let (k, v) = (take(a, 1), take(a, 2));
        edit_map(a, 0)?.insert(k, v);
        Ok(take(a, 0))
    },
    "Map"."pop"/2 => |_, a| map_pop(arg(a, 0), arg(a, 1), Term::NIL_ATOM),
    "Map"."pop"/3 => |_, a| map_pop(arg(a, 0), arg(a, 1), arg(a, 2).clone()),
    "Map"."pop!"/2 => |_, a| {
        let m = map(arg(a, 0))?;
        match m.get(arg(a, 1)) {
            Some(v) => {
                let mut rest = m.clone();
                rest.remove(arg(a, 1));
                Ok(Term::tuple(vec![v.clone(), Term::map(rest)]))
            }
            None => Err(exception::key_error(arg(a, 1).clone(), arg(a, 0).clone()).into()),
        }
    },
    "Map"."take"/2 => |_, a| {
        let m = map(arg(a, 0))?;
        let mut out = MapT::new();
        for k in keys_arg(arg(a, 1))? {
            if let Some(v) = m.get(&k) {
                out.insert(k, v.clone());
            }
        }
        Ok(Term::map(out))
    },
    "Map"."drop"/2 => |_, a| {
        let mut m = map(arg(a, 0))?.clone();
        for k in keys_arg(arg(a, 1))? {
            m.remove(&k);
        }
        Ok(Term::map(m))
    },
    "Map"."split"/2 => |_, a| {
        let mut rest = map(arg(a, 0))?.clone();
        let mut taken = MapT::new();
        for k in keys_arg(arg(a, 1))? {
            if let Some(v) = rest.remove(&k) {
                taken.insert(k, v);
            }
        }
        Ok(Term::tuple(vec![Term::map(taken), Term::map(rest)]))
    },
    "Map"."equal?"/2 => |_, a| {
        map(arg(a, 0))?;
        map(arg(a, 1))?;
        Ok(Term::bool(order::strict_eq(arg(a, 0), arg(a, 1))))
    },
    "Map"."replace"/3 => |_, a| {
        let m = map(arg(a, 0))?;
        if !m.contains_key(arg(a, 1)) {
            return Ok(arg(a, 0).clone());
        }
        let (k, v) = (take(a, 1), take(a, 2));
        edit_map(a, 0)?.insert(k, v);
        Ok(take(a, 0))
    },
    "Map"."replace!"/3 => |_, a| {
        let m = map(arg(a, 0))?;
        if !m.contains_key(arg(a, 1)) {
            return Err(exception::key_error(arg(a, 1).clone(), arg(a, 0).clone()).into());
        }
        let (k, v) = (take(a, 1), take(a, 2));
        edit_map(a, 0)?.insert(k, v);
        Ok(take(a, 0))
    },
    // For the stdlib's callback-taking functions: raise Elixir's KeyError for `key` in `term`.
    ":vial_map"."key_error"/2 => |_, a| Err(exception::key_error(arg(a, 0).clone(), arg(a, 1).clone()).into()),
    ":vial_map"."check"/1 => |_, a| map(arg(a, 0)).map(|_| arg(a, 0).clone()).map_err(Into::into),

    "Keyword"."new"/0 => |_, _| Ok(Term::Nil),
    "Keyword"."new"/1 => |_, a| {
        // Later duplicates win and take the place of earlier ones, as in `Keyword.new/1`.
        let mut out: Vec<(Term, Term)> = Vec::new();
        for p in to_vec(arg(a, 0))? {
            let (k, v) = kv(&p).ok_or_else(|| exception::term_error(Atom::intern("Elixir.MatchError"), p.clone()))?;
            if k.as_atom().is_none() {
                return Err(exception::badarg().into());
            }
            out.retain(|(k2, _)| !order::strict_eq(k2, &k));
            out.push((k, v));
        }
        Ok(Term::list(out.into_iter().map(|(k, v)| Term::tuple(vec![k, v])).collect()))
    },
    "Keyword"."get"/2 => |_, a| kw_get(a, "get", Term::NIL_ATOM),
    "Keyword"."get"/3 => |_, a| kw_get(a, "get", arg(a, 2).clone()),
    "Keyword"."fetch"/2 => |_, a| {
        Ok(match kw_find(arg(a, 0), arg(a, 1), "fetch", a)? {
            Some(v) => super::ok(v),
            None => Term::Atom(Atom::ERROR),
        })
    },
    "Keyword"."fetch!"/2 => |_, a| {
        kw_find(arg(a, 0), arg(a, 1), "fetch!", a)?.ok_or_else(|| exception::key_error(arg(a, 1).clone(), arg(a, 0).clone()).into())
    },
    "Keyword"."has_key?"/2 => |_, a| {
        Ok(Term::bool(kw_find(arg(a, 0), arg(a, 1), "has_key?", a)?.is_some()))
    },
    "Keyword"."get_values"/2 => |_, a| {
        let items = kw_list(arg(a, 0), "get_values", a)?;
        Ok(Term::list(items.into_iter().filter(|(k, _)| order::strict_eq(k, arg(a, 1))).map(|(_, v)| v).collect()))
    },
    "Keyword"."keys"/1 => |_, a| Ok(Term::list(kw_list(arg(a, 0), "keys", a)?.into_iter().map(|(k, _)| k).collect())),
    "Keyword"."values"/1 => |_, a| Ok(Term::list(kw_list(arg(a, 0), "values", a)?.into_iter().map(|(_, v)| v).collect())),
    "Keyword"."keyword?"/1 => |_, a| Ok(Term::bool(is_keyword(arg(a, 0)))),
    "Keyword"."to_list"/1 => |_, a| Ok(arg(a, 0).clone()),
    "Keyword"."delete"/2 => |_, a| Ok(kw_delete(a, "delete")?),
    "Keyword"."delete_first"/2 => |_, a| {
        let mut items = kw_list(arg(a, 0), "delete_first", a)?;
        if let Some(i) = items.iter().position(|(k, _)| order::strict_eq(k, arg(a, 1))) {
            items.remove(i);
        }
        Ok(from_pairs(items.into_iter()))
    },
    "Keyword"."put"/3 => |_, a| {
        let rest = kw_delete(a, "put")?;
        Ok(Term::cons(Term::tuple(vec![take(a, 1), take(a, 2)]), rest))
    },
    // `Keyword.update/4` and `update!/3` (stdlib/data.ex) once the new value is known: the
    // first `key` entry takes it, later ones go, and the list after the last is shared.
    ":vial_kw"."replace"/3 => |_, a| {
        let (list, key) = (arg(a, 0), arg(a, 1));
        let mut it = list.list_iter();
        let mut before = Vec::new();
        for x in it.by_ref() {
            if is_entry(x, key) {
                let rest = kw_delete_copy(it.tail(), key);
                let entry = Term::tuple(vec![key.clone(), arg(a, 2).clone()]);
                return Ok(Term::list_with_tail(before, Term::cons(entry, rest)));
            }
            before.push(x.clone());
        }
        Err(kw_clause("update!", a).into())
    },
    "Keyword"."put_new"/3 => |_, a| {
        if kw_find(arg(a, 0), arg(a, 1), "put_new", a)?.is_some() {
            return Ok(arg(a, 0).clone());
        }
        Ok(Term::cons(Term::tuple(vec![arg(a, 1).clone(), arg(a, 2).clone()]), arg(a, 0).clone()))
    },
    "Keyword"."merge"/2 => |_, a| {
        let (x, y) = (kw_list(arg(a, 0), "merge", a)?, kw_list(arg(a, 1), "merge", a)?);
        let mut out: Vec<(Term, Term)> = x.into_iter().filter(|(k, _)| find(&y, k).is_none()).collect();
        out.extend(y);
        Ok(from_pairs(out.into_iter()))
    },
    "Keyword"."take"/2 => |_, a| {
        let items = kw_list(arg(a, 0), "take", a)?;
        let keys = super::list(arg(a, 1))?;
        Ok(from_pairs(items.into_iter().filter(|(k, _)| keys.iter().any(|x| order::strict_eq(x, k)))))
    },
    "Keyword"."drop"/2 => |_, a| {
        let items = kw_list(arg(a, 0), "drop", a)?;
        let keys = super::list(arg(a, 1))?;
        Ok(from_pairs(items.into_iter().filter(|(k, _)| !keys.iter().any(|x| order::strict_eq(x, k)))))
    },
    "Keyword"."split"/2 => |_, a| {
        let items = kw_list(arg(a, 0), "split", a)?;
        let keys = super::list(arg(a, 1))?;
        let (taken, rest): (Vec<_>, Vec<_>) = items.into_iter().partition(|(k, _)| keys.iter().any(|x| order::strict_eq(x, k)));
        Ok(Term::tuple(vec![from_pairs(taken.into_iter()), from_pairs(rest.into_iter())]))
    },
    "Keyword"."pop"/2 => |_, a| kw_pop(a, Term::NIL_ATOM),
    "Keyword"."pop"/3 => |_, a| kw_pop(a, arg(a, 2).clone()),
    "Keyword"."pop!"/2 => |_, a| {
        let items = kw_list(arg(a, 0), "pop!", a)?;
        match find(&items, arg(a, 1)) {
            Some(v) => Ok(Term::tuple(vec![v, from_pairs(items.into_iter().filter(|(k, _)| !order::strict_eq(k, arg(a, 1))))])),
            None => Err(exception::key_error(arg(a, 1).clone(), arg(a, 0).clone()).into()),
        }
    },
    "Keyword"."replace!"/3 => |_, a| {
        let items = kw_list(arg(a, 0), "replace!", a)?;
        if find(&items, arg(a, 1)).is_none() {
            return Err(exception::key_error(arg(a, 1).clone(), arg(a, 0).clone()).into());
        }
        let mut out = Vec::new();
        let mut done = false;
        for (k, v) in items {
            if order::strict_eq(&k, arg(a, 1)) {
                if !done {
                    out.push((k, arg(a, 2).clone()));
                    done = true;
                }
            } else {
                out.push((k, v));
            }
        }
        Ok(from_pairs(out.into_iter()))
    },

    "Tuple"."to_list"/1 => |_, a| Ok(Term::list(tuple(arg(a, 0))?.to_vec())),
    "Tuple"."append"/2 => |_, a| {
        let mut t = tuple(arg(a, 0))?.to_vec();
        t.push(arg(a, 1).clone());
        Ok(Term::tuple(t))
    },
    "Tuple"."insert_at"/3 => |_, a| {
        let mut t = tuple(arg(a, 0)).map_err(|_| erl_badarg(2, "not a tuple"))?.to_vec();
        let i = int(arg(a, 1)).map_err(|_| erl_badarg(1, "not an integer"))?;
        if i < 0 || i as usize > t.len() {
            return Err(erl_badarg(1, "out of range").into());
        }
        t.insert(i as usize, arg(a, 2).clone());
        Ok(Term::tuple(t))
    },
    "Tuple"."delete_at"/2 => |_, a| {
        let mut t = tuple(arg(a, 0)).map_err(|_| erl_badarg(2, "not a tuple"))?.to_vec();
        let i = int(arg(a, 1)).map_err(|_| erl_badarg(1, "not an integer"))?;
        if i < 0 || i as usize >= t.len() {
            return Err(erl_badarg(1, "out of range").into());
        }
        t.remove(i as usize);
        Ok(Term::tuple(t))
    },
    "Tuple"."duplicate"/2 => |_, a| {
        let n = int(arg(a, 1)).map_err(|_| erl_badarg(1, "not an integer"))?;
        if !(0..=(1 << 24)).contains(&n) {
            return Err(erl_badarg(1, "out of range").into());
        }
        Ok(Term::tuple(vec![arg(a, 0).clone(); n as usize]))
    },
    "Tuple"."sum"/1 => |_, a| {
        let mut acc = Term::Int(0);
        for x in tuple(arg(a, 0))?.iter() {
            acc = crate::vm::arith::add(acc, x.clone())?;
        }
        Ok(acc)
    },
    "Tuple"."product"/1 => |_, a| {
        let mut acc = Term::Int(1);
        for x in tuple(arg(a, 0))?.iter() {
            acc = crate::vm::arith::mul(acc, x.clone())?;
        }
        Ok(acc)
    },
}

/// Erlang's argument error, as Elixir words it: "errors were found at the given arguments:
/// * Nth argument: why".
pub(crate) fn erl_badarg(n: usize, why: &str) -> Exception {
    let nth = match n {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => "4th",
    };
    exception::argument_error(&format!("errors were found at the given arguments:\n\n  * {nth} argument: {why}\n"))
}

/// Map argument `i`, ready to be changed and then taken as the result. When the caller held
/// the map only in the local it moved into this call (`state = Map.put(state, k, v)` in a
/// loop), no one else can see it and it is changed in place; otherwise it is copied first,
/// and a persistent map copies only the path to the changed key.
fn edit_map(a: &mut [Term], i: usize) -> Result<&mut MapT, Exception> {
    match a.get_mut(i) {
        Some(Term::Map(m)) => Ok(&mut std::sync::Arc::make_mut(m).0),
        other => Err(exception::term_error(Atom::ELIXIR_BAD_MAP_ERROR, other.map(|t| t.clone()).unwrap_or(Term::NIL_ATOM))),
    }
}

/// The map inside `t`, or Elixir's BadMapError.
pub(crate) fn map(t: &Term) -> Result<&MapT, Exception> {
    match t {
        Term::Map(m) => Ok(m),
        other => Err(exception::term_error(Atom::ELIXIR_BAD_MAP_ERROR, other.clone())),
    }
}

fn tuple(t: &Term) -> Result<&[Term], Exception> {
    match t {
        Term::Tuple(items) => Ok(items),
        _ => Err(erl_badarg(1, "not a tuple")),
    }
}

fn pairs(m: &MapT) -> Term {
    Term::list(m.iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect())
}

fn kv(t: &Term) -> Option<(Term, Term)> {
    match t {
        Term::Tuple(p) if p.len() == 2 => Some((p[0].clone(), p[1].clone())),
        _ => None,
    }
}

fn map_new(t: &Term) -> NResult {
    if let Term::Map(_) = t {
        if struct_name(t).is_none() {
            return Ok(t.clone());
        }
    }
    let mut m = MapT::new();
    for p in to_vec(t)? {
        let (k, v) = kv(&p).ok_or_else(exception::badarg)?;
        m.insert(k, v);
    }
    Ok(Term::map(m))
}

fn map_pop(t: &Term, key: &Term, default: Term) -> NResult {
    let m = map(t)?;
    match m.get(key) {
        Some(v) => {
            let mut rest = m.clone();
            rest.remove(key);
            Ok(Term::tuple(vec![v.clone(), Term::map(rest)]))
        }
        None => Ok(Term::tuple(vec![default, t.clone()])),
    }
}

/// The keys of `Map.take/2` and friends: any enumerable.
fn keys_arg(t: &Term) -> Result<Vec<Term>, Exception> {
    to_vec(t)
}

fn is_keyword(t: &Term) -> bool {
    let mut it = t.list_iter();
    let all = it.by_ref().all(|x| matches!(x, Term::Tuple(p) if p.len() == 2 && matches!(p[0], Term::Atom(_))));
    all && matches!(it.tail(), Term::Nil)
}

/// The pairs of a keyword list; anything else is a FunctionClauseError in `Keyword.name`.
fn kw_list(t: &Term, name: &str, args: &[Term]) -> Result<Vec<(Term, Term)>, Exception> {
    let clause = || kw_clause(name, args);
    let mut out = Vec::new();
    let mut it = t.list_iter();
    for x in it.by_ref() {
        // Elixir skips non-pair elements in most Keyword functions only by accident of its
        // implementation; a malformed entry is treated as absent here.
        if let Some(p) = kv(x) {
            out.push(p);
        }
    }
    if !matches!(it.tail(), Term::Nil) {
        return Err(clause());
    }
    Ok(out)
}

fn find(items: &[(Term, Term)], key: &Term) -> Option<Term> {
    items.iter().find(|(k, _)| order::strict_eq(k, key)).map(|(_, v)| v.clone())
}

fn from_pairs(items: impl Iterator<Item = (Term, Term)>) -> Term {
    Term::list(items.map(|(k, v)| Term::tuple(vec![k, v])).collect())
}

fn kw_get(a: &[Term], name: &str, default: Term) -> NResult {
    if !matches!(arg(a, 0), Term::Nil | Term::Cons(_)) || !matches!(arg(a, 1), Term::Atom(_)) {
        let mut args = a.to_vec();
        if args.len() == 2 {
            args.push(Term::NIL_ATOM);
        }
        return Err(exception::function_clause(Atom::intern("Elixir.Keyword"), Atom::intern(name), 3, args).into());
    }
    Ok(kw_find(arg(a, 0), arg(a, 1), name, a)?.unwrap_or(default))
}

/// The key of a keyword list entry, `{key, value}`.
fn entry_key(t: &Term) -> Option<&Term> {
    match t {
        Term::Tuple(p) if p.len() == 2 => p.first(),
        _ => None,
    }
}

/// The value of the first `key` entry of `list`, found in place as `:lists.keyfind` does:
/// a lookup allocates nothing, and stops at the first match.
fn kw_find(list: &Term, key: &Term, name: &str, args: &[Term]) -> Result<Option<Term>, Exception> {
    let mut it = list.list_iter();
    for x in it.by_ref() {
        if let Term::Tuple(p) = x {
            if p.len() == 2 && order::strict_eq(&p[0], key) {
                return Ok(Some(p[1].clone()));
            }
        }
    }
    if !matches!(it.tail(), Term::Nil) {
        return Err(kw_clause(name, args));
    }
    Ok(None)
}

/// `list` without its `key` entries, after checking the arguments as `Keyword.delete/2`'s
/// guard does. A list with no such entry comes back as it is.
///
/// Otherwise the cells no one else holds (a list moved here by its last use, as in
/// `kw = Keyword.put(kw, k, v)` in a loop) are unlinked in place, and from the first shared
/// cell on the list is copied up to its last `key` entry, the rest shared. Either way the
/// result is Elixir's; the in-place path just allocates and frees nothing but the entry.
fn kw_delete(a: &mut [Term], name: &str) -> Result<Term, Exception> {
    let (list, key) = (arg(a, 0), arg(a, 1));
    if !matches!(list, Term::Nil | Term::Cons(_)) || !matches!(key, Term::Atom(_)) {
        return Err(kw_clause(name, a));
    }
    let mut it = list.list_iter();
    let found = it.by_ref().fold(false, |found, x| found || is_entry(x, key));
    if !matches!(it.tail(), Term::Nil) {
        return Err(kw_clause(name, a));
    }
    let key = key.clone();
    let mut list = take(a, 0);
    if !found {
        return Ok(list);
    }
    let mut cur = &mut list;
    loop {
        let unique = match &mut *cur {
            Term::Cons(arc) => Arc::get_mut(arc).is_some(),
            _ => break,
        };
        if !unique {
            *cur = kw_delete_copy(cur, &key);
            break;
        }
        let remove = matches!(&*cur, Term::Cons(c) if is_entry(&c.head, &key));
        if remove {
            let next = match &mut *cur {
                Term::Cons(arc) => Arc::get_mut(arc).map(|cell| std::mem::replace(&mut cell.tail, Term::Nil)),
                _ => None,
            };
            match next {
                Some(next) => *cur = next,
                None => break,
            }
        } else {
            let Term::Cons(arc) = cur else { break };
            let Some(cell) = Arc::get_mut(arc) else { break };
            cur = &mut cell.tail;
        }
    }
    Ok(list)
}

/// Whether `x` is a keyword entry for `key`.
fn is_entry(x: &Term, key: &Term) -> bool {
    entry_key(x).is_some_and(|k| order::strict_eq(k, key))
}

/// A copy of proper list `list` without its `key` entries, sharing the cells after the last.
fn kw_delete_copy(list: &Term, key: &Term) -> Term {
    let last = list.list_iter().enumerate().filter(|(_, x)| is_entry(x, key)).map(|(i, _)| i).last();
    let Some(last) = last else { return list.clone() };
    let mut it = list.list_iter();
    let kept: Vec<Term> = it.by_ref().take(last + 1).filter(|x| !is_entry(x, key)).cloned().collect();
    Term::list_with_tail(kept, it.tail().clone())
}

fn kw_clause(name: &str, args: &[Term]) -> Exception {
    exception::function_clause(Atom::intern("Elixir.Keyword"), Atom::intern(name), args.len() as u32, args.to_vec())
}

fn kw_pop(a: &[Term], default: Term) -> NResult {
    let items = kw_list(arg(a, 0), "pop", a)?;
    match find(&items, arg(a, 1)) {
        Some(v) => Ok(Term::tuple(vec![v, from_pairs(items.into_iter().filter(|(k, _)| !order::strict_eq(k, arg(a, 1))))])),
        None => Ok(Term::tuple(vec![default, arg(a, 0).clone()])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(pairs: &[(&str, i64)]) -> Term {
        from_pairs(pairs.iter().map(|(k, v)| (Term::Atom(Atom::intern(k)), Term::Int(*v))))
    }

    #[test]
    fn keyword_new_keeps_last_duplicate() {
        let t = kw(&[("a", 1), ("b", 2), ("a", 3)]);
        let r = (FNS.iter().find(|f| f.module == "Keyword" && f.name == "new" && f.arity == 1).map(|f| f.f)).expect("registered");
        let _ = r;
        assert!(is_keyword(&t));
        assert!(!is_keyword(&Term::list(vec![Term::Int(1)])));
    }

    #[test]
    fn badarg_text() {
        let e = erl_badarg(2, "out of range");
        assert_eq!(
            exception::message(&e.reason).as_deref(),
            Some("errors were found at the given arguments:\n\n  * 2nd argument: out of range\n")
        );
    }
}
