//! Process built-ins: `self`, `send`, `spawn*`, `make_ref`, and the `Process` module. They
//! reach the scheduler through the `Host` trait.

use super::{arg, atom, int, natives, pid, Ctx, HostOp};
use crate::term::{Atom, Term};
use crate::vm::exception;
use crate::vm::NResult;

natives! {
    "Kernel"."self"/0 => |c, _| Ok(Term::Pid(c.st.pid)),
    "Kernel"."node"/0 => |_, _| Ok(Term::Atom(Atom::intern("nonode@nohost"))),
    "Kernel"."node"/1 => |_, _| Ok(Term::Atom(Atom::intern("nonode@nohost"))),
    "Node"."self"/0 => |_, _| Ok(Term::Atom(Atom::intern("nonode@nohost"))),
    "Node"."alive?"/0 => |_, _| Ok(Term::FALSE),
    "Node"."list"/0 => |_, _| Ok(Term::Nil),
    "Process"."read_timer"/1 => |c, a| host(c, HostOp::ReadTimer(arg(a, 0).clone())),
    "Kernel"."send"/2 => |c, a| send(c, arg(a, 0), arg(a, 1)),
    "Process"."send"/3 => |c, a| send(c, arg(a, 0), arg(a, 1)),
    "Kernel"."spawn"/1 => |c, a| spawn(c, arg(a, 0), false, false),
    "Kernel"."spawn_link"/1 => |c, a| spawn(c, arg(a, 0), true, false),
    "Kernel"."spawn_monitor"/1 => |c, a| spawn(c, arg(a, 0), false, true),
    "Kernel"."spawn"/3 => |c, a| spawn(c, &mfa_fun(a)?, false, false),
    "Kernel"."spawn_link"/3 => |c, a| spawn(c, &mfa_fun(a)?, true, false),
    "Kernel"."spawn_monitor"/3 => |c, a| spawn(c, &mfa_fun(a)?, false, true),
    "Kernel"."make_ref"/0 => |c, _| {
        let r = host(c, HostOp::MakeRef)?;
        mark(c, &r);
        Ok(r)
    },
    "Process"."link"/1 => |c, a| host(c, HostOp::Link(pid(arg(a, 0))?)),
    "Process"."unlink"/1 => |c, a| host(c, HostOp::Unlink(pid(arg(a, 0))?)),
    "Process"."monitor"/1 => |c, a| {
        // The mark is taken before the monitor exists, so an immediate `:DOWN` is after it.
        c.host.fetch_messages(c.st.pid, &mut c.st.mailbox);
        let pos = c.st.mailbox.len();
        let r = host(c, HostOp::Monitor(arg(a, 0).clone()))?;
        c.st.recv_mark = Some((r.clone(), pos));
        Ok(r)
    },
    "Process"."demonitor"/1 => |c, a| {
        host(c, HostOp::Demonitor(arg(a, 0).clone(), false))?;
        Ok(Term::TRUE)
    },
    "Process"."demonitor"/2 => |c, a| {
        let flush = arg(a, 1).list_iter().any(|o| o.is_atom(Atom::intern("flush")));
        let removed = host(c, HostOp::Demonitor(arg(a, 0).clone(), flush))?;
        // Without `:info` the answer is always `true`; with it, whether a monitor was removed.
        let info = arg(a, 1).list_iter().any(|o| o.is_atom(Atom::intern("info")));
        let held = removed.is_atom(Atom::TRUE);
        let r = if info { removed } else { Term::TRUE };
        // A monitor that was still held cannot have sent its `:DOWN` (the runtime removes
        // the monitor and delivers the message under one lock), so only a monitor that
        // already fired needs the mailbox searched, and it sent exactly one message. A task
        // owner awaiting thousands of tasks thus pays for one short search per task, not a
        // pass over the whole mailbox.
        if flush && !held {
            c.host.fetch_messages(c.st.pid, &mut c.st.mailbox);
            let r0 = arg(a, 0);
            let down = c.st.mailbox.iter().position(|m| matches!(m, Term::Tuple(t) if t.len() == 5 && t[0].is_atom(Atom::DOWN) && t[1] == *r0));
            if let Some(i) = down {
                c.st.mailbox.remove(i);
                // Removing a message shifts positions: forget the receive marker rather
                // than risk skipping a message after it.
                c.st.recv_mark = None;
            }
        }
        Ok(r)
    },
    "Process"."register"/2 => |c, a| host(c, HostOp::Register(atom(arg(a, 1))?, pid(arg(a, 0))?)),
    "Process"."unregister"/1 => |c, a| host(c, HostOp::Unregister(atom(arg(a, 0))?)),
    "Process"."registered"/0 => |c, _| host(c, HostOp::Registered),
    "Process"."whereis"/1 => |c, a| Ok(c.host.whereis(atom(arg(a, 0))?).map(Term::Pid).unwrap_or(Term::NIL_ATOM)),
    "Process"."exit"/2 => |c, a| host(c, HostOp::Exit(pid(arg(a, 0))?, arg(a, 1).clone())),
    "Process"."alive?"/1 => |c, a| host(c, HostOp::Alive(pid(arg(a, 0))?)),
    "Process"."info"/1 => |c, a| info(c, pid(arg(a, 0))?, None),
    "Process"."info"/2 => |c, a| info(c, pid(arg(a, 0))?, Some(atom(arg(a, 1))?)),
    "Process"."list"/0 => |c, _| host(c, HostOp::List),
    "Process"."send_after"/3 => |c, a| host(c, HostOp::SendAfter(arg(a, 0).clone(), arg(a, 1).clone(), non_neg(arg(a, 2))?)),
    "Process"."cancel_timer"/1 => |c, a| host(c, HostOp::CancelTimer(arg(a, 0).clone())),
    "Process"."flag"/2 => |c, a| {
        match atom(arg(a, 0))?.name() {
            "trap_exit" => {
                let on = arg(a, 1).is_atom(Atom::TRUE);
                let old = c.st.trap_exit;
                c.st.trap_exit = on;
                host(c, HostOp::TrapExit(on))?;
                Ok(Term::bool(old))
            }
            _ => Ok(Term::FALSE),
        }
    },
    // Elixir's `Process` functions wrap `:erlang`'s and turn its `:undefined` into nil (or the
    // default), so a stored `:undefined` reads as missing through them, as in Elixir.
    "Process"."put"/2 => |c, a| Ok(nilify(c.st.dict.insert(arg(a, 0).clone(), arg(a, 1).clone()))),
    "Process"."get"/1 => |c, a| Ok(nilify(c.st.dict.get(arg(a, 0)).cloned())),
    "Process"."get"/2 => |c, a| Ok(match c.st.dict.get(arg(a, 0)) {
        Some(v) if !is_undefined(v) => v.clone(),
        _ => arg(a, 1).clone(),
    }),
    "Process"."get"/0 => |c, _| Ok(dict_pairs(c)),
    "Process"."delete"/1 => |c, a| Ok(nilify(c.st.dict.remove(arg(a, 0)))),
    "Process"."get_keys"/0 => |c, _| Ok(Term::list(c.st.dict.iter().map(|(k, _)| k.clone()).collect())),
    "Process"."get_keys"/1 => |c, a| Ok(keys_with(c, arg(a, 0))),
    ":erlang"."put"/2 => |c, a| Ok(c.st.dict.insert(arg(a, 0).clone(), arg(a, 1).clone()).unwrap_or_else(undefined)),
    ":erlang"."get"/1 => |c, a| Ok(c.st.dict.get(arg(a, 0)).cloned().unwrap_or_else(undefined)),
    ":erlang"."get"/0 => |c, _| Ok(dict_pairs(c)),
    ":erlang"."erase"/1 => |c, a| Ok(c.st.dict.remove(arg(a, 0)).unwrap_or_else(undefined)),
    ":erlang"."erase"/0 => |c, _| {
        let all = dict_pairs(c);
        c.st.dict = crate::term::MapT::new();
        Ok(all)
    },
    ":erlang"."get_keys"/0 => |c, _| Ok(Term::list(c.st.dict.iter().map(|(k, _)| k.clone()).collect())),
    ":erlang"."get_keys"/1 => |c, a| Ok(keys_with(c, arg(a, 0))),
    ":vial_repl"."done"/1 => |c, a| host(c, HostOp::ReplDone(arg(a, 0).clone())),
    ":vial_repl"."compile_file"/1 => |c, a| host(c, HostOp::CompileFile(super::string(arg(a, 0))?)),
    ":vial_repl"."source_of"/1 => |_, a| Ok(match crate::vm::code::table().source_of(atom(arg(a, 0))?) {
        Some(p) => Term::str(&p),
        None => Term::NIL_ATOM,
    }),
    ":vial_repl"."pid"/1 => |_, a| {
        let text = super::string(arg(a, 0))?;
        let parts: Vec<&str> = text.trim_start_matches("#PID<").trim_end_matches('>').split('.').collect();
        match parts.as_slice() {
            ["0", n, "0"] => n.parse::<u64>().map(|n| Term::Pid(crate::term::Pid(n))).map_err(|_| exception::badarg().into()),
            _ => Err(exception::badarg().into()),
        }
    },
    ":vial_repl"."info"/1 => |_, a| {
        let t = arg(a, 0);
        const CHARS: &str = "IEx.Info, Inspect, List.Chars, String.Chars";
        let (ty, module, protocols) = match t {
            Term::Int(_) | Term::Big(_) => ("Integer", "Integer", CHARS),
            Term::Float(_) => ("Float", "Float", CHARS),
            Term::Atom(_) => ("Atom", "Atom", CHARS),
            Term::Bin(_) => ("BitString", "String", "Collectable, IEx.Info, Inspect, List.Chars, String.Chars"),
            Term::Nil | Term::Cons(_) => ("List", "List", "Collectable, Enumerable, IEx.Info, Inspect, List.Chars, String.Chars"),
            Term::Tuple(_) => ("Tuple", "Tuple", "IEx.Info, Inspect"),
            Term::Map(_) => ("Map", "Map", "Collectable, Enumerable, IEx.Info, Inspect"),
            Term::Fun(_) => ("Function", "Function", "IEx.Info, Inspect"),
            Term::Pid(_) => ("PID", "Process", "IEx.Info, Inspect"),
            Term::Ref(_) => ("Reference", "Kernel", "IEx.Info, Inspect"),
        };
        let row = |k: &str, v: String| Term::tuple(vec![Term::str(k), Term::str(&v)]);
        Ok(Term::list(vec![
            row("Term", crate::term::inspect::inspect(t)),
            row("Data type", ty.to_string()),
            row("Reference modules", module.to_string()),
            row("Implemented protocols", protocols.to_string()),
        ]))
    },
    "System"."halt"/0 => |c, _| host(c, HostOp::Halt(0)),
    "System"."halt"/1 => |c, a| host(c, HostOp::Halt(int(arg(a, 0)).unwrap_or(1) as i32)),
    "System"."stop"/0 => |c, _| host(c, HostOp::Halt(0)),
    "System"."stop"/1 => |c, a| host(c, HostOp::Halt(int(arg(a, 0)).unwrap_or(1) as i32)),
}

/// `Process.info/1,2`. The runtime knows the shared header of any process; for the calling
/// process the answer is completed from its own state (messages it has already fetched
/// but not received, its reductions and dictionary).
fn info(c: &mut Ctx, p: crate::term::Pid, key: Option<Atom>) -> NResult {
    if p == c.st.pid {
        // Everything that has arrived counts: move it into the mailbox first.
        c.host.fetch_messages(c.st.pid, &mut c.st.mailbox);
    }
    let r = host(c, HostOp::Info(p, key))?;
    if p != c.st.pid {
        return Ok(r);
    }
    let own = |k: &str, v: &Term| -> Term {
        match k {
            "message_queue_len" => Term::Int(c.st.mailbox.len() as i64),
            "messages" => Term::list(c.st.mailbox.iter().cloned().collect()),
            "reductions" => Term::Int(c.st.reductions as i64),
            "dictionary" => Term::list(c.st.dict.iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect()),
            "memory" => Term::Int((std::mem::size_of::<crate::vm::ProcState>() + c.st.mailbox.len() * 16) as i64),
            _ => v.clone(),
        }
    };
    let fix = |pair: &Term| -> Term {
        match pair {
            Term::Tuple(t) if t.len() == 2 => match t[0].as_atom() {
                Some(k) => Term::tuple(vec![t[0].clone(), own(k.name(), &t[1])]),
                None => pair.clone(),
            },
            other => other.clone(),
        }
    };
    Ok(match &r {
        Term::Tuple(_) => fix(&r),
        Term::Cons(_) => Term::list(r.list_iter().map(fix).collect()),
        other => other.clone(),
    })
}

/// Records where the mailbox ends as a new reference is made (see `Op::RecvMarked`).
fn mark(c: &mut Ctx, r: &Term) {
    c.host.fetch_messages(c.st.pid, &mut c.st.mailbox);
    c.st.recv_mark = Some((r.clone(), c.st.mailbox.len()));
}

fn host(c: &mut Ctx, op: HostOp) -> NResult {
    Ok(c.host.call(c.st.pid, op)?)
}

fn non_neg(t: &Term) -> Result<u64, exception::Exception> {
    match t {
        Term::Int(i) if *i >= 0 => Ok(*i as u64),
        _ => Err(exception::badarg()),
    }
}

fn send(c: &mut Ctx, dest: &Term, msg: &Term) -> NResult {
    let to = match dest {
        Term::Pid(p) => *p,
        Term::Atom(name) => match c.host.whereis(*name) {
            Some(p) => p,
            None => {
                return Err(exception::argument_error(&format!(
                    "errors were found at the given arguments:\n\n  * 1st argument: invalid destination\n"
                ))
                .into());
            }
        },
        Term::Tuple(t) if t.len() == 2 => match t[0].as_atom().and_then(|n| c.host.whereis(n)) {
            Some(p) => p,
            None => return Ok(msg.clone()),
        },
        _ => return Err(exception::badarg().into()),
    };
    c.host.send(c.st.pid, to, msg.clone());
    Ok(msg.clone())
}

fn spawn(c: &mut Ctx, fun: &Term, link: bool, monitor: bool) -> NResult {
    let is_mfa = matches!(fun, Term::Tuple(t) if t.len() == 4 && t[0].is_atom(Atom::intern("__mfa__")));
    if !is_mfa && !matches!(fun, Term::Fun(f) if f.arity() == 0) {
        return Err(exception::badarg().into());
    }
    let (p, r) = c.host.spawn(c.st.pid, fun.clone(), link, monitor);
    Ok(match r {
        Some(r) => Term::tuple(vec![Term::Pid(p), r]),
        None => Term::Pid(p),
    })
}

/// `spawn(Mod, :fun, args)` becomes a zero-arity function that applies them.
fn mfa_fun(a: &[Term]) -> Result<Term, exception::Exception> {
    let (m, f, args) = (atom(arg(a, 0))?, atom(arg(a, 1))?, arg(a, 2).clone());
    if args.list_to_vec().is_none() {
        return Err(exception::badarg());
    }
    // The stdlib's `Kernel.Internal.apply_later/3` returns `fn -> apply(m, f, args) end`;
    // building the closure here would need compiled code, so ask for a call instead.
    Ok(Term::tuple(vec![Term::Atom(Atom::intern("__mfa__")), Term::Atom(m), Term::Atom(f), args]))
}

/// The atom `:erlang`'s dictionary functions answer for a key that has no value.
fn undefined() -> Term {
    Term::Atom(Atom::intern("undefined"))
}

fn is_undefined(t: &Term) -> bool {
    matches!(t, Term::Atom(a) if *a == Atom::intern("undefined"))
}

/// Elixir's `nillify`: `:undefined`, or no value at all, becomes nil.
fn nilify(t: Option<Term>) -> Term {
    match t {
        Some(v) if !is_undefined(&v) => v,
        _ => Term::NIL_ATOM,
    }
}

/// The whole dictionary as `{key, value}` pairs, the shape `get/0` and `erase/0` return.
fn dict_pairs(c: &Ctx) -> Term {
    Term::list(c.st.dict.iter().map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])).collect())
}

/// The keys whose value is exactly (`=:=`) `val`, as `:erlang.get_keys/1` compares them.
fn keys_with(c: &Ctx, val: &Term) -> Term {
    Term::list(c.st.dict.iter().filter(|(_, v)| crate::term::order::strict_eq(v, val)).map(|(k, _)| k.clone()).collect())
}
