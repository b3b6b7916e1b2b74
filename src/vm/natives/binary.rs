//! Erlang's `:binary` module (byte-level searching, slicing and number encoding) and the
//! iodata sizes (`IO.iodata_length/1`, `:erlang.iolist_size/1`). Bad arguments raise
//! ArgumentError, as the BIFs do.

use std::sync::Arc;

use super::io::iodata;
use super::map::erl_badarg;
use super::{arg, bin, natives};
use crate::term::bytes::window;
use crate::term::{Atom, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

/// The largest binary `:binary.copy/2` builds: a bigger one is almost certainly a mistake
/// and would exhaust memory.
const MAX_COPY_BYTES: usize = 1 << 32;

fn shared(t: &Term) -> Result<&Arc<crate::term::Bytes>, Exception> {
    match t {
        Term::Bin(b) => Ok(b),
        _ => Err(exception::badarg()),
    }
}

fn index(t: &Term) -> Result<usize, Exception> {
    match t {
        Term::Int(i) if *i >= 0 => Ok(*i as usize),
        _ => Err(exception::badarg()),
    }
}

/// `part(bin, pos, len)`: a negative length counts back from `pos`, as in Erlang.
/// `blame` is the argument an out-of-range part is reported against (`part/2` has its
/// position and length in one tuple).
fn part(b: &Arc<crate::term::Bytes>, pos: &Term, len: &Term, blame: usize) -> NResult {
    let (Term::Int(pos), Term::Int(len)) = (pos, len) else { return Err(exception::badarg().into()) };
    let (start, end) = if *len >= 0 { (*pos, pos.checked_add(*len)) } else { (pos + len, Some(*pos)) };
    match end {
        Some(end) if start >= 0 && end as usize <= b.len() && start <= end => Ok(Term::Bin(window(b, start as usize, end as usize))),
        _ => Err(super::map::erl_badarg(blame, "out of range").into()),
    }
}

/// The patterns argument of `split`/`match`/`replace`: one non-empty binary or a list.
fn patterns(t: &Term) -> Result<Vec<Vec<u8>>, Exception> {
    let one = |p: &Term| match p {
        Term::Bin(b) if !b.is_empty() => Ok(b.to_vec()),
        _ => Err(exception::badarg()),
    };
    match t {
        Term::Bin(_) => Ok(vec![one(t)?]),
        Term::Cons(_) => t.list_iter().map(one).collect(),
        _ => Err(exception::badarg()),
    }
}

/// The first match of any pattern at or after `from`: the earliest, the longest there.
fn find(hay: &[u8], pats: &[Vec<u8>], from: usize) -> Option<(usize, usize)> {
    (from..hay.len()).find_map(|i| {
        let rest = hay.get(i..)?;
        pats.iter().filter(|p| rest.starts_with(p)).map(Vec::len).max().map(|n| (i, n))
    })
}

/// Whether an options list holds `:global`.
fn global(opts: &Term) -> bool {
    opts.list_iter().any(|o| o.is_atom(Atom::intern("global")))
}

/// The options of `:binary.split/3`: `:global`, `:trim` (drop trailing empty parts),
/// `:trim_all` (drop every empty part) and `{:scope, {pos, len}}` (only matches lying wholly
/// inside that part count). Anything else is a bad argument, as in the BIF.
struct SplitOpts {
    global: bool,
    trim: bool,
    trim_all: bool,
    scope: Option<(usize, usize)>,
}

fn split_opts(t: &Term, size: usize) -> Result<SplitOpts, Exception> {
    let mut o = SplitOpts { global: false, trim: false, trim_all: false, scope: None };
    for opt in t.list_iter() {
        match &opt {
            Term::Atom(a) if a.name() == "global" => o.global = true,
            Term::Atom(a) if a.name() == "trim" => o.trim = true,
            Term::Atom(a) if a.name() == "trim_all" => o.trim_all = true,
            Term::Tuple(t) if t.len() == 2 && t[0].is_atom(Atom::intern("scope")) => {
                let Term::Tuple(sc) = &t[1] else { return Err(exception::badarg()) };
                let (Some(Term::Int(pos)), Some(Term::Int(len))) = (sc.first(), sc.get(1)) else {
                    return Err(exception::badarg());
                };
                // A negative length counts back from the position, as in `part/3`.
                let (start, end) = if *len >= 0 { (*pos, pos.checked_add(*len)) } else { (pos + len, Some(*pos)) };
                match end {
                    Some(end) if sc.len() == 2 && start >= 0 && start <= end && end as usize <= size => {
                        o.scope = Some((start as usize, end as usize));
                    }
                    _ => return Err(exception::badarg()),
                }
            }
            _ => return Err(exception::badarg()),
        }
    }
    if !matches!(t, Term::Nil | Term::Cons(_)) {
        return Err(exception::badarg());
    }
    Ok(o)
}

fn split(a: &[Term], with_opts: bool) -> NResult {
    let b = shared(arg(a, 0))?;
    let pats = patterns(arg(a, 1))?;
    let o = if with_opts {
        split_opts(arg(a, 2), b.len())?
    } else {
        SplitOpts { global: false, trim: false, trim_all: false, scope: None }
    };
    let (lo, hi) = o.scope.unwrap_or((0, b.len()));
    let hay = b.get(..hi).unwrap_or_default();
    let mut parts = Vec::new();
    let mut at = 0;
    let mut from = lo;
    while let Some((i, n)) = find(hay, &pats, from) {
        parts.push(Term::Bin(window(b, at, i)));
        at = i + n;
        from = at;
        if !o.global {
            break;
        }
    }
    parts.push(Term::Bin(window(b, at, b.len())));
    let empty = |p: &Term| matches!(p, Term::Bin(x) if x.is_empty());
    if o.trim_all {
        parts.retain(|p| !empty(p));
    } else if o.trim {
        while parts.last().is_some_and(empty) {
            parts.pop();
        }
    }
    Ok(Term::list(parts))
}

fn replace(a: &[Term], all: bool) -> NResult {
    let b = bin(arg(a, 0))?;
    let pats = patterns(arg(a, 1))?;
    let with = bin(arg(a, 2))?;
    let mut out = Vec::with_capacity(b.len());
    let mut at = 0;
    while let Some((i, n)) = find(b, &pats, at) {
        out.extend_from_slice(b.get(at..i).unwrap_or_default());
        out.extend_from_slice(with);
        at = i + n;
        if !all {
            break;
        }
    }
    out.extend_from_slice(b.get(at..).unwrap_or_default());
    Ok(Term::bytes(out))
}

fn little(t: &Term) -> Result<bool, Exception> {
    match t {
        Term::Atom(a) if a.name() == "big" => Ok(false),
        Term::Atom(a) if a.name() == "little" => Ok(true),
        _ => Err(exception::badarg()),
    }
}

fn decode_unsigned(b: &[u8], little: bool) -> Term {
    let mut bytes = b.to_vec();
    if little {
        bytes.reverse();
    }
    Term::from_bigint(num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &bytes))
}

fn encode_unsigned(t: &Term, little: bool) -> NResult {
    let n = match t {
        Term::Int(i) if *i >= 0 => num_bigint::BigInt::from(*i),
        Term::Big(b) if b.sign() != num_bigint::Sign::Minus => (**b).clone(),
        _ => return Err(exception::badarg().into()),
    };
    let (_, mut bytes) = n.to_bytes_be();
    if little {
        bytes.reverse();
    }
    Ok(Term::bytes(bytes))
}

/// CRC-32 as in ISO 3309 / ITU-T V.42 (zlib's `crc32`): the reflected polynomial 0xEDB88320,
/// continuing from a previous checksum `crc` (0 to start).
fn crc32(crc: u32, data: &[u8]) -> u32 {
    let mut c = !crc;
    for &byte in data {
        c ^= byte as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
        }
    }
    !c
}

/// Adler-32 as in RFC 1950 (zlib's `adler32`): two sums modulo 65521, continuing from a
/// previous checksum (1 to start).
fn adler32(adler: u32, data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (adler & 0xffff, adler >> 16);
    for &byte in data {
        a = (a + byte as u32) % MOD;
        b = (b + a) % MOD;
    }
    (b << 16) | a
}

/// A previous checksum passed to `crc32/2` or `adler32/2`: it must fit in 32 bits.
fn checksum_start(t: &Term) -> Result<u32, Exception> {
    match t {
        Term::Int(n) if (0..=u32::MAX as i64).contains(n) => Ok(*n as u32),
        _ => Err(erl_badarg(1, "out of range")),
    }
}

/// The binary `:binary.bin_to_list` reads, with OTP's wording when it is not one.
fn must_bin(t: &Term) -> Result<Arc<crate::term::Bytes>, Exception> {
    match t {
        Term::Bin(b) => Ok(b.clone()),
        _ => Err(erl_badarg(1, "not a binary")),
    }
}

fn byte_list(t: &Term) -> NResult {
    match t {
        Term::Bin(b) => Ok(Term::list(b.iter().map(|x| Term::Int(*x as i64)).collect())),
        _ => Err(exception::badarg().into()),
    }
}

natives! {
    ":erlang"."crc32"/1 => |_, a| Ok(Term::Int(crc32(0, &iodata(arg(a, 0), "not an iodata term")?) as i64)),
    ":erlang"."crc32"/2 => |_, a| {
        let start = checksum_start(arg(a, 0))?;
        Ok(Term::Int(crc32(start, &iodata(arg(a, 1), "not an iodata term")?) as i64))
    },
    ":erlang"."adler32"/1 => |_, a| Ok(Term::Int(adler32(1, &iodata(arg(a, 0), "not an iodata term")?) as i64)),
    ":erlang"."adler32"/2 => |_, a| {
        let start = checksum_start(arg(a, 0))?;
        Ok(Term::Int(adler32(start, &iodata(arg(a, 1), "not an iodata term")?) as i64))
    },
    ":binary"."bin_to_list"/1 => |_, a| byte_list(&Term::Bin(must_bin(arg(a, 0))?)),
    ":binary"."bin_to_list"/2 => |_, a| match arg(a, 1) {
        Term::Tuple(t) if t.len() == 2 => byte_list(&part(&must_bin(arg(a, 0))?, &t[0], &t[1], 2)?),
        _ => Err(exception::badarg().into()),
    },
    ":binary"."bin_to_list"/3 => |_, a| byte_list(&part(&must_bin(arg(a, 0))?, arg(a, 1), arg(a, 2), 2)?),
    ":binary"."copy"/1 => |_, a| Ok(Term::bytes(bin(arg(a, 0))?.to_vec())),
    ":binary"."copy"/2 => |_, a| {
        let b = bin(arg(a, 0))?;
        let n = index(arg(a, 1))?;
        if b.len().saturating_mul(n) > MAX_COPY_BYTES {
            return Err(exception::system_limit("a binary of more than 4 GiB").into());
        }
        Ok(Term::bytes(b.repeat(n)))
    },
    ":binary"."first"/1 => |_, a| bin(arg(a, 0))?.first().map(|x| Term::Int(*x as i64)).ok_or_else(|| exception::badarg().into()),
    ":binary"."last"/1 => |_, a| bin(arg(a, 0))?.last().map(|x| Term::Int(*x as i64)).ok_or_else(|| exception::badarg().into()),
    ":binary"."at"/2 => |_, a| {
        let b = bin(arg(a, 0))?;
        b.get(index(arg(a, 1))?).map(|x| Term::Int(*x as i64)).ok_or_else(|| exception::badarg().into())
    },
    ":binary"."part"/2 => |_, a| match arg(a, 1) {
        Term::Tuple(t) if t.len() == 2 => part(shared(arg(a, 0))?, &t[0], &t[1], 2),
        _ => Err(exception::badarg().into()),
    },
    ":binary"."part"/3 => |_, a| part(shared(arg(a, 0))?, arg(a, 1), arg(a, 2), 3),
    ":binary"."split"/2 => |_, a| split(a, false),
    ":binary"."split"/3 => |_, a| split(a, true),
    ":binary"."match"/2 => |_, a| {
        let b = bin(arg(a, 0))?;
        Ok(match find(b, &patterns(arg(a, 1))?, 0) {
            Some((i, n)) => Term::tuple(vec![Term::Int(i as i64), Term::Int(n as i64)]),
            None => Term::Atom(Atom::intern("nomatch")),
        })
    },
    ":binary"."matches"/2 => |_, a| {
        let b = bin(arg(a, 0))?;
        let pats = patterns(arg(a, 1))?;
        let mut out = Vec::new();
        let mut at = 0;
        while let Some((i, n)) = find(b, &pats, at) {
            out.push(Term::tuple(vec![Term::Int(i as i64), Term::Int(n as i64)]));
            at = i + n;
        }
        Ok(Term::list(out))
    },
    ":binary"."replace"/3 => |_, a| replace(a, false),
    ":binary"."replace"/4 => |_, a| replace(a, global(arg(a, 3))),
    ":binary"."decode_unsigned"/1 => |_, a| Ok(decode_unsigned(bin(arg(a, 0))?, false)),
    ":binary"."decode_unsigned"/2 => |_, a| Ok(decode_unsigned(bin(arg(a, 0))?, little(arg(a, 1))?)),
    ":binary"."encode_unsigned"/1 => |_, a| encode_unsigned(arg(a, 0), false),
    ":binary"."encode_unsigned"/2 => |_, a| encode_unsigned(arg(a, 0), little(arg(a, 1))?),
    ":binary"."list_to_bin"/1 => |_, a| match arg(a, 0) {
        l @ (Term::Nil | Term::Cons(_)) => Ok(Term::bytes(iodata(l, "not an iodata term")?)),
        _ => Err(erl_badarg(1, "not an iodata term").into()),
    },
    ":binary"."referenced_byte_size"/1 => |_, a| Ok(Term::Int(bin(arg(a, 0))?.len() as i64)),
    ":binary"."longest_common_prefix"/1 => |_, a| {
        let bins = arg(a, 0).list_iter().map(|t| bin(t)).collect::<Result<Vec<_>, _>>()?;
        let Some((first, rest)) = bins.split_first() else { return Err(exception::badarg().into()) };
        let n = rest.iter().fold(first.len(), |n, b| first.iter().zip(b.iter()).take(n).take_while(|(x, y)| x == y).count());
        Ok(Term::Int(n as i64))
    },
    "IO"."iodata_length"/1 => |_, a| Ok(Term::Int(iodata(arg(a, 0), "not an iodata term")?.len() as i64)),
    ":erlang"."iolist_size"/1 => |_, a| Ok(Term::Int(iodata(arg(a, 0), "not an iodata term")?.len() as i64)),
    "IO"."binwrite"/1 => |_, a| Err(crate::vm::Flow::ApplyMfa(Atom::intern("Elixir.IO"), Atom::intern("write"), vec![arg(a, 0).clone()])),
    "IO"."binwrite"/2 => |_, a| Err(crate::vm::Flow::ApplyMfa(Atom::intern("Elixir.IO"), Atom::intern("write"), vec![arg(a, 0).clone(), arg(a, 1).clone()])),
}
