//! Erlang's ETS: tables of tuples that any process may reach by id or name, outside every
//! process's own terms. `foldl`/`foldr`, which call back into the program, are Elixir in
//! `stdlib/erlang.ex` on top of `tab2list`.
//!
//! A table is a B-tree from key to object(s) behind its own lock; the registry of tables is
//! read-locked only to find one. A `set` keys by exact equality (`1` and `1.0` differ), an
//! `ordered_set` by `==` in term order, as on the BEAM; a `set` iterates in term order too,
//! where the BEAM's hash order is unspecified. Tables die with their owner (see
//! [`owner_exited`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, RwLock};

use super::map::erl_badarg;
use super::{arg, natives, Ctx, HostOp};
use crate::term::{order, Atom, Pid, Term};
use crate::vm::exception::Exception;
use crate::vm::NResult;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Access {
    Public,
    Protected,
    Private,
}

/// A table key, ordered as the table's type compares keys.
#[derive(Clone, Debug)]
struct Key {
    term: Term,
    /// `ordered_set`: keys equal under `==` are one key.
    loose: bool,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        if self.loose {
            order::compare(&self.term, &other.term, false)
        } else {
            self.term.cmp(&other.term)
        }
    }
}

struct Table {
    /// The reference naming the table (`:ets.whereis/1` returns it even for a named table).
    id: u64,
    name: Atom,
    named: bool,
    kind: Kind,
    access: Access,
    /// The 1-based position of the key in each object.
    keypos: usize,
    owner: Pid,
    /// Objects under each key: one for a set, in insertion order for a bag.
    rows: RwLock<BTreeMap<Key, Vec<Term>>>,
}

#[derive(Default)]
struct Registry {
    by_id: HashMap<u64, Arc<Table>>,
    by_name: HashMap<Atom, Arc<Table>>,
    /// The tables each owner holds, so that its exit deletes them.
    by_owner: HashMap<Pid, Vec<u64>>,
}

static TABLES: LazyLock<RwLock<Registry>> = LazyLock::new(|| RwLock::new(Registry::default()));

fn registry() -> std::sync::RwLockReadGuard<'static, Registry> {
    TABLES.read().unwrap_or_else(|e| e.into_inner())
}

fn registry_mut() -> std::sync::RwLockWriteGuard<'static, Registry> {
    TABLES.write().unwrap_or_else(|e| e.into_inner())
}

/// Deletes the tables `pid` owned; called when a process that created one exits.
pub fn owner_exited(pid: Pid) {
    let mut reg = registry_mut();
    for id in reg.by_owner.remove(&pid).unwrap_or_default() {
        if let Some(t) = reg.by_id.remove(&id) {
            if t.named {
                reg.by_name.remove(&t.name);
            }
        }
    }
}

const NO_TABLE: &str = "the table identifier does not refer to an existing ETS table";
const NO_ACCESS: &str = "the table identifier refers to an ETS table with insufficient access rights";
const NO_KEY: &str = "not a key that exists in the table";

/// What a call does to a table, for the access check.
#[derive(PartialEq)]
enum Use {
    Read,
    Write,
}

/// The table a table identifier (a name or a reference) refers to, if it exists.
fn find_table(tid: &Term) -> Option<Arc<Table>> {
    let reg = registry();
    match tid {
        Term::Atom(a) => reg.by_name.get(a).cloned(),
        Term::Ref(r) => reg.by_id.get(r).cloned(),
        _ => None,
    }
}

/// The table `tid` refers to, if the calling process may use it `how`.
fn table(c: &Ctx, tid: &Term, how: Use) -> Result<Arc<Table>, Exception> {
    let t = find_table(tid).ok_or_else(|| erl_badarg(1, NO_TABLE))?;
    let allowed = t.owner == c.st.pid
        || match t.access {
            Access::Public => true,
            Access::Protected => how == Use::Read,
            Access::Private => false,
        };
    if allowed { Ok(t) } else { Err(erl_badarg(1, NO_ACCESS)) }
}

impl Table {
    fn key(&self, term: Term) -> Key {
        Key { term, loose: self.kind == Kind::OrderedSet }
    }

    fn key_of(&self, obj: &Term) -> Option<Key> {
        match obj {
            Term::Tuple(t) => t.get(self.keypos - 1).map(|k| self.key(k.clone())),
            _ => None,
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, BTreeMap<Key, Vec<Term>>> {
        self.rows.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, BTreeMap<Key, Vec<Term>>> {
        self.rows.write().unwrap_or_else(|e| e.into_inner())
    }

    fn tid(&self) -> Term {
        if self.named { Term::Atom(self.name) } else { Term::Ref(self.id) }
    }

    /// Adds one object, as `insert` does for the table's type.
    fn put(&self, rows: &mut BTreeMap<Key, Vec<Term>>, key: Key, obj: Term) {
        match self.kind {
            Kind::Set => {
                rows.insert(key, vec![obj]);
            }
            // The new object's key replaces the old one too: `2.0` after `2` is stored as
            // `2.0` (a B-tree's insert would keep the old key).
            Kind::OrderedSet => {
                rows.remove(&key);
                rows.insert(key, vec![obj]);
            }
            Kind::Bag => {
                let objs = rows.entry(key).or_default();
                if !objs.iter().any(|o| order::strict_eq(o, &obj)) {
                    objs.push(obj);
                }
            }
            Kind::DuplicateBag => rows.entry(key).or_default().push(obj),
        }
    }
}

/// The objects argument of `insert`/`insert_new`: one tuple or a list of them, each long
/// enough to hold the key.
fn objects(t: &Table, arg: &Term) -> Result<Vec<(Key, Term)>, Exception> {
    let one = |obj: &Term| match obj {
        Term::Tuple(tp) if tp.is_empty() => Err(erl_badarg(2, "is an empty tuple")),
        Term::Tuple(_) => t.key_of(obj).map(|k| (k, obj.clone())).ok_or_else(|| erl_badarg(2, "the key position is greater than the size of the tuple")),
        _ => Err(erl_badarg(2, "not a tuple")),
    };
    match arg {
        Term::Tuple(_) => Ok(vec![one(arg)?]),
        Term::Nil | Term::Cons(_) => {
            let mut it = arg.list_iter();
            let objs = it.by_ref().map(one).collect::<Result<Vec<_>, _>>()?;
            if !matches!(it.tail(), Term::Nil) {
                return Err(erl_badarg(2, "not a proper list"));
            }
            Ok(objs)
        }
        _ => Err(erl_badarg(2, "not a tuple")),
    }
}

fn new_table(c: &mut Ctx, name: &Term, opts: &Term) -> NResult {
    let Term::Atom(name) = *name else { return Err(erl_badarg(1, "not an atom").into()) };
    let (mut kind, mut access, mut named, mut keypos) = (Kind::Set, Access::Protected, false, 1usize);
    let invalid = || erl_badarg(2, "invalid options");
    let mut it = opts.list_iter();
    for o in it.by_ref() {
        match o {
            Term::Atom(a) => match a.name() {
                "set" => kind = Kind::Set,
                "ordered_set" => kind = Kind::OrderedSet,
                "bag" => kind = Kind::Bag,
                "duplicate_bag" => kind = Kind::DuplicateBag,
                "public" => access = Access::Public,
                "protected" => access = Access::Protected,
                "private" => access = Access::Private,
                "named_table" => named = true,
                "compressed" => {}
                _ => return Err(invalid().into()),
            },
            Term::Tuple(t) if t.len() == 2 => match (&t[0], &t[1]) {
                (Term::Atom(a), Term::Int(n)) if a.name() == "keypos" && *n >= 1 => keypos = *n as usize,
                (Term::Atom(a), _) if matches!(a.name(), "read_concurrency" | "write_concurrency" | "decentralized_counters" | "heir") => {}
                _ => return Err(invalid().into()),
            },
            _ => return Err(invalid().into()),
        }
    }
    if !matches!(it.tail(), Term::Nil) {
        return Err(invalid().into());
    }
    let Term::Ref(id) = c.host.call(c.st.pid, HostOp::MakeRef)? else {
        return Err(crate::vm::exception::runtime_error("internal: make_ref gave no reference").into());
    };
    let owner = c.st.pid;
    let t = Arc::new(Table { id, name, named, kind, access, keypos, owner, rows: RwLock::new(BTreeMap::new()) });
    let mut reg = registry_mut();
    if named {
        if reg.by_name.contains_key(&name) {
            return Err(erl_badarg(1, "table name already exists").into());
        }
        reg.by_name.insert(name, t.clone());
    }
    reg.by_id.insert(id, t.clone());
    reg.by_owner.entry(owner).or_default().push(id);
    c.st.owns_tables = true;
    Ok(t.tid())
}

fn delete_table(c: &Ctx, tid: &Term) -> NResult {
    let t = table(c, tid, Use::Write)?;
    let mut reg = registry_mut();
    reg.by_id.remove(&t.id);
    if t.named {
        reg.by_name.remove(&t.name);
    }
    if let Some(ids) = reg.by_owner.get_mut(&t.owner) {
        ids.retain(|i| *i != t.id);
    }
    Ok(Term::TRUE)
}

fn insert(c: &Ctx, tid: &Term, objs: &Term, only_new: bool) -> NResult {
    let t = table(c, tid, Use::Write)?;
    let objs = objects(&t, objs)?;
    let mut rows = t.write();
    if only_new && objs.iter().any(|(k, _)| rows.contains_key(k)) {
        return Ok(Term::FALSE);
    }
    for (k, o) in objs {
        t.put(&mut rows, k, o);
    }
    Ok(Term::TRUE)
}

fn lookup(c: &Ctx, tid: &Term, key: &Term) -> NResult {
    let t = table(c, tid, Use::Read)?;
    let rows = t.read();
    Ok(Term::list(rows.get(&t.key(key.clone())).cloned().unwrap_or_default()))
}

fn lookup_element(c: &Ctx, a: &[Term]) -> NResult {
    let t = table(c, arg(a, 0), Use::Read)?;
    let Term::Int(pos) = *arg(a, 2) else { return Err(erl_badarg(3, "not a valid position").into()) };
    let rows = t.read();
    let objs = rows.get(&t.key(arg(a, 1).clone())).ok_or_else(|| erl_badarg(2, NO_KEY))?;
    let field = |o: &Term| match o {
        Term::Tuple(tp) if pos >= 1 => tp.get(pos as usize - 1).cloned(),
        _ => None,
    };
    let fields = objs.iter().map(field).collect::<Option<Vec<_>>>().ok_or_else(|| erl_badarg(3, "position is greater than the size of the object"))?;
    Ok(match t.kind {
        Kind::Set | Kind::OrderedSet => fields.into_iter().next().unwrap_or(Term::NIL_ATOM),
        Kind::Bag | Kind::DuplicateBag => Term::list(fields),
    })
}

/// `update_counter/3,4`: each operation is an increment, `{pos, incr}` or
/// `{pos, incr, threshold, set_to}`, applied to the object under `key` (or to `default`
/// inserted first when there is none and one is given).
fn update_counter(c: &Ctx, a: &[Term], default: Option<&Term>) -> NResult {
    let t = table(c, arg(a, 0), Use::Write)?;
    if !matches!(t.kind, Kind::Set | Kind::OrderedSet) {
        return Err(erl_badarg(1, "the table type is not a set or an ordered set").into());
    }
    let key = t.key(arg(a, 1).clone());
    let ops = operations(arg(a, 2));
    let mut rows = t.write();
    let mut obj = match (rows.get(&key).and_then(|o| o.first()), default) {
        (Some(o), _) => o.clone(),
        // The default object is filed under `key`: its own key field is replaced by it.
        (None, Some(Term::Tuple(d))) if d.len() >= t.keypos => {
            let mut fields: Vec<Term> = d.iter().cloned().collect();
            if let Some(slot) = fields.get_mut(t.keypos - 1) {
                *slot = key.term.clone();
            }
            Term::tuple(fields)
        }
        (None, Some(_)) => return Err(erl_badarg(4, "not a tuple").into()),
        (None, None) => return Err(erl_badarg(2, NO_KEY).into()),
    };
    let Term::Tuple(tuple) = &obj else { return Err(erl_badarg(2, NO_KEY).into()) };
    let mut fields: Vec<Term> = tuple.iter().cloned().collect();
    let mut results = Vec::with_capacity(ops.len());
    for op in &ops {
        let (pos, incr, clamp) = match op {
            Term::Int(_) | Term::Big(_) => (t.keypos + 1, (*op).clone(), None),
            Term::Tuple(p) if p.len() == 2 => (position(&p[0])?, p[1].clone(), None),
            Term::Tuple(p) if p.len() == 4 => (position(&p[0])?, p[1].clone(), Some((p[2].clone(), p[3].clone()))),
            _ => return Err(erl_badarg(3, "not a valid update operation").into()),
        };
        let slot = field_mut(&mut fields, pos, t.keypos)?;
        if !matches!(slot, Term::Int(_) | Term::Big(_)) || !matches!(incr, Term::Int(_) | Term::Big(_)) {
            return Err(erl_badarg(3, "the value in the given position, in the object, is not an integer").into());
        }
        let mut v = crate::vm::arith::add(slot.clone(), incr.clone())?;
        if let Some((threshold, set_to)) = clamp {
            let up = order::compare(&incr, &Term::Int(0), false).is_ge();
            let past = if up { order::compare(&v, &threshold, false).is_gt() } else { order::compare(&v, &threshold, false).is_lt() };
            if past {
                v = set_to;
            }
        }
        *slot = v.clone();
        results.push(v);
    }
    obj = Term::tuple(fields);
    rows.insert(key, vec![obj]);
    Ok(match arg(a, 2) {
        Term::Nil | Term::Cons(_) => Term::list(results),
        _ => results.pop().unwrap_or(Term::NIL_ATOM),
    })
}

/// The operations argument of `update_counter`/`update_element`: one, or a list of them.
fn operations(t: &Term) -> Vec<&Term> {
    match t {
        Term::Nil | Term::Cons(_) => t.list_iter().collect(),
        one => vec![one],
    }
}

/// The field at 1-based `pos` of an object being updated, which may not be its key.
fn field_mut(fields: &mut [Term], pos: usize, keypos: usize) -> Result<&mut Term, Exception> {
    if pos == keypos {
        return Err(erl_badarg(3, "the position is the key position"));
    }
    fields.get_mut(pos - 1).ok_or_else(|| erl_badarg(3, "the position is greater than the size of the object"))
}

fn position(t: &Term) -> Result<usize, Exception> {
    match t {
        Term::Int(n) if *n >= 1 => Ok(*n as usize),
        _ => Err(erl_badarg(3, "not a valid update operation")),
    }
}

/// `update_element/3`: `{pos, value}` or a list of them, on a set's object.
fn update_element(c: &Ctx, a: &[Term]) -> NResult {
    let t = table(c, arg(a, 0), Use::Write)?;
    // OTP reports a bag here as it does a bad position.
    if !matches!(t.kind, Kind::Set | Kind::OrderedSet) {
        return Err(erl_badarg(3, "out of range").into());
    }
    let key = t.key(arg(a, 1).clone());
    let ops = operations(arg(a, 2));
    let mut rows = t.write();
    let Some(Term::Tuple(tuple)) = rows.get(&key).and_then(|o| o.first()) else { return Ok(Term::FALSE) };
    let mut fields: Vec<Term> = tuple.iter().cloned().collect();
    for op in ops {
        let Term::Tuple(p) = op else { return Err(erl_badarg(3, "not a valid update operation").into()) };
        let (Some(pos), Some(v)) = (p.first().map(position).transpose()?, p.get(1)) else {
            return Err(erl_badarg(3, "not a valid update operation").into());
        };
        *field_mut(&mut fields, pos, t.keypos)? = v.clone();
    }
    rows.insert(key, vec![Term::tuple(fields)]);
    Ok(Term::TRUE)
}

/// `first`/`last`/`next`/`prev`: keys in the table's order, `:"$end_of_table"` past the end.
fn step(c: &Ctx, a: &[Term], forward: bool, from: Option<&Term>) -> NResult {
    let t = table(c, arg(a, 0), Use::Read)?;
    let rows = t.read();
    let end = || Term::Atom(Atom::intern("$end_of_table"));
    let found = match from {
        None if forward => rows.keys().next(),
        None => rows.keys().next_back(),
        Some(k) => {
            let k = t.key(k.clone());
            // A set's iteration is only defined from a key it holds; an ordered set steps
            // from any term.
            if t.kind != Kind::OrderedSet && !rows.contains_key(&k) {
                return Err(erl_badarg(2, NO_KEY).into());
            }
            use std::ops::Bound::{Excluded, Unbounded};
            if forward { rows.range((Excluded(k), Unbounded)).next().map(|(k, _)| k) } else { rows.range((Unbounded, Excluded(k))).next_back().map(|(k, _)| k) }
        }
    };
    Ok(found.map(|k| k.term.clone()).unwrap_or_else(end))
}

/// What `info(tab, :memory)` reports for an empty table, in words, as OTP 25 does; each
/// object adds its estimated size (the BEAM's figure depends on its own layout).
const EMPTY_TABLE_WORDS: usize = 305;

fn object_words(o: &Term) -> usize {
    match o {
        Term::Tuple(t) => 3 + t.len(),
        _ => 3,
    }
}

/// `info/1,2`: any process may ask about any table, private ones included.
fn info(tid: &Term, item: Option<Atom>) -> NResult {
    let Some(t) = find_table(tid) else { return Ok(Term::Atom(Atom::intern("undefined"))) };
    let (size, words) = t.read().values().flatten().fold((0usize, 0usize), |(n, w), o| (n + 1, w + object_words(o)));
    let kind = match t.kind {
        Kind::Set => "set",
        Kind::OrderedSet => "ordered_set",
        Kind::Bag => "bag",
        Kind::DuplicateBag => "duplicate_bag",
    };
    let access = match t.access {
        Access::Public => "public",
        Access::Protected => "protected",
        Access::Private => "private",
    };
    let atom = |s: &str| Term::Atom(Atom::intern(s));
    let items = [
        ("id", Term::Ref(t.id)),
        ("decentralized_counters", Term::FALSE),
        ("read_concurrency", Term::FALSE),
        ("write_concurrency", Term::FALSE),
        ("compressed", Term::FALSE),
        ("memory", Term::Int((EMPTY_TABLE_WORDS + words) as i64)),
        ("owner", Term::Pid(t.owner)),
        ("heir", atom("none")),
        ("name", Term::Atom(t.name)),
        ("size", Term::Int(size as i64)),
        ("node", atom("nonode@nohost")),
        ("named_table", Term::bool(t.named)),
        ("type", atom(kind)),
        ("keypos", Term::Int(t.keypos as i64)),
        ("protection", atom(access)),
    ];
    match item {
        None => Ok(Term::list(items.into_iter().map(|(k, v)| Term::tuple(vec![atom(k), v])).collect())),
        Some(want) => match items.into_iter().find(|(k, _)| *k == want.name()) {
            Some((_, v)) => Ok(v),
            None => Err(erl_badarg(2, "not a valid info item").into()),
        },
    }
}

/// `match_object/2`'s patterns: `:_` matches anything, `:"$N"` anything consistently.
fn pattern_matches(p: &Term, t: &Term, binds: &mut Vec<(Atom, Term)>) -> bool {
    match p {
        Term::Atom(a) if a.name() == "_" => true,
        Term::Atom(a) if a.name().strip_prefix('$').is_some_and(|n| n.parse::<u32>().is_ok()) => {
            match binds.iter().find(|(b, _)| b == a) {
                Some((_, v)) => order::strict_eq(v, t),
                None => {
                    binds.push((*a, t.clone()));
                    true
                }
            }
        }
        Term::Tuple(ps) => match t {
            Term::Tuple(ts) => ps.len() == ts.len() && ps.iter().zip(ts.iter()).all(|(p, t)| pattern_matches(p, t, binds)),
            _ => false,
        },
        Term::Cons(pc) => match t {
            Term::Cons(tc) => pattern_matches(&pc.head, &tc.head, binds) && pattern_matches(&pc.tail, &tc.tail, binds),
            _ => false,
        },
        _ => order::strict_eq(p, t),
    }
}

/// `match_object/2` (the objects) or `match/2` (each object's `$N` bindings in order).
fn match_pattern(c: &Ctx, a: &[Term], objects: bool) -> NResult {
    let t = table(c, arg(a, 0), Use::Read)?;
    let rows = t.read();
    let mut out = Vec::new();
    for obj in rows.values().flatten() {
        let mut binds = Vec::new();
        if pattern_matches(arg(a, 1), obj, &mut binds) {
            if objects {
                out.push(obj.clone());
            } else {
                binds.sort_by_key(|(b, _)| b.name().get(1..).and_then(|n| n.parse::<u32>().ok()).unwrap_or(0));
                out.push(Term::list(binds.into_iter().map(|(_, v)| v).collect()));
            }
        }
    }
    Ok(Term::list(out))
}

// ---- match specifications (`select/2` and friends) ----

const BAD_MATCH_SPEC: &str = "not a valid match specification";

/// One clause of a match specification: `{head, guards, body}`.
struct MsClause<'a> {
    head: &'a Term,
    guards: Vec<&'a Term>,
    body: Vec<&'a Term>,
}

/// Checks a match specification's shape: a list of `{head, [guard], [body]}` with a
/// non-empty body.
fn match_spec(ms: &Term) -> Result<Vec<MsClause<'_>>, Exception> {
    let bad = || erl_badarg(2, BAD_MATCH_SPEC);
    let mut clauses = Vec::new();
    let mut it = ms.list_iter();
    for clause in it.by_ref() {
        let Term::Tuple(t) = clause else { return Err(bad()) };
        let [head, guards, body] = &t[..] else { return Err(bad()) };
        let guards: Vec<&Term> = proper(guards).ok_or_else(bad)?;
        let body: Vec<&Term> = proper(body).ok_or_else(bad)?;
        if body.is_empty() {
            return Err(bad());
        }
        clauses.push(MsClause { head, guards, body });
    }
    if !matches!(it.tail(), Term::Nil) {
        return Err(bad());
    }
    // As on the BEAM, a specification is checked whole before it runs: every `$N` its
    // guards and body use must be bound by its head, and every call must be a guard function.
    for c in &clauses {
        let mut vars = Vec::new();
        head_vars(c.head, &mut vars);
        if !c.guards.iter().chain(&c.body).all(|e| expr_ok(e, &vars)) {
            return Err(bad());
        }
    }
    Ok(clauses)
}

/// The guard functions (and their arities) OTP 25 allows in a match specification; others,
/// even guard BIFs such as `tuple_size/1`, make it invalid.
const MS_FUNCTIONS: &[(&str, usize)] = &[
    ("is_atom", 1), ("is_integer", 1), ("is_float", 1), ("is_number", 1), ("is_binary", 1), ("is_list", 1), ("is_tuple", 1), ("is_map", 1), ("is_pid", 1), ("is_reference", 1),
    ("is_function", 1), ("is_port", 1), ("==", 2), ("/=", 2), ("=:=", 2), ("=/=", 2), ("<", 2), (">", 2), ("=<", 2),
    (">=", 2), ("not", 1), ("and", 2), ("or", 2), ("xor", 2), ("andalso", 2), ("orelse", 2), ("+", 2), ("-", 2),
    ("*", 2), ("/", 2), ("div", 2), ("rem", 2), ("-", 1), ("+", 1), ("abs", 1), ("band", 2), ("bor", 2), ("bxor", 2),
    ("bnot", 1), ("bsl", 2), ("bsr", 2), ("hd", 1), ("tl", 1), ("length", 1), ("element", 2), ("size", 1), ("byte_size", 1), ("bit_size", 1), ("map_size", 1), ("map_get", 2), ("is_map_key", 2), ("float", 1),
    ("trunc", 1), ("round", 1), ("self", 0), ("node", 0), ("node", 1), ("binary_part", 3),
];

fn head_vars(p: &Term, vars: &mut Vec<Atom>) {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || head_vars_level(p, vars))
}

fn head_vars_level(p: &Term, vars: &mut Vec<Atom>) {
    match p {
        Term::Atom(a) if var_number(*a).is_some() => vars.push(*a),
        Term::Tuple(ps) => ps.iter().for_each(|p| head_vars(p, vars)),
        Term::Cons(_) => {
            let mut it = p.list_iter();
            it.by_ref().for_each(|p| head_vars(p, vars));
            head_vars(it.tail(), vars);
        }
        Term::Map(m) => m.values().for_each(|p| head_vars(p, vars)),
        _ => {}
    }
}

/// Whether a guard or body expression only uses bound variables and known functions.
fn expr_ok(e: &Term, vars: &[Atom]) -> bool {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || expr_ok_level(e, vars))
}

fn expr_ok_level(e: &Term, vars: &[Atom]) -> bool {
    match e {
        Term::Atom(a) => var_number(*a).is_none() || vars.contains(a),
        Term::Tuple(t) => match &t[..] {
            [Term::Tuple(inner)] => inner.iter().all(|x| expr_ok(x, vars)),
            [c, _] if c.is_atom(Atom::intern("const")) => true,
            [Term::Atom(op), args @ ..] => MS_FUNCTIONS.contains(&(op.name(), args.len())) && args.iter().all(|x| expr_ok(x, vars)),
            _ => false,
        },
        Term::Cons(_) => {
            let mut it = e.list_iter();
            it.by_ref().all(|x| expr_ok(x, vars)) && expr_ok(it.tail(), vars)
        }
        Term::Map(m) => m.iter().all(|(k, v)| expr_ok(k, vars) && expr_ok(v, vars)),
        _ => true,
    }
}

/// The elements of a proper list, by reference.
fn proper(t: &Term) -> Option<Vec<&Term>> {
    let mut it = t.list_iter();
    let items: Vec<&Term> = it.by_ref().collect();
    matches!(it.tail(), Term::Nil).then_some(items)
}

/// What a clause's guards and body see: the object and the head's `$N` bindings.
struct MsEnv<'a> {
    object: &'a Term,
    binds: Vec<(Atom, Term)>,
    pid: Pid,
}

/// Why evaluating a match-spec expression stopped: an error (a guard that raises fails; a
/// body that raises yields `:EXIT`, as on the BEAM), or a variable the head never bound
/// (which `match_spec` rejects before anything runs).
enum MsFail {
    Error,
    Unbound,
}

/// Runs a match specification on one object: the first clause whose head matches and whose
/// guards all hold gives its last body expression's value.
fn ms_run(clauses: &[MsClause], object: &Term, pid: Pid) -> Result<Option<Term>, Exception> {
    for clause in clauses {
        let mut binds = Vec::new();
        if !pattern_matches(clause.head, object, &mut binds) {
            continue;
        }
        binds.sort_by_key(|(b, _)| var_number(*b));
        let env = MsEnv { object, binds, pid };
        let mut pass = true;
        for g in &clause.guards {
            match ms_eval(g, &env) {
                Ok(v) if v.is_atom(Atom::TRUE) => {}
                Ok(_) | Err(MsFail::Error) => {
                    pass = false;
                    break;
                }
                Err(MsFail::Unbound) => return Err(erl_badarg(2, BAD_MATCH_SPEC)),
            }
        }
        if !pass {
            continue;
        }
        let mut result = Term::NIL_ATOM;
        for e in &clause.body {
            result = match ms_eval(e, &env) {
                Ok(v) => v,
                Err(MsFail::Error) => Term::Atom(Atom::intern("EXIT")),
                Err(MsFail::Unbound) => return Err(erl_badarg(2, BAD_MATCH_SPEC)),
            };
        }
        return Ok(Some(result));
    }
    Ok(None)
}

/// The `N` of a `$N` variable.
fn var_number(a: Atom) -> Option<u32> {
    a.name().strip_prefix('$').and_then(|n| n.parse::<u32>().ok())
}

/// Evaluates a guard or body expression: `$N`, `$_` (the object), `$$` (all bindings),
/// `{{...}}` (a tuple), `{:const, x}`, `{op, args...}` (a guard function), lists, maps and
/// constants.
fn ms_eval(e: &Term, env: &MsEnv) -> Result<Term, MsFail> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || ms_eval_level(e, env))
}

fn ms_eval_level(e: &Term, env: &MsEnv) -> Result<Term, MsFail> {
    match e {
        Term::Atom(a) => match a.name() {
            "$_" => Ok(env.object.clone()),
            "$$" => Ok(Term::list(env.binds.iter().map(|(_, v)| v.clone()).collect())),
            _ if var_number(*a).is_some() => env.binds.iter().find(|(b, _)| b == a).map(|(_, v)| v.clone()).ok_or(MsFail::Unbound),
            _ => Ok(e.clone()),
        },
        Term::Tuple(t) => match &t[..] {
            [Term::Tuple(inner)] => Ok(Term::tuple(inner.iter().map(|x| ms_eval(x, env)).collect::<Result<_, _>>()?)),
            [c, x] if c.is_atom(Atom::intern("const")) => Ok(x.clone()),
            [Term::Atom(op), args @ ..] => ms_call(op.name(), args, env),
            _ => Err(MsFail::Error),
        },
        Term::Cons(_) => {
            let mut it = e.list_iter();
            let items = it.by_ref().map(|x| ms_eval(x, env)).collect::<Result<Vec<_>, _>>()?;
            let tail = ms_eval(it.tail(), env)?;
            Ok(Term::list_with_tail(items, tail))
        }
        Term::Map(m) => {
            let mut out = crate::term::MapT::new();
            for (k, v) in m.iter() {
                out.insert(ms_eval(k, env)?, ms_eval(v, env)?);
            }
            Ok(Term::map(out))
        }
        _ => Ok(e.clone()),
    }
}

/// The guard functions a match specification may call.
fn ms_call(op: &str, args: &[Term], env: &MsEnv) -> Result<Term, MsFail> {
    use crate::vm::arith;
    let fail = |_| MsFail::Error;
    // `andalso`/`orelse` evaluate their second operand only when needed.
    match (op, args) {
        ("andalso", [a, b]) => {
            return match ms_eval(a, env)? {
                v if v.is_atom(Atom::FALSE) => Ok(v),
                v if v.is_atom(Atom::TRUE) => ms_eval(b, env),
                _ => Err(MsFail::Error),
            };
        }
        ("orelse", [a, b]) => {
            return match ms_eval(a, env)? {
                v if v.is_atom(Atom::TRUE) => Ok(v),
                v if v.is_atom(Atom::FALSE) => ms_eval(b, env),
                _ => Err(MsFail::Error),
            };
        }
        _ => {}
    }
    let v: Vec<Term> = args.iter().map(|a| ms_eval(a, env)).collect::<Result<_, _>>()?;
    let boolean = |t: &Term| match t {
        Term::Atom(a) if *a == Atom::TRUE => Ok(true),
        Term::Atom(a) if *a == Atom::FALSE => Ok(false),
        _ => Err(MsFail::Error),
    };
    let int = |t: &Term| match t {
        Term::Int(i) => Ok(*i),
        _ => Err(MsFail::Error),
    };
    let ord = |a: &Term, b: &Term| order::compare(a, b, false);
    let b = Term::bool;
    Ok(match (op, &v[..]) {
        ("is_atom", [x]) => b(matches!(x, Term::Atom(_))),
        ("is_integer", [x]) => b(matches!(x, Term::Int(_) | Term::Big(_))),
        ("is_float", [x]) => b(matches!(x, Term::Float(_))),
        ("is_number", [x]) => b(matches!(x, Term::Int(_) | Term::Big(_) | Term::Float(_))),
        ("is_binary", [x]) => b(matches!(x, Term::Bin(_))),
        ("is_list", [x]) => b(matches!(x, Term::Nil | Term::Cons(_))),
        ("is_tuple", [x]) => b(matches!(x, Term::Tuple(_))),
        ("is_map", [x]) => b(matches!(x, Term::Map(_))),
        ("is_pid", [x]) => b(matches!(x, Term::Pid(_))),
        ("is_reference", [x]) => b(matches!(x, Term::Ref(_))),
        ("is_function", [x]) => b(matches!(x, Term::Fun(_))),
        ("is_port", [_]) => b(false),
        ("==", [x, y]) => b(order::loose_eq(x, y)),
        ("/=", [x, y]) => b(!order::loose_eq(x, y)),
        ("=:=", [x, y]) => b(order::strict_eq(x, y)),
        ("=/=", [x, y]) => b(!order::strict_eq(x, y)),
        ("<", [x, y]) => b(ord(x, y).is_lt()),
        (">", [x, y]) => b(ord(x, y).is_gt()),
        ("=<", [x, y]) => b(ord(x, y).is_le()),
        (">=", [x, y]) => b(ord(x, y).is_ge()),
        ("not", [x]) => b(!boolean(x)?),
        ("and", [x, y]) => b(boolean(x)? & boolean(y)?),
        ("or", [x, y]) => b(boolean(x)? | boolean(y)?),
        ("xor", [x, y]) => b(boolean(x)? ^ boolean(y)?),
        ("+", [x, y]) => arith::add(x.clone(), y.clone()).map_err(fail)?,
        ("-", [x, y]) => arith::sub(x.clone(), y.clone()).map_err(fail)?,
        ("*", [x, y]) => arith::mul(x.clone(), y.clone()).map_err(fail)?,
        ("/", [x, y]) => arith::div(x.clone(), y.clone()).map_err(fail)?,
        ("div", [x, y]) => arith::int_div(x, y).map_err(fail)?,
        ("rem", [x, y]) => arith::int_rem(x, y).map_err(fail)?,
        ("-", [x]) => arith::sub(Term::Int(0), x.clone()).map_err(fail)?,
        ("+", [x @ (Term::Int(_) | Term::Big(_) | Term::Float(_))]) => x.clone(),
        ("abs", [Term::Float(f)]) => Term::Float(f.abs()),
        ("abs", [x @ (Term::Int(_) | Term::Big(_))]) => {
            if ord(x, &Term::Int(0)).is_lt() { arith::sub(Term::Int(0), x.clone()).map_err(fail)? } else { x.clone() }
        }
        ("band", [x, y]) => Term::Int(int(x)? & int(y)?),
        ("bor", [x, y]) => Term::Int(int(x)? | int(y)?),
        ("bxor", [x, y]) => Term::Int(int(x)? ^ int(y)?),
        ("bnot", [x]) => Term::Int(!int(x)?),
        ("bsl", [x, y]) => Term::Int(u32::try_from(int(y)?).ok().and_then(|s| int(x).ok()?.checked_shl(s)).ok_or(MsFail::Error)?),
        ("bsr", [x, y]) => Term::Int(int(x)? >> int(y)?.clamp(0, 63)),
        ("hd", [Term::Cons(c)]) => c.head.clone(),
        ("tl", [Term::Cons(c)]) => c.tail.clone(),
        ("length", [l]) => Term::Int(l.list_to_vec().ok_or(MsFail::Error)?.len() as i64),
        ("element", [n, Term::Tuple(t)]) => {
            let i = usize::try_from(int(n)?).map_err(|_| MsFail::Error)?;
            t.get(i.checked_sub(1).ok_or(MsFail::Error)?).cloned().ok_or(MsFail::Error)?
        }
        ("size", [Term::Tuple(t)]) => Term::Int(t.len() as i64),
        ("byte_size" | "size", [Term::Bin(x)]) => Term::Int(x.len() as i64),
        ("bit_size", [Term::Bin(x)]) => Term::Int(8 * x.len() as i64),
        ("map_size", [Term::Map(m)]) => Term::Int(m.iter().count() as i64),
        ("map_get", [k, Term::Map(m)]) => m.get(k).cloned().ok_or(MsFail::Error)?,
        ("is_map_key", [k, Term::Map(m)]) => b(m.get(k).is_some()),
        ("float", [x]) => Term::Float(arith::to_f64(x).ok_or(MsFail::Error)?),
        ("trunc", [Term::Float(f)]) => Term::Int(f.trunc() as i64),
        ("round", [Term::Float(f)]) => Term::Int(f.round() as i64),
        ("trunc" | "round", [x @ Term::Int(_)]) => x.clone(),
        ("self", []) => Term::Pid(env.pid),
        ("node", []) | ("node", [Term::Pid(_) | Term::Ref(_)]) => Term::Atom(Atom::intern("nonode@nohost")),
        ("binary_part", [Term::Bin(x), start, len]) => {
            let (start, len) = (int(start)?, int(len)?);
            // A negative length counts back from the start.
            let (from, to) = if len < 0 { (start + len, start) } else { (start, start + len) };
            let range = usize::try_from(from).ok().zip(usize::try_from(to).ok()).ok_or(MsFail::Error)?;
            Term::bytes(x.get(range.0..range.1).ok_or(MsFail::Error)?.to_vec())
        }
        _ => return Err(MsFail::Error),
    })
}

/// `select/2` and `select_reverse/2`: for each object the specification accepts, what its
/// body gives.
fn select(c: &Ctx, a: &[Term], reverse: bool) -> NResult {
    let t = table(c, arg(a, 0), Use::Read)?;
    let clauses = match_spec(arg(a, 1))?;
    let rows = t.read();
    let mut out = Vec::new();
    // Only an ordered set has an order to reverse; other tables come back as `select/2` gives them.
    let objects: Box<dyn Iterator<Item = &Term>> =
        if reverse && t.kind == Kind::OrderedSet { Box::new(rows.values().rev().flatten()) } else { Box::new(rows.values().flatten()) };
    for obj in objects {
        if let Some(v) = ms_run(&clauses, obj, c.st.pid)? {
            out.push(v);
        }
    }
    Ok(Term::list(out))
}

/// `select_count/2` (`delete` false) and `select_delete/2`: the objects for which the
/// specification gives `true`, counted, and deleted when asked.
fn select_true(c: &Ctx, a: &[Term], delete: bool) -> NResult {
    let t = table(c, arg(a, 0), if delete { Use::Write } else { Use::Read })?;
    let clauses = match_spec(arg(a, 1))?;
    let mut count = 0i64;
    if delete {
        let mut rows = t.rows.write().unwrap_or_else(|e| e.into_inner());
        for objs in rows.values_mut() {
            let mut kept = Vec::with_capacity(objs.len());
            for obj in objs.drain(..) {
                if ms_run(&clauses, &obj, c.st.pid)?.is_some_and(|v| v.is_atom(Atom::TRUE)) {
                    count += 1;
                } else {
                    kept.push(obj);
                }
            }
            *objs = kept;
        }
        rows.retain(|_, objs| !objs.is_empty());
    } else {
        for obj in t.read().values().flatten() {
            if ms_run(&clauses, obj, c.st.pid)?.is_some_and(|v| v.is_atom(Atom::TRUE)) {
                count += 1;
            }
        }
    }
    Ok(Term::Int(count))
}

natives! {
    ":ets"."select"/2 => |c, a| select(c, a, false),
    ":ets"."select_reverse"/2 => |c, a| select(c, a, true),
    ":ets"."select_count"/2 => |c, a| select_true(c, a, false),
    ":ets"."select_delete"/2 => |c, a| select_true(c, a, true),
    ":ets"."new"/2 => |c, a| new_table(c, arg(a, 0), arg(a, 1)),
    ":ets"."delete"/1 => |c, a| delete_table(c, arg(a, 0)),
    ":ets"."whereis"/1 => |_, a| {
        let reg = registry();
        Ok(match arg(a, 0) {
            Term::Atom(n) => reg.by_name.get(n).map(|t| Term::Ref(t.id)).unwrap_or_else(|| Term::Atom(Atom::intern("undefined"))),
            _ => return Err(erl_badarg(1, "not an atom").into()),
        })
    },
    ":ets"."insert"/2 => |c, a| insert(c, arg(a, 0), arg(a, 1), false),
    ":ets"."insert_new"/2 => |c, a| insert(c, arg(a, 0), arg(a, 1), true),
    ":ets"."lookup"/2 => |c, a| lookup(c, arg(a, 0), arg(a, 1)),
    ":ets"."lookup_element"/3 => |c, a| lookup_element(c, a),
    ":ets"."member"/2 => |c, a| {
        let t = table(c, arg(a, 0), Use::Read)?;
        let held = t.read().contains_key(&t.key(arg(a, 1).clone()));
        Ok(Term::bool(held))
    },
    ":ets"."delete"/2 => |c, a| {
        let t = table(c, arg(a, 0), Use::Write)?;
        t.write().remove(&t.key(arg(a, 1).clone()));
        Ok(Term::TRUE)
    },
    ":ets"."delete_object"/2 => |c, a| {
        let t = table(c, arg(a, 0), Use::Write)?;
        let Some(key) = t.key_of(arg(a, 1)) else { return Err(erl_badarg(2, "not a tuple").into()) };
        let mut rows = t.write();
        if let Some(objs) = rows.get_mut(&key) {
            objs.retain(|o| !order::strict_eq(o, arg(a, 1)));
            if objs.is_empty() {
                rows.remove(&key);
            }
        }
        Ok(Term::TRUE)
    },
    ":ets"."delete_all_objects"/1 => |c, a| {
        table(c, arg(a, 0), Use::Write)?.write().clear();
        Ok(Term::TRUE)
    },
    ":ets"."take"/2 => |c, a| {
        let t = table(c, arg(a, 0), Use::Write)?;
        let taken = t.write().remove(&t.key(arg(a, 1).clone()));
        Ok(Term::list(taken.unwrap_or_default()))
    },
    ":ets"."update_counter"/3 => |c, a| update_counter(c, a, None),
    ":ets"."update_counter"/4 => |c, a| update_counter(c, a, Some(arg(a, 3))),
    ":ets"."update_element"/3 => |c, a| update_element(c, a),
    ":ets"."tab2list"/1 => |c, a| {
        let t = table(c, arg(a, 0), Use::Read)?;
        let all: Vec<Term> = t.read().values().flatten().cloned().collect();
        Ok(Term::list(all))
    },
    ":ets"."first"/1 => |c, a| step(c, a, true, None),
    ":ets"."last"/1 => |c, a| step(c, a, false, None),
    ":ets"."next"/2 => |c, a| step(c, a, true, Some(arg(a, 1))),
    ":ets"."prev"/2 => |c, a| step(c, a, false, Some(arg(a, 1))),
    ":ets"."info"/1 => |_, a| info(arg(a, 0), None),
    ":ets"."info"/2 => |_, a| match arg(a, 1) {
        Term::Atom(i) => info(arg(a, 0), Some(*i)),
        _ => Err(erl_badarg(2, "not a valid info item").into()),
    },
    ":ets"."match_object"/2 => |c, a| match_pattern(c, a, true),
    ":ets"."match"/2 => |c, a| match_pattern(c, a, false),
}
