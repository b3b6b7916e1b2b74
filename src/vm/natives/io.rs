//! IO built-ins: `IO.puts`, `IO.write`, `IO.binwrite`, `IO.inspect` (with `label:`),
//! `IO.warn`, and the standard devices' side of Erlang's I/O protocol (`:vial_io.stdio/2`).
//!
//! Each call hands the host one complete buffer, so a line printed by one process is never
//! split by another's output. Output for any other device (a `StringIO` pid, a registered
//! name) becomes a `put_chars` request sent by `stdlib/io_server.ex`.

use super::{arg, natives, Ctx};
use crate::term::inspect::{inspect_with, InspectOpts};
use crate::term::{Atom, Term};
use crate::vm::exception;
use crate::vm::{Flow, NResult};

natives! {
    // `IO.binwrite/1,2` as Elixir's, which is `:file.write/2`: the bytes go out as Latin-1
    // characters (so UTF-8 text comes out double-encoded on a Unicode device, as on the BEAM).
    "IO"."binwrite"/1 => |c, a| binwrite(c, &Term::Atom(Atom::intern("stdio")), arg(a, 0)),
    "IO"."binwrite"/2 => |c, a| binwrite(c, arg(a, 0), arg(a, 1)),
    // The standard devices' side of the I/O protocol, for `:io.request/2` on `:standard_io`,
    // `:standard_error` and `:user` (what `IO.read/gets` and `:io.get_line` reach).
    ":vial_io"."stdio"/2 => |c, a| stdio_request(c, arg(a, 0), arg(a, 1)),
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
    "IO"."inspect"/1 => |c, a| io_inspect(c, &Term::Atom(Atom::intern("stdio")), arg(a, 0), &Term::Nil),
    "IO"."inspect"/2 => |c, a| io_inspect(c, &Term::Atom(Atom::intern("stdio")), arg(a, 0), arg(a, 1)),
    "IO"."inspect"/3 => |c, a| io_inspect(c, arg(a, 0), arg(a, 1), arg(a, 2)),
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
    match standard(device) {
        Some(Std::Out) => c.host.write_out(&bytes),
        Some(Std::Err) => c.host.write_err(&bytes),
        None => return Err(to_server(device, Term::bytes(bytes), "put_chars", None)),
    }
    Ok(Term::OK)
}

/// The standard devices, under the names Elixir's `IO` and Erlang's `io` know them by.
enum Std {
    Out,
    Err,
}

fn standard(device: &Term) -> Option<Std> {
    match device.as_atom().map(|a| a.name()) {
        Some("stdio" | "standard_io" | "user") => Some(Std::Out),
        Some("stderr" | "standard_error") => Some(Std::Err),
        _ => None,
    }
}

/// Hands `put_chars` of UTF-8 `bytes` to an I/O server (a pid, or a name to look up) through
/// `:io.o_request/3`, written in the language (`stdlib/io_server.ex`), which waits for the
/// reply and raises as OTP's `io` does. With `value`, `:vial_io.put_then/3` returns it.
fn to_server(device: &Term, bytes: Term, func: &str, value: Option<&Term>) -> Flow {
    let request = Term::tuple(vec![Term::Atom(Atom::intern("put_chars")), Term::Atom(Atom::intern("unicode")), bytes]);
    match value {
        None => Flow::ApplyMfa(Atom::intern("io"), Atom::intern("o_request"), vec![device.clone(), request, Term::Atom(Atom::intern(func))]),
        Some(v) => Flow::ApplyMfa(Atom::intern("vial_io"), Atom::intern("put_then"), vec![device.clone(), request, v.clone()]),
    }
}

/// Latin-1 bytes as UTF-8: each byte is the character of that code point.
fn latin1_to_utf8(bytes: &[u8]) -> Vec<u8> {
    bytes.iter().map(|&b| char::from(b)).collect::<String>().into_bytes()
}

fn binwrite(c: &mut Ctx, device: &Term, data: &Term) -> NResult {
    let bytes = iodata(data, "not an iodata term")?;
    match standard(device) {
        Some(Std::Out) => c.host.write_out(&latin1_to_utf8(&bytes)),
        Some(Std::Err) => c.host.write_err(&latin1_to_utf8(&bytes)),
        None => {
            let request = Term::tuple(vec![Term::Atom(Atom::intern("put_chars")), Term::Atom(Atom::intern("latin1")), Term::bytes(bytes)]);
            return Err(Flow::ApplyMfa(Atom::intern("io"), Atom::intern("request"), vec![device.clone(), request]));
        }
    }
    Ok(Term::OK)
}

/// One I/O request to a standard device: output is written, input is read from the
/// process's standard input (a closed one is at its end), and the options are those of a
/// device in binary Unicode mode.
fn stdio_request(c: &mut Ctx, device: &Term, request: &Term) -> NResult {
    let write = |c: &mut Ctx, bytes: &[u8]| match standard(device) {
        Some(Std::Err) => c.host.write_err(bytes),
        _ => c.host.write_out(bytes),
    };
    let atom = |name: &str| Term::Atom(Atom::intern(name));
    let error = |why: &str| Term::tuple(vec![atom("error"), atom(why)]);
    let Term::Tuple(t) = request else {
        return Ok(match request.as_atom().map(|a| a.name()) {
            Some("getopts") => Term::list(vec![
                Term::tuple(vec![atom("binary"), Term::Atom(Atom::TRUE)]),
                Term::tuple(vec![atom("encoding"), atom("unicode")]),
            ]),
            _ => error("request"),
        });
    };
    let tag = t.first().and_then(|x| x.as_atom()).map(|a| a.name());
    let unicode = t.get(1).is_some_and(|e| e.is_atom(Atom::intern("unicode")));
    match (tag, t.len()) {
        (Some("put_chars"), 3) => {
            let data = t.get(2).unwrap_or(&Term::Nil);
            let bytes = if unicode { chardata(data) } else { iodata(data, "not an iodata term").map(|b| latin1_to_utf8(&b)) };
            match bytes {
                Ok(b) => {
                    write(c, &b);
                    Ok(Term::OK)
                }
                Err(_) => Ok(error("put_chars")),
            }
        }
        (Some("get_line"), 3) => {
            write(c, &chardata(t.get(2).unwrap_or(&Term::Nil)).unwrap_or_default());
            Ok(match read_stdin(None) {
                Some(line) => Term::bytes(line),
                None => atom("eof"),
            })
        }
        (Some("get_chars"), 4) => {
            write(c, &chardata(t.get(2).unwrap_or(&Term::Nil)).unwrap_or_default());
            let n = match t.get(3) {
                Some(Term::Int(n)) if *n >= 0 => usize::try_from(*n).unwrap_or(usize::MAX),
                _ => return Ok(error("request")),
            };
            Ok(match read_stdin(Some((n, unicode))) {
                Some(chars) => Term::bytes(chars),
                None => atom("eof"),
            })
        }
        (Some("setopts"), 2) => Ok(Term::OK),
        _ => Ok(error("request")),
    }
}

/// Reads a line (with its newline) or, with `Some((n, unicode))`, `n` characters (bytes when
/// not `unicode`) from standard input; `None` at its end. The scheduler thread waits here,
/// as a BEAM scheduler would not, which a program reading its input can live with.
fn read_stdin(count: Option<(usize, bool)>) -> Option<Vec<u8>> {
    use std::io::{BufRead, Read};
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = Vec::new();
    match count {
        None => {
            input.read_until(b'\n', &mut out).ok()?;
        }
        Some((n, unicode)) => {
            let mut byte = [0u8; 1];
            for _ in 0..n {
                if input.read(&mut byte).ok()? == 0 {
                    break;
                }
                out.push(byte[0]);
                // A UTF-8 lead byte says how many continuation bytes finish its character.
                let more = match byte[0] {
                    b if !unicode || b < 0xC0 => 0,
                    b if b < 0xE0 => 1,
                    b if b < 0xF0 => 2,
                    _ => 3,
                };
                for _ in 0..more {
                    if input.read(&mut byte).ok()? == 0 {
                        break;
                    }
                    out.push(byte[0]);
                }
            }
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

fn io_inspect(c: &mut Ctx, device: &Term, value: &Term, opts: &Term) -> NResult {
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
    match standard(device) {
        Some(Std::Out) => c.host.write_out(out.as_bytes()),
        Some(Std::Err) => c.host.write_err(out.as_bytes()),
        None => return Err(to_server(device, Term::str(&out), "put_chars", Some(value))),
    }
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
