//! IO built-ins: `IO.puts`, `IO.write`, `IO.inspect` (with `label:`), `IO.warn`.
//!
//! Each call hands the host one complete buffer, so a line printed by one process is never
//! split by another's output.

use super::{arg, natives, Ctx};
use crate::term::inspect::{inspect_with, InspectOpts};
use crate::term::{Atom, Term};
use crate::vm::exception;
use crate::vm::{Flow, NResult};

natives! {
    "IO"."puts"/1 => |c, a| puts(c, &Term::Atom(Atom::intern("stdio")), arg(a, 0), true),
    "IO"."puts"/2 => |c, a| puts(c, arg(a, 0), arg(a, 1), true),
    "IO"."write"/1 => |c, a| puts(c, &Term::Atom(Atom::intern("stdio")), arg(a, 0), false),
    "IO"."write"/2 => |c, a| puts(c, arg(a, 0), arg(a, 1), false),
    "IO"."warn"/1 => |c, a| {
        let mut text = chardata(arg(a, 0))?;
        text.push(b'\n');
        let mut out = b"warning: ".to_vec();
        out.extend(text);
        c.host.write_err(&out);
        Ok(Term::OK)
    },
    "IO"."inspect"/1 => |c, a| io_inspect(c, arg(a, 0), &Term::Nil),
    "IO"."inspect"/2 => |c, a| io_inspect(c, arg(a, 0), arg(a, 1)),
    "IO"."inspect"/3 => |c, a| io_inspect(c, arg(a, 1), arg(a, 2)),
    "IO"."iodata_to_binary"/1 => |_, a| Ok(Term::bytes(iodata(arg(a, 0), "not an iodata term")?)),
    ":erlang"."iolist_to_binary"/1 => |_, a| Ok(Term::bytes(iodata(arg(a, 0), "not an iodata term")?)),
    ":erlang"."list_to_binary"/1 => |_, a| match arg(a, 0) {
        l @ (Term::Nil | Term::Cons(_)) => Ok(Term::bytes(iodata(l, "not an iolist term")?)),
        _ => Err(super::map::erl_badarg(1, "not an iolist term").into()),
    },
    "IO"."chardata_to_string"/1 => |_, a| Ok(Term::bytes(chardata(arg(a, 0))?)),
}

fn puts(c: &mut Ctx, device: &Term, data: &Term, newline: bool) -> NResult {
    // A bare number or atom goes through `String.Chars`; only inside a list is an integer
    // a code point.
    let mut bytes = match data {
        Term::Int(_) | Term::Big(_) | Term::Float(_) | Term::Atom(_) => match crate::term::inspect::to_string(data) {
            Some(s) => s.into_bytes(),
            None => return Err(exception::badarg().into()),
        },
        // A struct or tuple with a `String.Chars` implementation the program defined is
        // converted by it first (`IO.puts(rect)`).
        Term::Map(_) | Term::Tuple(_) | Term::Pid(_) | Term::Ref(_) | Term::Fun(_)
            if super::protocol::implementation(Atom::alias("String.Chars"), data, false).is_some() =>
        {
            let name = if newline { "puts" } else { "write" };
            return Err(Flow::ApplyMfa(Atom::intern("Elixir.Kernel.Internal"), Atom::intern(name), vec![device.clone(), data.clone()]));
        }
        _ => chardata(data)?,
    };
    if newline {
        bytes.push(b'\n');
    }
    if device.is_atom(Atom::intern("stderr")) {
        c.host.write_err(&bytes);
    } else {
        c.host.write_out(&bytes);
    }
    Ok(Term::OK)
}

fn io_inspect(c: &mut Ctx, value: &Term, opts: &Term) -> NResult {
    let mut o: InspectOpts = super::kernel::inspect_opts(opts);
    o.pretty = true;
    let mut out = String::new();
    for kv in opts.list_iter() {
        if let Term::Tuple(t) = kv {
            if t.len() == 2 && t[0].is_atom(Atom::LABEL) {
                let label = match &t[1] {
                    Term::Bin(b) => String::from_utf8_lossy(b).into_owned(),
                    other => crate::term::inspect::to_string(other).unwrap_or_default(),
                };
                out.push_str(&label);
                out.push_str(": ");
            }
        }
    }
    out.push_str(&inspect_with(value, &o));
    out.push('\n');
    c.host.write_out(out.as_bytes());
    Ok(value.clone())
}

/// Flattens iodata into bytes, as `IO.iodata_to_binary` and the `:erlang` iolist functions
/// do: binaries, nested lists, integers 0..=255 as single bytes (where chardata would encode
/// a code point), and a binary as an improper tail. Anything else fails with ArgumentError
/// saying `not_what` ("not an iodata term"), as the BEAM does.
pub(crate) fn iodata(t: &Term, not_what: &str) -> Result<Vec<u8>, crate::vm::exception::Exception> {
    let mut out = Vec::new();
    // Each entry says whether it sits where a list's tail (or the whole iodata) does, where
    // a lone integer is not allowed.
    let mut stack = vec![(t, true)];
    while let Some((t, tail)) = stack.pop() {
        match t {
            Term::Bin(b) => out.extend_from_slice(b),
            Term::Int(i) if !tail => match u8::try_from(*i) {
                Ok(byte) => out.push(byte),
                Err(_) => return Err(super::map::erl_badarg(1, not_what)),
            },
            Term::Nil => {}
            Term::Cons(c) => {
                stack.push((&c.tail, true));
                stack.push((&c.head, false));
            }
            _ => return Err(super::map::erl_badarg(1, not_what)),
        }
    }
    Ok(out)
}

/// Flattens chardata (binaries, code points, nested lists; atoms and numbers through
/// `String.Chars`, as `IO.puts` accepts them) into UTF-8 bytes.
pub(crate) fn chardata(t: &Term) -> Result<Vec<u8>, crate::vm::exception::Exception> {
    let mut out = Vec::new();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Bin(b) => out.extend_from_slice(b),
            Term::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                Some(ch) => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                None => return Err(exception::badarg()),
            },
            Term::Nil => {}
            Term::Cons(_) => {
                // Push in reverse so the first element is processed first.
                let mut items: Vec<&Term> = Vec::new();
                let mut it = t.list_iter();
                for x in it.by_ref() {
                    items.push(x);
                }
                let tail = it.tail();
                if !matches!(tail, Term::Nil) {
                    stack.push(tail);
                }
                stack.extend(items.into_iter().rev());
            }
            other => match crate::term::inspect::to_string(other) {
                Some(s) if !matches!(other, Term::Tuple(_) | Term::Map(_)) => out.extend_from_slice(s.as_bytes()),
                _ => return Err(exception::protocol_undefined("String.Chars", other.clone())),
            },
        }
    }
    Ok(out)
}
