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
    ":erlang"."phash2"/1 => |_, a| Ok(Term::Int((crate::term::inspect::inspect(arg(a, 0)).bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32)) % (1 << 27)) as i64)),
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

/// Converts nanoseconds to the unit Elixir names (`:second`, `:millisecond`, …).
fn convert_time(ns: i64, unit: &Term) -> Result<i64, exception::Exception> {
    Ok(match unit.as_atom().map(|a| a.name()) {
        Some("second") | Some("seconds") => ns / 1_000_000_000,
        Some("millisecond") | Some("milli_seconds") => ns / 1_000_000,
        Some("microsecond") | Some("micro_seconds") => ns / 1_000,
        Some("nanosecond") | Some("nano_seconds") | Some("native") => ns,
        _ => return Err(exception::badarg()),
    })
}

#[allow(dead_code)]
fn unused(_: &mut Ctx) {}
