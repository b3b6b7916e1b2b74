//! The callback-free halves of `Enum`: conversion of enumerables to lists, sorting,
//! counting, slicing, joining. The stdlib's `Enum` (in `stdlib/enum.ex`) calls these as
//! `:vial_enum.*`; they are not part of the user-visible API.


use super::kernel::{int_term, mapset_elements, member as kmember, range_len, range_parts, struct_name};
use super::{arg, int, list, natives, ok, take};
use std::cmp::Ordering;

use crate::term::{order, Atom, Closure, MapT, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::{arith, Flow, NResult};

/// The longest range `Enum` will materialise: a bigger one is almost certainly a mistake
/// (`1..10_000_000_000`) and would exhaust memory.
const MAX_RANGE_LIST: i64 = 100_000_000;

natives! {
    ":vial_enum"."to_list"/1 => |_, a| to_list(take(a, 0)),
    ":vial_enum"."fold_list"/1 => |_, a| fold_list(take(a, 0)),
    ":vial_enum"."count"/1 => |_, a| count(arg(a, 0)),
    ":vial_enum"."member"/2 => |_, a| Ok(Term::bool(kmember(arg(a, 0), arg(a, 1))?)),
    ":vial_enum"."sum"/1 => |_, a| {
        let mut acc = Term::Int(0);
        for x in list(arg(a, 0))? {
            acc = arith::add(acc, x)?;
        }
        Ok(acc)
    },
    ":vial_enum"."sort"/1 => |_, a| {
        let mut v = list(arg(a, 0))?;
        // Stable in term order, where `1` and `1.0` are equal: `Enum.sort([1.0, 1])` keeps
        // `[1.0, 1]` and `{1.0, :a}` sorts before `{1, :b}`, as with `:lists.sort`. (That
        // merge sort reverses descending runs, so among several equal numbers its order can
        // differ from this one's.)
        v.sort_by(|x, y| order::compare(x, y, false));
        Ok(Term::list(v))
    },
    ":vial_enum"."sort_desc"/1 => |_, a| {
        let mut v = list(arg(a, 0))?;
        v.sort_by(|x, y| order::compare(y, x, false));
        Ok(Term::list(v))
    },
    // `Enum.sort_by/2,3`: the list holds `{key, element}` pairs; the elements come back
    // sorted by key, stably.
    ":vial_enum"."sort_by_keys"/1 => |_, a| {
        let mut v = list(arg(a, 0))?;
        v.sort_by(|x, y| order::compare(&first(x), &first(y), false));
        Ok(Term::list(v.iter().map(second).collect()))
    },
    ":vial_enum"."sort_by_keys_desc"/1 => |_, a| {
        let mut v = list(arg(a, 0))?;
        v.sort_by(|x, y| order::compare(&first(y), &first(x), false));
        Ok(Term::list(v.iter().map(second).collect()))
    },
    ":vial_enum"."merge_sort"/2 => |_, a| match term_comparator(arg(a, 1)) {
        Some(before) => Ok(Term::list(merge_sort(list(arg(a, 0))?, &|x, y| before(order::compare(x, y, false))))),
        None => Err(Flow::ApplyMfa(Atom::intern("Elixir.List.Internal"), Atom::intern("merge_sort"), vec![arg(a, 0).clone(), arg(a, 1).clone()])),
    },
    // `Enum.sort_by/3` with a comparator of the keys, as `sort_by_keys`.
    ":vial_enum"."merge_sort_by_keys"/2 => |_, a| match term_comparator(arg(a, 1)) {
        Some(before) => {
            let sorted = merge_sort(list(arg(a, 0))?, &|x, y| before(order::compare(&first(x), &first(y), false)));
            Ok(Term::list(sorted.iter().map(second).collect()))
        }
        None => Err(Flow::ApplyMfa(Atom::intern("Elixir.List.Internal"), Atom::intern("merge_sort_by_keys"), vec![arg(a, 0).clone(), arg(a, 1).clone()])),
    },
    ":vial_enum"."join"/2 => |_, a| {
        let sep = super::bin(arg(a, 1))?.to_vec();
        let mut out = Vec::new();
        for (i, x) in list(arg(a, 0))?.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            // Each element goes through `String.Chars` (so `1` joins as "1", not a code point).
            match crate::term::inspect::to_chars(x) {
                Ok(b) => out.extend(b),
                // A struct with the program's own `String.Chars`: convert every element
                // with `to_string/1` in the language, then join.
                Err(_) if super::protocol::implementation(Atom::alias("String.Chars"), x, false).is_some() => {
                    return Err(Flow::ApplyMfa(Atom::intern("Elixir.Kernel.Internal"), Atom::intern("join"), vec![arg(a, 0).clone(), arg(a, 1).clone()]));
                }
                Err(_) => return Err(exception::protocol_undefined("String.Chars", x.clone()).into()),
            }
        }
        Ok(Term::bytes(out))
    },
    ":vial_enum"."intersperse"/2 => |_, a| {
        let mut out = Vec::new();
        for (i, x) in list(arg(a, 0))?.into_iter().enumerate() {
            if i > 0 {
                out.push(arg(a, 1).clone());
            }
            out.push(x);
        }
        Ok(Term::list(out))
    },
    ":vial_enum"."uniq"/1 => |_, a| {
        let mut seen = imbl::OrdSet::new();
        let mut out = Vec::new();
        for x in list(arg(a, 0))? {
            if seen.insert(x.clone()).is_none() {
                out.push(x);
            }
        }
        Ok(Term::list(out))
    },
    ":vial_enum"."frequencies"/1 => |_, a| {
        let mut m = MapT::new();
        for x in list(arg(a, 0))? {
            let n = match m.get(&x) {
                Some(Term::Int(n)) => n + 1,
                _ => 1,
            };
            m.insert(x, Term::Int(n));
        }
        Ok(Term::map(m))
    },
    ":vial_enum"."min"/1 => |_, a| {
        let v = list(arg(a, 0))?;
        let mut it = v.into_iter();
        let first = it.next().ok_or_else(empty_error)?;
        Ok(it.fold(first, |m, x| if order::compare(&x, &m, false).is_lt() { x } else { m }))
    },
    ":vial_enum"."max"/1 => |_, a| {
        let v = list(arg(a, 0))?;
        let mut it = v.into_iter();
        let first = it.next().ok_or_else(empty_error)?;
        Ok(it.fold(first, |m, x| if order::compare(&x, &m, false).is_gt() { x } else { m }))
    },
    ":vial_enum"."at"/3 => |_, a| Ok(element_at(arg(a, 0), int(arg(a, 1))?)?.unwrap_or_else(|| arg(a, 2).clone())),
    ":vial_enum"."fetch"/2 => |_, a| {
        Ok(match element_at(arg(a, 0), int(arg(a, 1))?)? {
            Some(x) => ok(x),
            None => Term::Atom(Atom::ERROR),
        })
    },
    ":vial_enum"."fetch!"/2 => |_, a| {
        let i = int(arg(a, 1))?;
        match element_at(arg(a, 0), i)? {
            Some(x) => Ok(x),
            None => Err(Exception::error(exception::exception_struct(
                Atom::intern("Elixir.Enum.OutOfBoundsError"),
                vec![("message", Term::str("out of bounds error"))],
            )).into()),
        }
    },
    // With a non-negative count these walk only the first `n` cells: `drop` returns the
    // rest of the list itself (shared, as on the BEAM), `take` copies `n` cells.
    ":vial_enum"."take"/2 => |_, a| {
        let n = int(arg(a, 1))?;
        if n >= 0 {
            let l = arg(a, 0);
            return Ok(Term::list(l.list_iter().take(n as usize).cloned().collect()));
        }
        let v = list(arg(a, 0))?;
        let skip = v.len().saturating_sub(n.unsigned_abs() as usize);
        Ok(Term::list(v.into_iter().skip(skip).collect()))
    },
    ":vial_enum"."drop"/2 => |_, a| {
        let n = int(arg(a, 1))?;
        if n >= 0 {
            let mut rest = arg(a, 0);
            for _ in 0..n {
                match rest {
                    Term::Cons(c) => rest = &c.tail,
                    _ => break,
                }
            }
            return Ok(match rest {
                Term::Cons(_) => rest.clone(),
                _ => Term::Nil,
            });
        }
        let v = list(arg(a, 0))?;
        let keep = v.len().saturating_sub(n.unsigned_abs() as usize);
        Ok(Term::list(v.into_iter().take(keep).collect()))
    },
    ":vial_enum"."slice"/2 => |_, a| {
        let v = list(arg(a, 0))?;
        let (f, l, _) = range_parts(arg(a, 1)).ok_or_else(exception::badarg)?;
        let len = v.len() as i64;
        let f = if f < 0 { (len + f).max(0) } else { f };
        let l = if l < 0 { len + l } else { l };
        if f > l || f >= len {
            return Ok(Term::Nil);
        }
        Ok(Term::list(v[f as usize..=(l.min(len - 1)) as usize].to_vec()))
    },
    ":vial_enum"."slice"/3 => |_, a| {
        let v = list(arg(a, 0))?;
        let len = v.len() as i64;
        let s = int(arg(a, 1))?;
        let s = if s < 0 { (len + s).max(0) } else { s };
        let n = int(arg(a, 2))?.max(0);
        Ok(Term::list(v.into_iter().skip(s as usize).take(n as usize).collect()))
    },
    ":vial_enum"."zip"/2 => |_, a| {
        let (x, y) = (list(arg(a, 0))?, list(arg(a, 1))?);
        Ok(Term::list(x.into_iter().zip(y).map(|(p, q)| Term::tuple(vec![p, q])).collect()))
    },
    ":vial_enum"."zip_all"/1 => |_, a| {
        let lists: Vec<Vec<Term>> = list(arg(a, 0))?.iter().map(list).collect::<Result<_, _>>()?;
        let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
        Ok(Term::list((0..n).map(|i| Term::tuple(lists.iter().map(|l| l[i].clone()).collect())).collect()))
    },
    ":vial_enum"."unzip"/1 => |_, a| {
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for p in list(arg(a, 0))? {
            match &p {
                Term::Tuple(t) if t.len() == 2 => {
                    xs.push(t[0].clone());
                    ys.push(t[1].clone());
                }
                _ => return Err(exception::badarg().into()),
            }
        }
        Ok(Term::tuple(vec![Term::list(xs), Term::list(ys)]))
    },
    ":vial_enum"."concat"/1 => |_, a| {
        let mut out = Vec::new();
        for l in list(arg(a, 0))? {
            out.extend(list(&l)?);
        }
        Ok(Term::list(out))
    },
    ":vial_enum"."with_index"/2 => |_, a| {
        let off = int(arg(a, 1))?;
        Ok(Term::list(list(arg(a, 0))?.into_iter().enumerate().map(|(i, x)| Term::tuple(vec![x, Term::Int(off + i as i64)])).collect()))
    },
    ":vial_enum"."chunk_every"/4 => |_, a| {
        let v = list(arg(a, 0))?;
        let (n, step) = (int(arg(a, 1))?, int(arg(a, 2))?);
        if n <= 0 || step <= 0 {
            return Err(exception::badarg().into());
        }
        let leftover = arg(a, 3);
        let discard = leftover.is_atom(Atom::intern("discard"));
        let pad = if discard { vec![] } else { list(leftover).unwrap_or_default() };
        // This is Elixir's `Stream.Reducers.chunk_every/5` state machine, element by element:
        // a buffer is emitted whenever it reaches `n` elements, and once it holds
        // `max(n, step)` it keeps only its newest `count - step` elements. Whatever is left at
        // the end (when fewer than `n`) is padded from `leftover`, which is how an overlapping
        // window such as `chunk_every([10, 1, 5], 2, 1, [0])` gets its last `[5, 0]`.
        let (n, step) = (n as usize, step as usize);
        let limit = n.max(step);
        let mut out = Vec::new();
        let mut buf: Vec<Term> = Vec::new();
        for x in v {
            buf.push(x);
            if buf.len() == n {
                out.push(Term::list(buf.clone()));
            }
            if buf.len() >= limit {
                let remaining = buf.len() - step;
                buf.drain(..buf.len() - remaining);
            }
        }
        if !discard && !buf.is_empty() && buf.len() < n {
            let missing = n - buf.len();
            buf.extend(pad.into_iter().take(missing));
            out.push(Term::list(buf));
        }
        Ok(Term::list(out))
    },
    ":vial_enum"."into"/2 => |_, a| into(list(arg(a, 0))?, arg(a, 1)),
    ":vial_enum"."random"/1 => |_, a| {
        let v = list(arg(a, 0))?;
        if v.is_empty() {
            return Err(empty_error().into());
        }
        Ok(v[random_index(v.len())].clone())
    },
    ":vial_enum"."shuffle"/1 => |_, a| {
        let mut v = list(arg(a, 0))?;
        for i in (1..v.len()).rev() {
            v.swap(i, random_index(i + 1));
        }
        Ok(Term::list(v))
    },
    ":vial_enum"."split_half"/1 => |_, a| {
        let mut v = list(arg(a, 0))?;
        let b = v.split_off(v.len() / 2);
        Ok(Term::tuple(vec![Term::list(v), Term::list(b)]))
    },
    ":lists"."reverse"/1 => |_, a| {
        // OTP's `reverse/1` is Erlang code: its clauses take `[]`, `[x]`, `[a, b]` and
        // `[a, b | rest]`, handing `rest` to the `reverse/2` built-in. So a list with fewer
        // than two cells before a bad tail, or no list, is a FunctionClauseError, and a bad
        // tail further on is reverse/2's argument error.
        let list = take(a, 0);
        let short = match &list {
            Term::Nil => false,
            Term::Cons(c) => !matches!(&c.tail, Term::Nil | Term::Cons(_)),
            _ => true,
        };
        if short {
            return Err(exception::function_clause(Atom::intern("lists"), Atom::intern("reverse"), 1, vec![list]).into());
        }
        Term::reverse_onto(list, Term::Nil).map_err(|bad| improper_at(&bad, 2).into())
    },
    ":lists"."reverse"/2 => |_, a| {
        let tail = take(a, 1);
        Term::reverse_onto(take(a, 0), tail).map_err(|bad| improper_at(&bad, 0).into())
    },
}

/// The argument error `:lists.reverse/2` raises for `list` (not a proper list) when its
/// reversal starts `skip` cells in: "not a list" if no cell is left there, else "not a
/// proper list".
fn improper_at(list: &Term, skip: usize) -> Exception {
    let mut rest = list;
    for _ in 0..skip {
        if let Term::Cons(c) = rest {
            rest = &c.tail;
        }
    }
    let why = if matches!(rest, Term::Cons(_)) { "not a proper list" } else { "not a list" };
    super::map::erl_badarg(1, why)
}

/// What a sort comparator `f` computes from the term order of its two arguments, when it
/// computes nothing else: `f.(a, b)` is `before(compare(a, b))`. Recognised are a capture of
/// `Kernel`'s `<`, `<=`, `>` or `>=`, and an `fn` with no captured variables whose body is
/// one of them applied to its two parameters, in either order.
fn term_comparator(f: &Term) -> Option<fn(Ordering) -> bool> {
    use crate::bytecode::Op;
    let Term::Fun(c) = f else { return None };
    let (op, swapped) = match &**c {
        Closure::Export { module, name, arity: 2, .. } if *module == Atom::intern("Elixir.Kernel") => {
            let op = match name.name() {
                "<" => Op::Lt,
                "<=" => Op::Le,
                ">" => Op::Gt,
                ">=" => Op::Ge,
                _ => return None,
            };
            (op, false)
        }
        Closure::Lambda { code, env } if env.is_empty() && code.arity == 2 => match code.chunk.ops.get(..4)? {
            [Op::Move(0) | Op::Load(0), Op::Move(1) | Op::Load(1), op, Op::Return] => (*op, false),
            [Op::Move(1) | Op::Load(1), Op::Move(0) | Op::Load(0), op, Op::Return] => (*op, true),
            _ => return None,
        },
        _ => return None,
    };
    Some(match (op, swapped) {
        (Op::Lt, false) | (Op::Gt, true) => Ordering::is_lt,
        (Op::Le, false) | (Op::Ge, true) => Ordering::is_le,
        (Op::Gt, false) | (Op::Lt, true) => Ordering::is_gt,
        (Op::Ge, false) | (Op::Le, true) => Ordering::is_ge,
        _ => return None,
    })
}

/// `List.Internal.merge_sort/2` (in `stdlib/enum.ex`) with a comparator known in Rust: split
/// in halves (the first the shorter), sort each, merge taking from the left half whenever
/// `before(left, right)`. Keep the two in step: which of two elements a strict comparator
/// orders neither way comes first depends on exactly this shape, and Elixir's order is it.
fn merge_sort(mut v: Vec<Term>, before: &dyn Fn(&Term, &Term) -> bool) -> Vec<Term> {
    if v.len() < 2 {
        return v;
    }
    let right = merge_sort(v.split_off(v.len() / 2), before);
    let left = merge_sort(v, before);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(x), Some(y)) = (l.peek(), r.peek()) {
        let next = if before(x, y) { l.next() } else { r.next() };
        out.extend(next);
    }
    out.extend(l);
    out.extend(r);
    out
}

fn first(t: &Term) -> Term {
    match t {
        Term::Tuple(p) if !p.is_empty() => p[0].clone(),
        _ => Term::NIL_ATOM,
    }
}

fn second(t: &Term) -> Term {
    match t {
        Term::Tuple(p) if p.len() > 1 => p[1].clone(),
        _ => Term::NIL_ATOM,
    }
}

fn empty_error() -> Exception {
    Exception::error(exception::exception_struct(Atom::ELIXIR_ENUM_EMPTY_ERROR, vec![("message", Term::str("empty error"))]))
}

fn random_index(n: usize) -> usize {
    (super::random_u64() % n.max(1) as u64) as usize
}

/// `Enum.at`'s element `i` (negative counts from the end) of a list, walked without copying
/// it, or of a range, computed; other enumerables are listed first.
fn element_at(t: &Term, i: i64) -> Result<Option<Term>, Flow> {
    if let Some((f, l, s)) = range_parts(t) {
        let n = range_len(f, l, s).ok_or_else(exception::badarith)?;
        let i = i as i128;
        let i = if i < 0 { n + i } else { i };
        let v = (0..n).contains(&i).then(|| f as i128 + i * s as i128).and_then(|v| i64::try_from(v).ok());
        return Ok(v.map(Term::Int));
    }
    let listed;
    let list = match t {
        Term::Nil | Term::Cons(_) => t,
        other => {
            listed = to_list(other.clone())?;
            &listed
        }
    };
    let i = if i < 0 {
        match usize::try_from(i.unsigned_abs()).ok().and_then(|back| list.list_iter().count().checked_sub(back)) {
            Some(i) => i,
            None => return Ok(None),
        }
    } else {
        match usize::try_from(i) {
            Ok(i) => i,
            Err(_) => return Ok(None),
        }
    };
    Ok(list.list_iter().nth(i).cloned())
}

/// `Enum.to_list/1`. A list is returned as it is (Elixir does the same), not copied: every
/// `Enum` function on a list starts here. A range is consed from its last element, with no
/// intermediate vector.
/// The elements in the order `Enum.reduce/3` visits them: for a plain map, `:maps.fold/3`'s
/// order, which for a map of more than 32 keys is `Map.to_list/1`'s reversed (the walk of
/// the hash trie runs one way, the listing is built the other). Everything else as
/// [`to_list`].
fn fold_list(t: Term) -> NResult {
    match &t {
        Term::Map(m) if m.is_large() && struct_name(&t).is_none() => {
            Ok(m.iter().fold(Term::Nil, |acc, (k, v)| Term::cons(Term::tuple(vec![k.clone(), v.clone()]), acc)))
        }
        _ => to_list(t),
    }
}

fn to_list(t: Term) -> NResult {
    if let Some((f, l, s)) = range_parts(&t) {
        let n = range_elements(f, l, s)?;
        return Ok((0..n).rev().fold(Term::Nil, |acc, i| Term::cons(Term::Int(f.wrapping_add(i.wrapping_mul(s))), acc)));
    }
    match t {
        Term::Nil | Term::Cons(_) => Ok(t),
        other => Ok(Term::list(to_vec(&other)?)),
    }
}

/// How many elements of `first..last//step` to enumerate: none for a hand-built range with a
/// step of zero (as Elixir's `Enum.to_list` gives), at most `MAX_RANGE_LIST`. Every element
/// then lies between `first` and `last`, so `first + i * step` fits in an `i64` even where
/// `i * step` alone would not (it is computed wrapping, which gives the same sum).
fn range_elements(f: i64, l: i64, s: i64) -> Result<i64, Exception> {
    let n = range_len(f, l, s).unwrap_or(0);
    if n > MAX_RANGE_LIST as i128 {
        return Err(exception::system_limit("range too large to enumerate"));
    }
    Ok(n as i64)
}

/// The elements of a list, range, map (as `{k, v}` pairs) or `MapSet`.
pub(crate) fn to_vec(t: &Term) -> Result<Vec<Term>, Exception> {
    if let Some((f, l, s)) = range_parts(t) {
        let n = range_elements(f, l, s)?;
        return Ok((0..n).map(|i| Term::Int(f.wrapping_add(i.wrapping_mul(s)))).collect());
    }
    if let Some(set) = mapset_elements(t) {
        return Ok(set.keys().cloned().collect());
    }
    match t {
        Term::Nil | Term::Cons(_) => t.list_to_vec().ok_or_else(exception::badarg),
        Term::Map(m) if struct_name(t).is_none() => Ok(m.iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect()),
        other => Err(exception::protocol_undefined("Enumerable", other.clone())),
    }
}

fn count(t: &Term) -> NResult {
    if let Some((f, l, s)) = range_parts(t) {
        return range_len(f, l, s).map(int_term).ok_or_else(|| exception::badarith().into());
    }
    if let Some(set) = mapset_elements(t) {
        return Ok(Term::Int(set.len() as i64));
    }
    match t {
        Term::Map(m) if struct_name(t).is_none() => Ok(Term::Int(m.len() as i64)),
        _ => Ok(Term::Int(to_vec(t)?.len() as i64)),
    }
}

/// `Enum.into/2` for the collectables learners use: lists, maps, `MapSet`s and strings
/// (binaries).
fn into(items: Vec<Term>, target: &Term) -> NResult {
    if mapset_elements(target).is_some() {
        let mut target = target.clone();
        let set = super::mapset::edit(&mut target)?;
        for it in items {
            set.insert(it, Term::Nil);
        }
        return Ok(target);
    }
    match target {
        Term::Nil | Term::Cons(_) => {
            let mut v = list(target)?;
            v.extend(items);
            Ok(Term::list(v))
        }
        Term::Map(m) if struct_name(target).is_none() => {
            let mut m: MapT = m.0.clone();
            for it in items {
                match &it {
                    Term::Tuple(t) if t.len() == 2 => {
                        m.insert(t[0].clone(), t[1].clone());
                    }
                    _ => return Err(exception::argument_error(&format!(
                        "collecting into a map requires {{key, value}} tuples, got: {}",
                        crate::term::inspect::inspect(&it)
                    )).into()),
                }
            }
            Ok(Term::map(m))
        }
        Term::Bin(b) => {
            let mut out = b.to_vec();
            for it in &items {
                out.extend(super::io::chardata(it)?);
            }
            Ok(Term::bytes(out))
        }
        other => Err(exception::protocol_undefined("Collectable", other.clone()).into()),
    }
}
