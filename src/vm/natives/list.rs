//! `List` built-ins that need no callback (`List.foldl/3`, `List.update_at/3` are in
//! `stdlib/data.ex`). Lists are walked iteratively, never recursively, so a million-element
//! list is fine.

use super::map::erl_badarg;
use super::number::{text_to_integer};
use super::{arg, natives};
use crate::term::{order, Atom, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

natives! {
    "List"."first"/1 => |_, a| first(a, Term::NIL_ATOM),
    "List"."first"/2 => |_, a| first(a, arg(a, 1).clone()),
    "List"."last"/1 => |_, a| last(a, Term::NIL_ATOM),
    "List"."last"/2 => |_, a| last(a, arg(a, 1).clone()),
    "List"."flatten"/1 => |_, a| Ok(Term::list(flatten(arg(a, 0))?)),
    "List"."flatten"/2 => |_, a| Ok(Term::list_with_tail(flatten(arg(a, 0))?, arg(a, 1).clone())),
    "List"."wrap"/1 => |_, a| Ok(match arg(a, 0) {
        Term::Nil | Term::Cons(_) => arg(a, 0).clone(),
        t if t.is_atom(Atom::NIL) => Term::Nil,
        t => Term::list(vec![t.clone()]),
    }),
    "List"."delete"/2 => |_, a| {
        let mut v = items(a, "delete")?;
        if let Some(i) = v.iter().position(|x| order::strict_eq(x, arg(a, 1))) {
            v.remove(i);
        }
        Ok(Term::list(v))
    },
    "List"."delete_at"/2 => |_, a| {
        let mut v = items(a, "delete_at")?;
        if let Some(i) = index(v.len(), index_arg(a, "delete_at")?) {
            v.remove(i);
        }
        Ok(Term::list(v))
    },
    "List"."pop_at"/2 => |_, a| pop_at(a, Term::NIL_ATOM),
    "List"."pop_at"/3 => |_, a| pop_at(a, arg(a, 2).clone()),
    "List"."insert_at"/3 => |_, a| {
        let mut v = items(a, "insert_at")?;
        let i = index_arg(a, "insert_at")?;
        let len = v.len() as i64;
        let at = if i < 0 { (len + i + 1).max(0) } else { i.min(len) };
        v.insert(at as usize, arg(a, 2).clone());
        Ok(Term::list(v))
    },
    "List"."replace_at"/3 => |_, a| {
        let mut v = items(a, "replace_at")?;
        if let Some(i) = index(v.len(), index_arg(a, "replace_at")?) {
            v[i] = arg(a, 2).clone();
        }
        Ok(Term::list(v))
    },
    "List"."duplicate"/2 => |_, a| match arg(a, 1) {
        Term::Int(n) if (0..=100_000_000).contains(n) => Ok(Term::list(vec![arg(a, 0).clone(); *n as usize])),
        _ => Err(exception::function_clause(Atom::intern("lists"), Atom::intern("duplicate"), 2, vec![arg(a, 1).clone(), arg(a, 0).clone()]).into()),
    },
    "List"."zip"/1 => |_, a| {
        let lists: Vec<Vec<Term>> = super::list(arg(a, 0))?.iter().map(super::list).collect::<Result<_, _>>()?;
        let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
        Ok(Term::list((0..n).map(|i| Term::tuple(lists.iter().filter_map(|l| l.get(i).cloned()).collect())).collect()))
    },
    "List"."to_tuple"/1 => |_, a| Ok(Term::tuple(super::list(arg(a, 0)).map_err(|_| erl_badarg(1, "not a list"))?)),
    "List"."to_string"/1 => |_, a| Ok(Term::bytes(super::io::chardata(arg(a, 0))?)),
    "List"."to_charlist"/1 => |_, a| {
        let s = super::io::chardata(arg(a, 0))?;
        Ok(Term::list(String::from_utf8_lossy(&s).chars().map(|c| Term::Int(c as i64)).collect()))
    },
    "List"."to_integer"/1 => |_, a| text_to_integer(&chars(arg(a, 0))?, &Term::Int(10)),
    "List"."to_integer"/2 => |_, a| text_to_integer(&chars(arg(a, 0))?, arg(a, 1)),
    "List"."to_float"/1 => |_, a| super::number::text_to_float(&chars(arg(a, 0))?),
    "List"."to_atom"/1 => |_, a| Ok(Term::Atom(Atom::intern(&String::from_utf8_lossy(&chars(arg(a, 0))?)))),
    "List"."to_existing_atom"/1 => |_, a| match Atom::try_intern(&String::from_utf8_lossy(&chars(arg(a, 0))?)) {
        Some(at) => Ok(Term::Atom(at)),
        None => Err(erl_badarg(1, "not an already existing atom").into()),
    },
    "List"."starts_with?"/2 => |_, a| {
        let (l, p) = (items(a, "starts_with?")?, super::list(arg(a, 1))?);
        Ok(Term::bool(l.len() >= p.len() && l.iter().zip(&p).all(|(x, y)| order::strict_eq(x, y))))
    },
    "List"."improper?"/1 => |_, a| {
        let mut it = arg(a, 0).list_iter();
        it.by_ref().for_each(drop);
        Ok(Term::bool(!matches!(it.tail(), Term::Nil)))
    },
    "List"."ascii_printable?"/1 => |_, a| {
        let mut it = arg(a, 0).list_iter();
        let ok = it.by_ref().all(|c| matches!(c, Term::Int(i) if (32..=126).contains(i) || [7, 8, 9, 10, 11, 12, 13, 27].contains(i)));
        Ok(Term::bool(ok && matches!(it.tail(), Term::Nil)))
    },
    "List"."keyfind"/3 => |_, a| keyfind(a, Term::NIL_ATOM),
    "List"."keyfind"/4 => |_, a| keyfind(a, arg(a, 3).clone()),
    "List"."keymember?"/3 => |_, a| Ok(Term::bool(keypos(a, "keymember?")?.is_some())),
    "List"."keydelete"/3 => |_, a| {
        let mut v = items(a, "keydelete")?;
        if let Some(i) = keypos(a, "keydelete")? {
            v.remove(i);
        }
        Ok(Term::list(v))
    },
    "List"."keyreplace"/4 => |_, a| {
        let mut v = items(a, "keyreplace")?;
        if let Some(i) = keypos(a, "keyreplace")? {
            v[i] = arg(a, 3).clone();
        }
        Ok(Term::list(v))
    },
    "List"."keystore"/4 => |_, a| {
        let mut v = items(a, "keystore")?;
        match keypos(a, "keystore")? {
            Some(i) => v[i] = arg(a, 3).clone(),
            None => v.push(arg(a, 3).clone()),
        }
        Ok(Term::list(v))
    },
    "List"."keytake"/3 => |_, a| {
        let mut v = items(a, "keytake")?;
        Ok(match keypos(a, "keytake")? {
            Some(i) => {
                let t = v.remove(i);
                Term::tuple(vec![t, Term::list(v)])
            }
            None => Term::NIL_ATOM,
        })
    },
    "List"."keysort"/2 => |_, a| {
        let mut v = items(a, "keysort")?;
        let pos = position(a, 1, "keysort")?;
        if v.len() < 2 {
            return Ok(arg(a, 0).clone());
        }
        if v.iter().any(|t| !matches!(t, Term::Tuple(p) if p.len() > pos)) {
            return Err(exception::badarg().into());
        }
        v.sort_by(|x, y| order::compare(&elem(x, pos), &elem(y, pos), false));
        Ok(Term::list(v))
    },
    // `List.foldr/3` walks the list from the end: reversed by the stdlib with this.
    ":vial_list"."check"/2 => |_, a| {
        items(&[arg(a, 0).clone()], arg(a, 1).as_atom().map(|x| x.name()).unwrap_or("foldl"))?;
        Ok(arg(a, 0).clone())
    },
}

fn clause(name: &str, args: &[Term]) -> Exception {
    exception::function_clause(Atom::intern("Elixir.List"), Atom::intern(name), args.len() as u32, args.to_vec())
}

/// The elements of the first argument, which must be a proper list.
fn items(a: &[Term], name: &str) -> Result<Vec<Term>, Exception> {
    arg(a, 0).list_to_vec().ok_or_else(|| clause(name, a))
}

fn index_arg(a: &[Term], name: &str) -> Result<i64, Exception> {
    match arg(a, 1) {
        Term::Int(i) => Ok(*i),
        _ => Err(clause(name, a)),
    }
}

/// A zero-based index from Elixir's possibly negative one, if it is inside the list.
fn index(len: usize, i: i64) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

fn first(a: &[Term], default: Term) -> NResult {
    match arg(a, 0) {
        Term::Nil => Ok(default),
        Term::Cons(c) => Ok(c.head.clone()),
        _ => Err(clause("first", &[arg(a, 0).clone(), default]).into()),
    }
}

fn last(a: &[Term], default: Term) -> NResult {
    match arg(a, 0) {
        Term::Nil => Ok(default),
        Term::Cons(_) => {
            let mut it = arg(a, 0).list_iter();
            let mut last = default.clone();
            for x in it.by_ref() {
                last = x.clone();
            }
            if matches!(it.tail(), Term::Nil) { Ok(last) } else { Err(clause("last", &[arg(a, 0).clone(), default]).into()) }
        }
        _ => Err(clause("last", &[arg(a, 0).clone(), default]).into()),
    }
}

/// Flattens nested lists with an explicit stack of pending tails.
fn flatten(t: &Term) -> Result<Vec<Term>, Exception> {
    let bad = || exception::function_clause(Atom::intern("lists"), Atom::intern("flatten"), 1, vec![t.clone()]);
    let mut out = Vec::new();
    let mut stack: Vec<&Term> = vec![t];
    while let Some(mut cur) = stack.pop() {
        loop {
            match cur {
                Term::Nil => break,
                Term::Cons(c) => {
                    match &c.head {
                        h @ (Term::Nil | Term::Cons(_)) => {
                            stack.push(&c.tail);
                            cur = h;
                            continue;
                        }
                        h => out.push(h.clone()),
                    }
                    cur = &c.tail;
                }
                _ => return Err(bad()),
            }
        }
    }
    Ok(out)
}

fn pop_at(a: &[Term], default: Term) -> NResult {
    let mut v = items(a, "pop_at")?;
    Ok(match index(v.len(), index_arg(a, "pop_at")?) {
        Some(i) => {
            let x = v.remove(i);
            Term::tuple(vec![x, Term::list(v)])
        }
        None => Term::tuple(vec![default, arg(a, 0).clone()]),
    })
}

/// The one-based tuple position the `key*` functions take as a zero-based index.
fn position(a: &[Term], i: usize, name: &str) -> Result<usize, Exception> {
    match arg(a, i) {
        Term::Int(p) if *p >= 0 => Ok(*p as usize),
        _ => Err(clause(name, a)),
    }
}

fn elem(t: &Term, pos: usize) -> Term {
    match t {
        Term::Tuple(p) => p.get(pos).cloned().unwrap_or(Term::NIL_ATOM),
        _ => Term::NIL_ATOM,
    }
}

/// Index of the first tuple whose element at the position (third argument) equals the key
/// (second argument), compared with `==` as `:lists.keyfind` does.
fn keypos(a: &[Term], name: &str) -> Result<Option<usize>, Exception> {
    let pos = position(a, 2, name)?;
    let key = arg(a, 1);
    let mut it = arg(a, 0).list_iter();
    for (i, t) in it.by_ref().enumerate() {
        if let Term::Tuple(p) = t {
            if p.get(pos).is_some_and(|k| order::loose_eq(k, key)) {
                return Ok(Some(i));
            }
        }
    }
    if matches!(it.tail(), Term::Nil) { Ok(None) } else { Err(clause(name, a)) }
}

fn keyfind(a: &[Term], default: Term) -> NResult {
    Ok(match keypos(a, "keyfind")? {
        Some(i) => arg(a, 0).list_iter().nth(i).cloned().unwrap_or(default),
        None => default,
    })
}

/// The UTF-8 text of a charlist (or chardata).
fn chars(t: &Term) -> Result<Vec<u8>, Exception> {
    super::io::chardata(t).map_err(|_| erl_badarg(1, "not a list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_deeply_nested_lists() {
        let mut t = Term::list(vec![Term::Int(1)]);
        for _ in 0..1_000 {
            t = Term::list(vec![t]);
        }
        assert_eq!(flatten(&t).map(|v| v.len()).ok(), Some(1));
    }

    #[test]
    fn negative_indexes() {
        assert_eq!(index(3, -1), Some(2));
        assert_eq!(index(3, -4), None);
        assert_eq!(index(3, 3), None);
    }
}
