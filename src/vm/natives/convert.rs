//! Built-ins of the data modules (`Map`, `List`, `Tuple`, `String`, `Integer`, `Float`,
//! `Keyword`, `System`, `:erlang`, `:math`) that need no callbacks. Functions that take
//! a function argument are written in `stdlib/` on top of these.

use super::{arg, int, list, natives, ok, Ctx, HostOp};
use crate::term::Term;
use crate::vm::exception;
use crate::vm::NResult;

natives! {
    "System"."argv"/0 => |c, _| Ok(c.host.call(c.st.pid, HostOp::Argv)?),
    "System"."monotonic_time"/0 => |_, _| Ok(Term::Int(monotonic_ns())),
    "System"."monotonic_time"/1 => |_, a| Ok(Term::Int(convert_time(monotonic_ns(), arg(a, 0))?)),
    "System"."system_time"/0 => |_, _| Ok(Term::Int(system_ns())),
    "System"."system_time"/1 => |_, a| Ok(Term::Int(convert_time(system_ns(), arg(a, 0))?)),
    "System"."os_time"/1 => |_, a| Ok(Term::Int(convert_time(system_ns(), arg(a, 0))?)),
    "System"."get_env"/1 => |_, a| Ok(match std::env::var(super::string(arg(a, 0))?) {
        Ok(v) => Term::str(&v),
        Err(_) => Term::NIL_ATOM,
    }),
    "System"."get_env"/2 => |_, a| Ok(match std::env::var(super::string(arg(a, 0))?) {
        Ok(v) => Term::str(&v),
        Err(_) => arg(a, 1).clone(),
    }),
    "System"."schedulers_online"/0 => |_, _| Ok(Term::Int(std::thread::available_parallelism().map(|n| n.get() as i64).unwrap_or(1))),
    "List"."to_tuple"/1 => |_, a| Ok(Term::tuple(list(arg(a, 0))?)),
    ":erlang"."monotonic_time"/0 => |_, _| Ok(Term::Int(monotonic_ns())),
    ":erlang"."monotonic_time"/1 => |_, a| Ok(Term::Int(convert_time(monotonic_ns(), arg(a, 0))?)),
    ":erlang"."system_time"/0 => |_, _| Ok(Term::Int(system_ns())),
    ":erlang"."system_time"/1 => |_, a| Ok(Term::Int(convert_time(system_ns(), arg(a, 0))?)),
    ":os"."system_time"/0 => |_, _| Ok(Term::Int(system_ns())),
    ":os"."system_time"/1 => |_, a| Ok(Term::Int(convert_time(system_ns(), arg(a, 0))?)),
    "System"."os_time"/0 => |_, _| Ok(Term::Int(system_ns())),
    "System"."convert_time_unit"/3 => |_, a| {
        // Through nanoseconds, the native unit; Elixir rounds down as this does.
        let ns = int(arg(a, 0))?.checked_mul(unit_ns(arg(a, 1))?).ok_or_else(exception::badarg)?;
        Ok(Term::Int(ns.div_euclid(unit_ns(arg(a, 2))?)))
    },
    ":os"."timestamp"/0 => |_, _| Ok(timestamp()),
    ":erlang"."timestamp"/0 => |_, _| Ok(timestamp()),
    "System"."unique_integer"/0 => |_, _| Ok(Term::Int(unique_integer())),
    "System"."unique_integer"/1 => |_, _| Ok(Term::Int(unique_integer())),
    ":erlang"."unique_integer"/0 => |_, _| Ok(Term::Int(unique_integer())),
    ":erlang"."unique_integer"/1 => |_, _| Ok(Term::Int(unique_integer())),
    ":math"."log"/1 => |_, a| float_fn(arg(a, 0), f64::ln),
    ":math"."log2"/1 => |_, a| float_fn(arg(a, 0), f64::log2),
    ":math"."log10"/1 => |_, a| float_fn(arg(a, 0), f64::log10),
    ":math"."exp"/1 => |_, a| float_fn(arg(a, 0), f64::exp),
    ":math"."sin"/1 => |_, a| float_fn(arg(a, 0), f64::sin),
    ":math"."cos"/1 => |_, a| float_fn(arg(a, 0), f64::cos),
    ":math"."tan"/1 => |_, a| float_fn(arg(a, 0), f64::tan),
    ":math"."asin"/1 => |_, a| float_fn(arg(a, 0), f64::asin),
    ":math"."acos"/1 => |_, a| float_fn(arg(a, 0), f64::acos),
    ":math"."atan"/1 => |_, a| float_fn(arg(a, 0), f64::atan),
    ":math"."sinh"/1 => |_, a| float_fn(arg(a, 0), f64::sinh),
    ":math"."cosh"/1 => |_, a| float_fn(arg(a, 0), f64::cosh),
    ":math"."tanh"/1 => |_, a| float_fn(arg(a, 0), f64::tanh),
    ":math"."floor"/1 => |_, a| float_fn(arg(a, 0), f64::floor),
    ":math"."ceil"/1 => |_, a| float_fn(arg(a, 0), f64::ceil),
    ":math"."atan2"/2 => |_, a| float_fn2(arg(a, 0), arg(a, 1), f64::atan2),
    ":math"."fmod"/2 => |_, a| float_fn2(arg(a, 0), arg(a, 1), |x, y| x % y),
    ":rand"."uniform"/0 => |_, _| Ok(Term::Float((super::random_u64() >> 11) as f64 / (1u64 << 53) as f64)),
    ":rand"."uniform"/1 => |_, a| match arg(a, 0) {
        Term::Int(n) if *n >= 1 => Ok(Term::Int(1 + (super::random_u64() % *n as u64) as i64)),
        _ => Err(exception::function_clause(crate::term::Atom::intern("rand"), crate::term::Atom::intern("uniform"), 1, vec![arg(a, 0).clone()]).into()),
    },
    // Seeding is accepted but sequences are not Erlang's: no program can rely on their values.
    ":rand"."seed"/1 => |_, a| Ok(arg(a, 0).clone()),
    ":rand"."seed"/2 => |_, a| Ok(arg(a, 1).clone()),
    ":math"."sqrt"/1 => |_, a| float_fn(arg(a, 0), f64::sqrt),
    ":math"."pi"/0 => |_, _| Ok(Term::Float(std::f64::consts::PI)),
    ":math"."pow"/2 => |_, a| match (crate::vm::arith::to_f64(arg(a, 0)), crate::vm::arith::to_f64(arg(a, 1))) {
        (Some(x), Some(y)) => Ok(Term::Float(x.powf(y))),
        _ => Err(exception::badarith().into()),
    },
    ":binary"."bin_to_list"/1 => |_, a| Ok(Term::list(super::bin(arg(a, 0))?.iter().map(|b| Term::Int(*b as i64)).collect())),
    "Kernel.Internal"."ok"/1 => |_, a| Ok(ok(arg(a, 0).clone())),
    "Kernel.Internal"."int"/1 => |_, a| Ok(Term::Int(int(arg(a, 0))?)),
}

fn float_fn(t: &Term, f: fn(f64) -> f64) -> NResult {
    match crate::vm::arith::to_f64(t) {
        Some(x) if f(x).is_finite() => Ok(Term::Float(f(x))),
        _ => Err(exception::badarith().into()),
    }
}

fn float_fn2(x: &Term, y: &Term, f: fn(f64, f64) -> f64) -> NResult {
    match (crate::vm::arith::to_f64(x), crate::vm::arith::to_f64(y)) {
        (Some(x), Some(y)) if f(x, y).is_finite() => Ok(Term::Float(f(x, y))),
        _ => Err(exception::badarith().into()),
    }
}

/// Erlang's `{MegaSecs, Secs, MicroSecs}` of the wall clock.
fn timestamp() -> Term {
    let us = system_ns() / 1000;
    Term::tuple(vec![Term::Int(us / 1_000_000_000_000), Term::Int(us / 1_000_000 % 1_000_000), Term::Int(us % 1_000_000)])
}

/// Unique within the running system, as `System.unique_integer/0,1` promises (and
/// monotonically increasing, which satisfies `[:monotonic]` too).
fn unique_integer() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static NEXT: AtomicI64 = AtomicI64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn monotonic_ns() -> i64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as i64
}

fn system_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

/// Nanoseconds per unit Elixir names (`:second`, `:millisecond`, …, or a number of parts
/// per second); `:native` is the nanosecond, vial's clock resolution.
fn unit_ns(unit: &Term) -> Result<i64, exception::Exception> {
    Ok(match (unit, unit.as_atom().map(|a| a.name())) {
        (_, Some("second") | Some("seconds")) => 1_000_000_000,
        (_, Some("millisecond") | Some("milli_seconds")) => 1_000_000,
        (_, Some("microsecond") | Some("micro_seconds")) => 1_000,
        (_, Some("nanosecond") | Some("nano_seconds") | Some("native")) => 1,
        (Term::Int(per_second), _) if *per_second > 0 && 1_000_000_000 % per_second == 0 => 1_000_000_000 / per_second,
        _ => return Err(exception::badarg()),
    })
}

/// Converts nanoseconds to the unit Elixir names.
fn convert_time(ns: i64, unit: &Term) -> Result<i64, exception::Exception> {
    Ok(ns.div_euclid(unit_ns(unit)?))
}

#[allow(dead_code)]
fn unused(_: &mut Ctx) {}
