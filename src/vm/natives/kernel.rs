//! Kernel built-ins: type guards, tuple/list/map primitives, arithmetic helpers, `raise`,
//! `throw`, `exit`, `apply`, `inspect`, and the internal helpers the compiler emits calls to.

use std::collections::HashMap;
use std::sync::Arc;

use super::map::erl_badarg;
use super::{arg, atom, int, list, natives, take, Ctx};
use crate::term::inspect::{inspect, inspect_with, Base, Binaries, Charlists, InspectOpts};
use crate::term::{order, Atom, Closure, MapT, Pid, Term};
use crate::vm::arith;
use crate::vm::exception::{self, Exception};
use crate::vm::{Flow, NResult};

natives! {
    "Kernel"."is_atom"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Atom(_)))),
    "Kernel"."is_binary"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Bin(_)))),
    "Kernel"."is_bitstring"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Bin(_)))),
    "Kernel"."is_boolean"/1 => |_, a| Ok(Term::bool(arg(a, 0).is_atom(Atom::TRUE) || arg(a, 0).is_atom(Atom::FALSE))),
    "Kernel"."is_float"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Float(_)))),
    "Kernel"."is_function"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Fun(_)))),
    "Kernel"."is_function"/2 => |_, a| Ok(Term::bool(match (arg(a, 0), arg(a, 1)) {
        (Term::Fun(f), Term::Int(n)) => f.arity() as i64 == *n,
        _ => false,
    })),
    "Kernel"."is_integer"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Int(_) | Term::Big(_)))),
    "Kernel"."is_list"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Nil | Term::Cons(_)))),
    "Kernel"."is_map"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Map(_)))),
    "Kernel"."is_map_key"/2 => |_, a| match arg(a, 0) {
        Term::Map(m) => Ok(Term::bool(m.contains_key(arg(a, 1)))),
        other => Err(exception::term_error(Atom::ELIXIR_BAD_MAP_ERROR, other.clone()).into()),
    },
    "Kernel"."is_nil"/1 => |_, a| Ok(Term::bool(arg(a, 0).is_atom(Atom::NIL))),
    "Kernel"."is_number"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Int(_) | Term::Big(_) | Term::Float(_)))),
    "Kernel"."is_pid"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Pid(_)))),
    "Kernel"."is_port"/1 => |_, _| Ok(Term::FALSE),
    "Kernel"."is_reference"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Ref(_)))),
    "Kernel"."is_tuple"/1 => |_, a| Ok(Term::bool(matches!(arg(a, 0), Term::Tuple(_)))),
    "Kernel"."is_struct"/1 => |_, a| Ok(Term::bool(struct_name(arg(a, 0)).is_some())),
    "Kernel"."is_struct"/2 => |_, a| Ok(Term::bool(struct_name(arg(a, 0)).is_some_and(|n| arg(a, 1).is_atom(n)))),
    "Kernel"."is_exception"/1 => |_, a| Ok(Term::bool(is_exception(arg(a, 0)))),
    "Kernel"."elem"/2 => |_, a| elem(arg(a, 0), arg(a, 1)),
    "Kernel"."put_elem"/3 => |_, a| put_elem(a),
    "Kernel"."tuple_size"/1 => |_, a| match arg(a, 0) {
        Term::Tuple(t) => Ok(Term::Int(t.len() as i64)),
        _ => Err(erl_badarg(1, "not a tuple").into()),
    },
    "Kernel"."map_size"/1 => |_, a| match arg(a, 0) {
        Term::Map(m) => Ok(Term::Int(m.len() as i64)),
        other => Err(exception::term_error(Atom::ELIXIR_BAD_MAP_ERROR, other.clone()).into()),
    },
    "Kernel"."length"/1 => |_, a| length(arg(a, 0)),
    "Kernel"."hd"/1 => |_, a| match arg(a, 0) {
        Term::Cons(c) => Ok(c.head.clone()),
        _ => Err(erl_badarg(1, "not a nonempty list").into()),
    },
    "Kernel"."tl"/1 => |_, a| match arg(a, 0) {
        Term::Cons(c) => Ok(c.tail.clone()),
        _ => Err(erl_badarg(1, "not a nonempty list").into()),
    },
    "Kernel"."div"/2 => |_, a| Ok(arith::int_div(arg(a, 0), arg(a, 1))?),
    "Kernel"."rem"/2 => |_, a| Ok(arith::int_rem(arg(a, 0), arg(a, 1))?),
    "Kernel"."abs"/1 => |_, a| match arg(a, 0) {
        Term::Float(f) => Ok(Term::Float(f.abs())),
        t @ (Term::Int(_) | Term::Big(_)) => {
            if order::compare(t, &Term::Int(0), false).is_lt() { Ok(arith::sub(Term::Int(0), t.clone())?) } else { Ok(t.clone()) }
        }
        _ => Err(erl_badarg(1, "not a number").into()),
    },
    "Kernel"."round"/1 => |_, a| round_with(arg(a, 0), f64::round),
    "Kernel"."trunc"/1 => |_, a| round_with(arg(a, 0), f64::trunc),
    "Kernel"."floor"/1 => |_, a| round_with(arg(a, 0), f64::floor),
    "Kernel"."ceil"/1 => |_, a| round_with(arg(a, 0), f64::ceil),
    "Kernel"."max"/2 => |_, a| Ok(if order::compare(arg(a, 0), arg(a, 1), false).is_lt() { arg(a, 1).clone() } else { arg(a, 0).clone() }),
    "Kernel"."min"/2 => |_, a| Ok(if order::compare(arg(a, 1), arg(a, 0), false).is_lt() { arg(a, 1).clone() } else { arg(a, 0).clone() }),
    "Kernel"."**"/2 => |_, a| Ok(arith::pow(arg(a, 0), arg(a, 1))?),
    "Kernel"."byte_size"/1 => |_, a| match arg(a, 0) {
        Term::Bin(b) => Ok(Term::Int(b.len() as i64)),
        _ => Err(erl_badarg(1, "not a bitstring").into()),
    },
    "Kernel"."bit_size"/1 => |_, a| match arg(a, 0) {
        Term::Bin(b) => Ok(Term::Int(8 * b.len() as i64)),
        _ => Err(exception::badarg().into()),
    },
    "Kernel"."inspect"/1 => |_, a| Ok(Term::str(&inspect(arg(a, 0)))),
    "Kernel"."inspect"/2 => |_, a| Ok(Term::str(&inspect_with(arg(a, 0), &inspect_opts(arg(a, 1))))),
    "Kernel"."to_string"/1 => |_, a| to_string(arg(a, 0)),
    "String.Chars"."to_string"/1 => |_, a| to_string(arg(a, 0)),
    "Kernel"."to_charlist"/1 => |_, a| {
        let s = match arg(a, 0) {
            Term::Bin(b) => String::from_utf8_lossy(b).into_owned(),
            other => match crate::term::inspect::to_string(other) {
                Some(s) => s,
                None => return Err(exception::protocol_undefined("List.Chars", other.clone()).into()),
            },
        };
        Ok(Term::list(s.chars().map(|c| Term::Int(c as i64)).collect()))
    },
    "Kernel"."apply"/2 => |_, a| Err(Flow::Apply(arg(a, 0).clone(), list(arg(a, 1))?)),
    // `:queue.in/2` (stdlib/queue.ex): `in` is an operator, so the Elixir side cannot
    // `def` it and names it `push`.
    ":queue"."in"/2 => |_, a| Err(Flow::ApplyMfa(Atom::intern("queue"), Atom::intern("push"), vec![take(a, 0), take(a, 1)])),
    "Kernel"."apply"/3 => |_, a| Err(Flow::ApplyMfa(atom(arg(a, 0))?, atom(arg(a, 1))?, list(arg(a, 2))?)),
    "Kernel"."then"/2 => |_, a| Err(Flow::Apply(arg(a, 1).clone(), vec![arg(a, 0).clone()])),
    // `raise Module` is `raise Module.exception([])`: a user exception gets its defaults.
    "Kernel"."raise"/1 => |_, a| Err(match arg(a, 0) {
        Term::Atom(m) if !builtin_exception(*m) => raise2(arg(a, 0), &Term::Nil),
        t => raise1(t).into(),
    }),
    "Kernel"."raise"/2 => |_, a| Err(raise2(arg(a, 0), arg(a, 1))),
    "Kernel"."reraise"/2 => |_, a| Err(reraise(arg(a, 0), None, arg(a, 1))),
    "Kernel"."reraise"/3 => |_, a| Err(reraise(arg(a, 0), Some(arg(a, 1)), arg(a, 2))),
    ":erlang"."raise"/3 => |_, a| Err(Exception { kind: atom(arg(a, 0))?, reason: arg(a, 1).clone(), stack: arg(a, 2).clone() }.into()),
    ":erlang"."error"/1 => |_, a| Err(erlang_error(arg(a, 0)).into()),
    "Kernel"."throw"/1 => |_, a| Err(Exception::throw(arg(a, 0).clone()).into()),
    "Kernel"."exit"/1 => |_, a| Err(Exception::exit(arg(a, 0).clone()).into()),
    // Whether a module is defined (or is a stdlib module that loads on first use).
    ":vial_code"."loaded"/1 => |_, a| Ok(Term::bool(module_loaded(atom(arg(a, 0))?))),
    "Kernel"."function_exported?"/3 => |_, a| {
        let (m, f, n) = (atom(arg(a, 0))?, atom(arg(a, 1))?, int(arg(a, 2))?);
        let exported = crate::vm::code::table().snapshot().modules.get(&m).is_some_and(|md| md.functions.iter().any(|x| x.name == f && x.arity as i64 == n && !x.private));
        Ok(Term::bool(exported))
    },
    // `struct/1,2` and `struct!/1,2` call `__struct__/0,1` of a module, so they are written
    // in the language (`Kernel.Internal`).
    "Kernel"."struct"/1 => |_, a| Err(internal("struct", vec![arg(a, 0).clone(), Term::Nil])),
    "Kernel"."struct"/2 => |_, a| Err(internal("struct", vec![take(a, 0), take(a, 1)])),
    "Kernel"."struct!"/1 => |_, a| Err(internal("struct!", vec![arg(a, 0).clone(), Term::Nil])),
    "Kernel"."struct!"/2 => |_, a| Err(internal("struct!", vec![take(a, 0), take(a, 1)])),
    "Kernel"."__range__"/3 => |_, a| range(arg(a, 0), arg(a, 1), arg(a, 2)),
    "Kernel"."__range__"/2 => |_, a| range(arg(a, 0), arg(a, 1), &inferred_step(arg(a, 0), arg(a, 1))),
    "Range"."new"/2 => |_, a| range(arg(a, 0), arg(a, 1), &inferred_step(arg(a, 0), arg(a, 1))),
    "Range"."new"/3 => |_, a| range(arg(a, 0), arg(a, 1), arg(a, 2)),
    "Range"."size"/1 => |_, a| match range_parts(arg(a, 0)) {
        Some((f, l, s)) => range_len(f, l, s).map(int_term).ok_or_else(|| exception::badarith().into()),
        None => Err(exception::badarg().into()),
    },
    "Kernel"."__struct_new__"/2 => |_, a| Err(Flow::ApplyMfa(Atom::intern("Elixir.Kernel.Internal"), Atom::intern("struct_new"), vec![arg(a, 0).clone(), arg(a, 1).clone()])),
    "Kernel"."__bitstring__"/2 => |_, a| bitstring(arg(a, 0), arg(a, 1)),
    "Kernel"."__bin_chunks__"/2 => |_, a| bin_chunks(arg(a, 0), arg(a, 1)),
    "Kernel"."=~"/2 => |_, a| {
        if super::regex::regex_parts(arg(a, 1)).is_some() {
            return Ok(Term::bool(super::regex::compiled(arg(a, 1))?.is_match(super::bin(arg(a, 0))?)));
        }
        let (s, p) = (super::bin(arg(a, 0))?, super::bin(arg(a, 1))?);
        Ok(Term::bool(p.is_empty() || s.windows(p.len()).any(|w| w == p)))
    },
    // Operators as functions (`&+/2`, `Kernel.*(x, 10)`).
    "Kernel"."+"/2 => |_, a| Ok(arith::add(arg(a, 0).clone(), arg(a, 1).clone())?),
    "Kernel"."-"/2 => |_, a| Ok(arith::sub(arg(a, 0).clone(), arg(a, 1).clone())?),
    "Kernel"."*"/2 => |_, a| Ok(arith::mul(arg(a, 0).clone(), arg(a, 1).clone())?),
    "Kernel"."/"/2 => |_, a| Ok(arith::div(arg(a, 0).clone(), arg(a, 1).clone())?),
    "Kernel"."-"/1 => |_, a| Ok(arith::sub(Term::Int(0), arg(a, 0).clone())?),
    "Kernel"."+"/1 => |_, a| Ok(arg(a, 0).clone()),
    "Kernel"."<>"/2 => |_, a| Ok(arith::concat(arg(a, 0).clone(), arg(a, 1).clone())?),
    "Kernel"."++"/2 => |_, a| Ok(arith::list_concat(arg(a, 0).clone(), arg(a, 1).clone())?),
    "Kernel"."--"/2 => |_, a| Ok(arith::list_subtract(arg(a, 0).clone(), arg(a, 1).clone())?),
    "Kernel"."=="/2 => |_, a| Ok(Term::bool(order::loose_eq(arg(a, 0), arg(a, 1)))),
    "Kernel"."!="/2 => |_, a| Ok(Term::bool(!order::loose_eq(arg(a, 0), arg(a, 1)))),
    "Kernel"."==="/2 => |_, a| Ok(Term::bool(order::strict_eq(arg(a, 0), arg(a, 1)))),
    "Kernel"."!=="/2 => |_, a| Ok(Term::bool(!order::strict_eq(arg(a, 0), arg(a, 1)))),
    "Kernel"."<"/2 => |_, a| Ok(Term::bool(order::compare(arg(a, 0), arg(a, 1), false).is_lt())),
    "Kernel".">"/2 => |_, a| Ok(Term::bool(order::compare(arg(a, 0), arg(a, 1), false).is_gt())),
    "Kernel"."<="/2 => |_, a| Ok(Term::bool(order::compare(arg(a, 0), arg(a, 1), false).is_le())),
    "Kernel".">="/2 => |_, a| Ok(Term::bool(order::compare(arg(a, 0), arg(a, 1), false).is_ge())),
    ":erlang"."binary_to_atom"/1 => |_, a| match arg(a, 0) {
        Term::Bin(b) => match Atom::try_intern(&String::from_utf8_lossy(b)) {
            Some(at) => Ok(Term::Atom(at)),
            None => Err(exception::system_limit("a system limit has been reached").into()),
        },
        _ => Err(exception::badarg().into()),
    },
    "Atom"."to_string"/1 => |_, a| match arg(a, 0) {
        Term::Atom(x) => Ok(Term::str(x.name())),
        _ => Err(erl_badarg(1, "not an atom").into()),
    },
    "Atom"."to_charlist"/1 => |_, a| match arg(a, 0) {
        Term::Atom(x) => Ok(Term::list(x.name().chars().map(|c| Term::Int(c as i64)).collect())),
        _ => Err(erl_badarg(1, "not an atom").into()),
    },
    "Function"."identity"/1 => |_, a| Ok(arg(a, 0).clone()),
    "Function"."info"/1 => |c, a| fun_info_all(c, arg(a, 0)),
    "Function"."info"/2 => |c, a| fun_info_item(c, arg(a, 0), arg(a, 1)),
    ":erlang"."fun_info"/1 => |c, a| fun_info_all(c, arg(a, 0)),
    ":erlang"."fun_info"/2 => |c, a| fun_info_item(c, arg(a, 0), arg(a, 1)),
    "Access"."get"/2 => |_, a| access_get(arg(a, 0), arg(a, 1)),
    // `&Mod.fun/arity` built at run time.
    "Function"."capture"/3 => |_, a| capture(arg(a, 0), arg(a, 1), arg(a, 2)),
    ":erlang"."make_fun"/3 => |_, a| capture(arg(a, 0), arg(a, 1), arg(a, 2)),
    // A user exception may define its own `message/1` (`defexception` supplies one that
    // reads the field otherwise), so its module is asked; the built-in ones are worded here.
    "Exception"."message"/1 => |_, a| match struct_name(arg(a, 0)) {
        Some(m) if user_exception(arg(a, 0)) => Err(Flow::ApplyMfa(m, Atom::MESSAGE, vec![arg(a, 0).clone()])),
        _ => match exception::message(arg(a, 0)) {
            Some(m) => Ok(Term::str(&m)),
            None => Err(exception::badarg().into()),
        },
    },
    // Elixir's `%_{__exception__: true}`: a struct that says it is an exception.
    "Exception"."exception?"/1 => |_, a| Ok(Term::bool(struct_name(arg(a, 0)).is_some() && is_exception(arg(a, 0)))),
    "Exception"."format_banner"/2 => |_, a| {
        let kind = atom(arg(a, 0))?;
        if kind == Atom::ERROR && user_exception(arg(a, 1)) {
            return Err(Flow::ApplyMfa(Atom::alias("Kernel.Internal"), Atom::intern("user_banner"), vec![arg(a, 1).clone(), Term::str("")]));
        }
        Ok(Term::str(&exception::format_banner(&Exception { kind, reason: arg(a, 1).clone(), stack: Term::Nil })))
    },
    "Exception"."format_exit"/1 => |_, a| Ok(Term::str(&exception::exit_reason_text(arg(a, 0)))),
    ":vial_log"."error"/1 => |c, a| {
        let text = String::from_utf8_lossy(&super::io::chardata(arg(a, 0))?).into_owned();
        c.host.write_out(crate::runtime::log_line(&text).as_bytes());
        Ok(Term::OK)
    },
    "Exception"."format_stacktrace"/1 => |_, a| Ok(Term::str(&crate::runtime::format_stack(arg(a, 0)))),
    "Exception"."format"/2 => |_, a| format_exception(arg(a, 0), arg(a, 1), &Term::Nil),
    "Exception"."format"/3 => |_, a| format_exception(arg(a, 0), arg(a, 1), arg(a, 2)),
    // A module attribute computed by calls, kept from its first read (`compiler::memoized_attr`).
    "Kernel.Internal"."attr_memo"/2 => |_, a| {
        let id = int(arg(a, 0))?;
        match attr_values().read().unwrap_or_else(|e| e.into_inner()).get(&id) {
            Some(v) => Ok(v.clone()),
            None => Err(Flow::ApplyMfa(Atom::alias("Kernel.Internal"), Atom::intern("attr_init"), vec![arg(a, 0).clone(), arg(a, 1).clone()])),
        }
    },
    // Keeps the first value computed for an attribute (two processes may race to compute
    // it; both then see the first one stored) and returns it.
    "Kernel.Internal"."attr_put"/2 => |_, a| {
        let id = int(arg(a, 0))?;
        let mut values = attr_values().write().unwrap_or_else(|e| e.into_inner());
        Ok(values.entry(id).or_insert_with(|| arg(a, 1).clone()).clone())
    },
    "Kernel.Internal"."exception_message"/1 => |_, a| Ok(match exception::message(arg(a, 0)) {
        Some(m) => Term::str(&m),
        None => Term::NIL_ATOM,
    }),
}

/// The values of module attributes computed so far, by definition id. Bounded by the
/// attribute definitions compiled, each of which is computed at most once.
fn attr_values() -> &'static std::sync::RwLock<HashMap<i64, Term>> {
    static VALUES: std::sync::OnceLock<std::sync::RwLock<HashMap<i64, Term>>> = std::sync::OnceLock::new();
    VALUES.get_or_init(Default::default)
}

/// `Exception.format/3`: the banner, and under it the stack's lines when there are any.
fn format_exception(kind: &Term, reason: &Term, stack: &Term) -> NResult {
    let kind = atom(kind)?;
    let lines = match stack {
        Term::Nil => String::new(),
        s => format!("\n{}", crate::runtime::format_stack(s)),
    };
    if kind == Atom::ERROR && user_exception(reason) {
        return Err(Flow::ApplyMfa(Atom::alias("Kernel.Internal"), Atom::intern("user_banner"), vec![reason.clone(), Term::str(&lines)]));
    }
    let e = Exception { kind, reason: reason.clone(), stack: stack.clone() };
    Ok(Term::str(&format!("{}{}", exception::format_banner(&e), lines)))
}

/// Whether `t` is an exception struct of a module outside the stdlib, which may word its
/// message itself (`message/1`), so the language must be asked for it.
fn user_exception(t: &Term) -> bool {
    struct_name(t).is_some_and(|m| !builtin_exception(m) && module_loaded(m))
}

/// Whether `m` is a defined module, a stdlib module that loads on first use, or one with
/// natives.
fn module_loaded(m: Atom) -> bool {
    crate::vm::code::table().snapshot().modules.contains_key(&m)
        || crate::stdlib::lazy_source_of(m).is_some()
        || super::has_module(crate::compiler::module_display(m))
}

fn capture(module: &Term, name: &Term, arity: &Term) -> NResult {
    match (module, name, arity) {
        (Term::Atom(module), Term::Atom(name), Term::Int(arity @ 0..=255)) => {
            Ok(super::export_fun(*module, *name, *arity as u32))
        }
        _ => Err(exception::badarg().into()),
    }
}

/// `:erlang.error(reason)`: well-known reasons become the Elixir exception they stand for.
fn erlang_error(reason: &Term) -> Exception {
    match reason.as_atom().map(|a| a.name()) {
        Some("badarg") => exception::badarg(),
        Some("badarith") => exception::badarith(),
        _ if is_exception(reason) => Exception::error(reason.clone()),
        _ => Exception::error(exception::erlang_error_struct(reason.clone())),
    }
}

pub(super) fn struct_name(t: &Term) -> Option<Atom> {
    match t {
        Term::Map(m) => m.get(&Term::Atom(Atom::STRUCT)).and_then(|v| v.as_atom()),
        _ => None,
    }
}

fn is_exception(t: &Term) -> bool {
    match t {
        Term::Map(m) => m.get(&Term::Atom(Atom::EXCEPTION)).is_some_and(|v| v.is_atom(Atom::TRUE)),
        _ => false,
    }
}

fn elem(t: &Term, i: &Term) -> NResult {
    let at = tuple_index(t, i)?;
    match t {
        Term::Tuple(items) => items.get(at).cloned().ok_or_else(|| erl_badarg(1, "out of range").into()),
        _ => Err(erl_badarg(2, "not a tuple").into()),
    }
}

/// The slot `elem`/`put_elem` address in `t`, or the error Elixir raises: both are
/// `element(i + 1, t)`/`setelement(i + 1, t, v)`, so an index that is no number fails the
/// addition, and the BEAM numbers the arguments index first ("1st argument"), naming every
/// bad one.
fn tuple_index(t: &Term, i: &Term) -> Result<usize, Flow> {
    let tuple = match t {
        Term::Tuple(items) => Some(items.len()),
        _ => None,
    };
    match (i, tuple) {
        (Term::Int(i), Some(len)) => usize::try_from(*i).ok().filter(|&at| at < len).ok_or_else(|| erl_badarg(1, "out of range").into()),
        (Term::Int(_), None) => Err(erl_badarg(2, "not a tuple").into()),
        (Term::Big(_), Some(_)) => Err(erl_badarg(1, "out of range").into()),
        (Term::Big(_), None) => Err(erl_badarg(2, "not a tuple").into()),
        (Term::Float(_), Some(_)) => Err(erl_badarg(1, "not an integer").into()),
        (Term::Float(_), None) => Err(exception::argument_error("errors were found at the given arguments:\n\n  * 1st argument: not an integer\n  * 2nd argument: not a tuple\n").into()),
        _ => Err(exception::badarith().into()),
    }
}

/// `put_elem(tuple, i, v)`. The arguments are the caller's to give away: a tuple no one
/// else holds (moved here at its last use) is changed in place, as the BEAM cannot do, and
/// only a shared one is copied.
fn put_elem(args: &mut [Term]) -> NResult {
    let [t, i, v] = args else {
        return Err(exception::badarith().into());
    };
    let at = tuple_index(t, i)?;
    let v = std::mem::replace(v, Term::Nil);
    let Term::Tuple(mut items) = std::mem::replace(t, Term::Nil) else {
        return Err(erl_badarg(2, "not a tuple").into());
    };
    let v = items.with_unique(|slots| match slots.and_then(|s| s.get_mut(at)) {
        Some(slot) => {
            *slot = v;
            None
        }
        None => Some(v),
    });
    match v {
        None => Ok(Term::Tuple(items)),
        Some(v) => {
            let mut copy = items.to_vec();
            if let Some(slot) = copy.get_mut(at) {
                *slot = v;
            }
            Ok(Term::tuple(copy))
        }
    }
}

fn length(t: &Term) -> NResult {
    let mut n = 0i64;
    let mut it = t.list_iter();
    for _ in it.by_ref() {
        n += 1;
    }
    if matches!(it.tail(), Term::Nil) { Ok(Term::Int(n)) } else { Err(erl_badarg(1, "not a list").into()) }
}

fn round_with(t: &Term, f: fn(f64) -> f64) -> NResult {
    match t {
        Term::Int(_) | Term::Big(_) => Ok(t.clone()),
        Term::Float(x) => {
            let r = f(*x);
            match num_bigint::BigInt::from_str_radix_f64(r) {
                Some(b) => Ok(Term::from_bigint(b)),
                None => Err(exception::badarith().into()),
            }
        }
        _ => Err(exception::badarg().into()),
    }
}

/// Conversion of an integral float to a big integer.
trait FromF64 {
    fn from_str_radix_f64(f: f64) -> Option<num_bigint::BigInt>;
}

impl FromF64 for num_bigint::BigInt {
    fn from_str_radix_f64(f: f64) -> Option<num_bigint::BigInt> {
        use num_traits::FromPrimitive;
        num_bigint::BigInt::from_f64(f)
    }
}

pub(super) fn to_string(t: &Term) -> NResult {
    match t {
        Term::Bin(_) => Ok(t.clone()),
        other => match crate::term::inspect::to_string(other) {
            Some(s) => Ok(Term::str(&s)),
            // A type with no built-in conversion may have one the program defined
            // (`defimpl String.Chars, for: Rect`).
            None => match super::protocol::user_impl("String.Chars", "to_string", other) {
                Some(call) => Err(call),
                None => Err(exception::protocol_undefined("String.Chars", other.clone()).into()),
            },
        },
    }
}

pub(super) fn inspect_opts(opts: &Term) -> InspectOpts {
    let mut o = InspectOpts::default();
    for item in opts.list_iter() {
        if let Term::Tuple(kv) = item {
            if let (Some(Term::Atom(k)), Some(v)) = (kv.first(), kv.get(1)) {
                match (k.name(), v) {
                    ("width", Term::Int(w)) if *w > 0 => o.width = *w as usize,
                    ("limit", Term::Int(l)) if *l >= 0 => o.limit = *l as usize,
                    ("limit", Term::Atom(a)) if *a == Atom::INFINITY => o.limit = usize::MAX,
                    ("pretty", Term::Atom(a)) => o.pretty = *a == Atom::TRUE,
                    ("charlists", Term::Atom(a)) => {
                        o.charlists = match a.name() {
                            "as_lists" => Charlists::AsLists,
                            "as_charlists" => Charlists::AsCharlists,
                            _ => Charlists::Infer,
                        }
                    }
                    ("binaries", Term::Atom(a)) => {
                        o.binaries = match a.name() {
                            "as_binaries" => Binaries::AsBinaries,
                            "as_strings" => Binaries::AsStrings,
                            _ => Binaries::Infer,
                        }
                    }
                    ("base", Term::Atom(a)) => {
                        o.base = match a.name() {
                            "binary" => Base::Binary,
                            "octal" => Base::Octal,
                            "hex" => Base::Hex,
                            _ => Base::Decimal,
                        }
                    }
                    ("printable_limit", Term::Int(l)) if *l >= 0 => o.printable_limit = *l as usize,
                    ("structs", Term::Atom(a)) => o.structs = *a == Atom::TRUE,
                    _ => {}
                }
            }
        }
    }
    o
}

/// `raise "msg"`, `raise %SomeError{}`, `raise SomeError` (module with `exception/1`).
fn raise1(t: &Term) -> Exception {
    match t {
        Term::Bin(_) => Exception::error(exception::exception_struct(Atom::ELIXIR_RUNTIME_ERROR, vec![("message", t.clone())])),
        Term::Map(_) if is_exception(t) => Exception::error(t.clone()),
        Term::Atom(m) => Exception::error(exception::exception_struct(*m, vec![("message", Term::str(&default_message(*m)))])),
        other => exception::argument_error(&format!(
            "raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: {}",
            inspect(other)
        )),
    }
}

fn default_message(m: Atom) -> String {
    match m.name() {
        "Elixir.RuntimeError" => "runtime error".into(),
        "Elixir.ArgumentError" => "argument error".into(),
        "Elixir.ArithmeticError" => "bad argument in arithmetic expression".into(),
        "Elixir.Enum.EmptyError" => "empty error".into(),
        _ => crate::compiler::module_display(m).to_string(),
    }
}

/// `raise Module, "msg"` and `raise Module, key: value`: calls `Module.exception/1` for
/// user-defined exceptions, builds built-in ones directly.
fn raise2(m: &Term, arg2: &Term) -> Flow {
    let Term::Atom(module) = m else {
        return Flow::Raise(raise1(m));
    };
    let builtin = builtin_exception(*module);
    let fields: Vec<(String, Term)> = match arg2 {
        Term::Bin(_) => vec![("message".into(), arg2.clone())],
        Term::Nil | Term::Cons(_) => arg2
            .list_iter()
            .filter_map(|kv| match kv {
                Term::Tuple(t) if t.len() == 2 => t[0].as_atom().map(|k| (k.name().to_string(), t[1].clone())),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    if builtin {
        let fields: Vec<(&str, Term)> = fields.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        return Flow::Raise(Exception::error(exception::exception_struct(*module, fields)));
    }
    // A user exception: build it with `Module.exception(arg)` then raise what it returns.
    Flow::ApplyMfa(Atom::intern("Elixir.Kernel.Internal"), Atom::intern("raise_exception"), vec![m.clone(), arg2.clone()])
}

/// `reraise/2,3`: the exception `raise/1,2` would build, raised with the given stacktrace.
/// A first argument that names no exception raises ArgumentError from here, with the
/// current stacktrace, as `Kernel.Utils.raise/1` does before Elixir's reraise reaches
/// `:erlang.raise/3`.
fn reraise(what: &Term, attrs: Option<&Term>, stack: &Term) -> Flow {
    let valid = match what {
        Term::Bin(_) => attrs.is_none(),
        Term::Atom(_) => true,
        Term::Map(_) => is_exception(what) && attrs.is_none(),
        _ => false,
    };
    if let Term::Atom(m) = what
        && !builtin_exception(*m)
    {
        // A user exception is built by its own `exception/1`, in the language.
        return internal("reraise_exception", vec![what.clone(), attrs.cloned().unwrap_or(Term::Nil), stack.clone()]);
    }
    let flow = match attrs {
        Some(attrs) => raise2(what, attrs),
        None => Flow::Raise(raise1(what)),
    };
    match flow {
        Flow::Raise(mut e) if valid => {
            e.stack = stack.clone();
            Flow::Raise(e)
        }
        other => other,
    }
}

/// An exception vial builds itself rather than through `Module.exception/1`.
fn builtin_exception(module: Atom) -> bool {
    module.name().starts_with("Elixir.") && exception::message(&exception::exception_struct(module, vec![])).is_some()
        || is_simple_message_exception(module)
}

fn is_simple_message_exception(m: Atom) -> bool {
    matches!(
        m.name(),
        "Elixir.RuntimeError" | "Elixir.ArgumentError" | "Elixir.ArithmeticError" | "Elixir.SystemLimitError" | "Elixir.Enum.EmptyError"
    )
}

/// A call of `Kernel.Internal.name(args)`, for the natives written in the language.
fn internal(name: &str, args: Vec<Term>) -> Flow {
    Flow::ApplyMfa(Atom::intern("Elixir.Kernel.Internal"), Atom::intern(name), args)
}

fn inferred_step(first: &Term, last: &Term) -> Term {
    match (first, last) {
        (Term::Int(f), Term::Int(l)) if f > l => Term::Int(-1),
        _ => Term::Int(1),
    }
}

/// `first..last//step` as Elixir's `%Range{}` struct.
pub(crate) fn range(first: &Term, last: &Term, step: &Term) -> NResult {
    match (first, last, step) {
        (Term::Int(_), Term::Int(_), Term::Int(s)) if *s != 0 => {
            let mut m = MapT::new();
            m.insert(Term::Atom(Atom::STRUCT), Term::Atom(Atom::ELIXIR_RANGE));
            m.insert(Term::Atom(Atom::FIRST), first.clone());
            m.insert(Term::Atom(Atom::LAST), last.clone());
            m.insert(Term::Atom(Atom::STEP), step.clone());
            Ok(Term::map(m))
        }
        _ => Err(exception::argument_error(&format!(
            "ranges (first..last//step) expect both sides to be integers, got: {}..{}//{}",
            inspect(first),
            inspect(last),
            inspect(step)
        ))
        .into()),
    }
}

/// The integers of a range struct, if `t` is one: `(first, last, step)`.
pub(crate) fn range_parts(t: &Term) -> Option<(i64, i64, i64)> {
    let Term::Map(m) = t else { return None };
    if !m.get(&Term::Atom(Atom::STRUCT))?.is_atom(Atom::ELIXIR_RANGE) {
        return None;
    }
    match (m.get(&Term::Atom(Atom::FIRST))?, m.get(&Term::Atom(Atom::LAST))?, m.get(&Term::Atom(Atom::STEP))?) {
        (Term::Int(f), Term::Int(l), Term::Int(s)) => Some((*f, *l, *s)),
        _ => None,
    }
}

/// The map under a `%MapSet{map: map}`, whose keys are the set's elements, if `t` is one.
/// `MapSet` is written in the language (`stdlib/mapset.ex`); the natives that stand for
/// the `Enumerable` and `Collectable` protocols (`in`, `Enum.to_list`, `Enum.into`, …) find
/// its elements here, as they find a range's bounds in `range_parts`.
pub(crate) fn mapset_elements(t: &Term) -> Option<&MapT> {
    let Term::Map(m) = t else { return None };
    if !m.get(&Term::Atom(Atom::STRUCT))?.is_atom(Atom::ELIXIR_MAP_SET) {
        return None;
    }
    match m.get(&Term::Atom(Atom::MAP))? {
        Term::Map(set) => Some(set),
        _ => None,
    }
}

/// `<<…>>`: `values` holds each segment's value, followed by its size where the segment's
/// packed spec in `specs` says the size is a variable.
fn bitstring(values: &Term, specs: &Term) -> NResult {
    let mut out = Vec::new();
    let mut vals = values.list_iter();
    for (i, spec) in specs.list_iter().enumerate() {
        let Term::Int(packed) = spec else { return Err(exception::badarg().into()) };
        let p = crate::bitstring::Packed::unpack(*packed);
        let v = vals.next().ok_or_else(exception::badarg)?;
        let size = if p.dynamic() { Some(vals.next().ok_or_else(exception::badarg)?) } else { None };
        if let Err(why) = p.put(&mut out, v, size) {
            let msg = format!("construction of binary failed: segment {} of type '{}': {why}", i + 1, p.type_name());
            return Err(exception::argument_error(&msg).into());
        }
    }
    Ok(Term::bytes(out))
}

/// A bitstring generator's source (`for <<r, g, b <- pixels>>`): the binary cut into
/// successive runs of the segments `specs` (packed, constant sizes), one list of values per
/// run, until what is left does not start with a whole run.
fn bin_chunks(bin: &Term, specs: &Term) -> NResult {
    let Term::Bin(b) = bin else { return Err(exception::argument_error(&format!("expected a binary in a bitstring generator, got: {}", crate::term::inspect::inspect(bin))).into()) };
    let specs: Vec<crate::bitstring::Packed> = specs
        .list_iter()
        .map(|s| match s {
            Term::Int(p) => Ok(crate::bitstring::Packed::unpack(*p)),
            _ => Err(exception::badarg()),
        })
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    let mut at = 0;
    'runs: while at < b.len() {
        let mut values = Vec::with_capacity(specs.len());
        let mut pos = at;
        for spec in &specs {
            let rest = crate::term::bytes::window(b, pos, b.len());
            match spec.take(&rest, None) {
                Some((v, n)) => {
                    values.push(v);
                    pos += n;
                }
                _ => break 'runs,
            }
        }
        // A run that takes nothing (only empty binaries) would generate forever.
        if pos == at {
            break;
        }
        out.push(Term::list(values));
        at = pos;
    }
    Ok(Term::list(out))
}

fn access_get(container: &Term, key: &Term) -> NResult {
    match container {
        Term::Map(m) => Ok(m.get(key).cloned().unwrap_or(Term::NIL_ATOM)),
        Term::Nil | Term::Cons(_) => {
            for kv in container.list_iter() {
                if let Term::Tuple(t) = kv {
                    if t.len() == 2 && order::strict_eq(&t[0], key) {
                        return Ok(t[1].clone());
                    }
                }
            }
            Ok(Term::NIL_ATOM)
        }
        Term::Atom(a) if *a == Atom::NIL => Ok(Term::NIL_ATOM),
        other => Err(exception::argument_error(&format!(
            "the Access calls for keywords expect the key to be an atom, got: {}",
            inspect(other)
        ))
        .into()),
    }
}

/// How many elements `first..last//step` has: `None` for a step of zero (which only a range
/// built by hand can have). In 128 bits, as `0..-9223372036854775808//-1` has more elements
/// than an `i64` holds.
pub(crate) fn range_len(f: i64, l: i64, s: i64) -> Option<i128> {
    let (f, l, s) = (f as i128, l as i128, s as i128);
    if s == 0 {
        None
    } else if (s > 0 && f > l) || (s < 0 && f < l) {
        Some(0)
    } else {
        Some((l - f) / s + 1)
    }
}

/// An integer term for a 128-bit count.
pub(crate) fn int_term(n: i128) -> Term {
    match i64::try_from(n) {
        Ok(i) => Term::Int(i),
        Err(_) => Term::from_bigint(num_bigint::BigInt::from(n)),
    }
}

/// `x in enumerable` for lists, ranges and maps.
pub fn member(e: &Term, x: &Term) -> Result<bool, Exception> {
    if let Some((f, l, s)) = range_parts(e) {
        // Elixir divides by the step here too: a hand-built range with a step of zero raises.
        if s == 0 && matches!(x, Term::Int(_)) {
            return Err(exception::badarith());
        }
        return Ok(match x {
            Term::Int(i) => {
                let (i, f, l, s) = (*i as i128, f as i128, l as i128, s as i128);
                match s {
                    0 => false,
                    s if s > 0 => i >= f && i <= l && (i - f) % s == 0,
                    s => i <= f && i >= l && (f - i) % (-s) == 0,
                }
            }
            _ => false,
        });
    }
    if let Some(set) = mapset_elements(e) {
        return Ok(set.contains_key(x));
    }
    match e {
        Term::Nil | Term::Cons(_) => Ok(e.list_iter().any(|y| order::strict_eq(x, y))),
        Term::Map(m) => Ok(match x {
            Term::Tuple(t) if t.len() == 2 => m.get(&t[0]).is_some_and(|v| order::strict_eq(v, &t[1])),
            _ => false,
        }),
        other => Err(exception::protocol_undefined("Enumerable", other.clone())),
    }
}

/// `Function.info/1`: the keys learners look at (`:arity`, `:module`, `:name`, `:type`).
/// `:erlang.fun_info/1` (and `Function.info/1`): every item, in the BEAM's order. vial's
/// funs carry no creator, so a local fun's `pid` is the asking process, and its `uniq` and
/// `new_uniq` are vial's own stand-ins for the BEAM's checksums.
fn fun_info(f: &Arc<Closure>, pid: Pid) -> Vec<Term> {
    let kv = |k: &str, v: Term| Term::tuple(vec![Term::Atom(Atom::intern(k)), v]);
    match f.as_ref() {
        Closure::Export { module, name, arity, .. } => vec![
            kv("module", Term::Atom(*module)),
            kv("name", Term::Atom(*name)),
            kv("arity", Term::Int(*arity as i64)),
            kv("env", Term::Nil),
            kv("type", Term::Atom(Atom::intern("external"))),
        ],
        Closure::Lambda { code, env } => {
            let module = code.module.unwrap_or(Atom::intern("erl_eval"));
            let uniq = crate::term::inspect::fun_uniq(module);
            vec![
                kv("pid", Term::Pid(pid)),
                kv("module", Term::Atom(module)),
                kv("new_index", Term::Int(code.index as i64)),
                kv("new_uniq", Term::bytes(uniq.to_be_bytes().repeat(4))),
                kv("index", Term::Int(code.index as i64)),
                kv("uniq", Term::Int(uniq as i64)),
                kv("name", Term::Atom(Atom::intern(&format!("-{}/{}-fun-{}-", code.parent.0.name(), code.parent.1, code.index)))),
                kv("arity", Term::Int(code.arity as i64)),
                kv("env", Term::list(env.to_vec())),
                kv("type", Term::Atom(Atom::intern("local"))),
            ]
        }
    }
}

fn fun_info_all(c: &Ctx, f: &Term) -> NResult {
    match f {
        Term::Fun(f) => Ok(Term::list(fun_info(f, c.st.pid))),
        _ => Err(erl_badarg(1, "not a fun").into()),
    }
}

/// `:erlang.fun_info/2`: one item as `{item, value}`; the items an external fun lacks are
/// `:undefined`.
fn fun_info_item(c: &Ctx, f: &Term, item: &Term) -> NResult {
    const ITEMS: &[&str] = &["pid", "module", "new_index", "new_uniq", "index", "uniq", "name", "arity", "env", "type"];
    let Term::Fun(fun) = f else { return Err(erl_badarg(1, "not a fun").into()) };
    let Some(key) = item.as_atom().filter(|k| ITEMS.contains(&k.name())) else {
        return Err(erl_badarg(2, "invalid item").into());
    };
    let found = fun_info(fun, c.st.pid).into_iter().find(|kv| matches!(kv, Term::Tuple(t) if t.first().is_some_and(|k| k.is_atom(key))));
    Ok(found.unwrap_or_else(|| Term::tuple(vec![Term::Atom(key), Term::Atom(Atom::intern("undefined"))])))
}
