//! `Base`: hex (base 16), base 32 (standard and extended hex alphabets) and base 64
//! (standard and URL-safe) encoding and decoding, with Elixir's `:case`, `:padding` and
//! `:ignore` options and its error messages.
//!
//! Decoding follows Elixir 1.14's shape, because which error a bad string gets depends on
//! it: base 32 and base 64 strings are read in groups of eight characters; every whole group
//! but the last is decoded first (a bad character there is reported as such), then the last
//! group must have one of the allowed lengths and paddings ("incorrect padding" otherwise)
//! before its characters are decoded. `decode*` returns `:error` where `decode*!` raises an
//! ArgumentError; an option Elixir would not match (`case: :bogus`) raises from both, as it
//! does in Elixir.

use super::{arg, natives, ok};
use crate::term::inspect::inspect_as_string;
use crate::term::{Atom, Term};
use crate::vm::exception::{self, Exception};
use crate::vm::NResult;

const HEX: &[u8] = b"0123456789ABCDEF";
const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B32_HEX: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A table entry for a byte outside the alphabet.
const INVALID: u8 = 0xFF;

/// One of Base's encodings.
#[derive(Clone, Copy)]
enum Scheme {
    B16,
    B32,
    Hex32,
    B64,
    Url64,
}

impl Scheme {
    fn alphabet(self) -> &'static [u8] {
        match self {
            Scheme::B16 => HEX,
            Scheme::B32 => B32,
            Scheme::Hex32 => B32_HEX,
            Scheme::B64 => B64,
            Scheme::Url64 => B64_URL,
        }
    }

    /// Bits per character.
    fn bits(self) -> u32 {
        match self {
            Scheme::B16 => 4,
            Scheme::B32 | Scheme::Hex32 => 5,
            Scheme::B64 | Scheme::Url64 => 6,
        }
    }

    /// Characters per padded group: a padded encoding's length is a multiple of this.
    fn group(self) -> usize {
        match self {
            Scheme::B16 => 2,
            Scheme::B32 | Scheme::Hex32 => 8,
            Scheme::B64 | Scheme::Url64 => 4,
        }
    }

    /// Whether the alphabet is all upper case letters, so that `:case` applies.
    fn cased(self) -> bool {
        matches!(self, Scheme::B16 | Scheme::B32 | Scheme::Hex32)
    }

    /// The lengths a final group of eight characters may have, with how many of them are
    /// `=`, in the order Elixir's clauses try them; and the data lengths accepted without
    /// padding (`padding: false`).
    fn last_groups(self) -> (&'static [(usize, usize)], &'static [usize]) {
        match self {
            Scheme::B32 | Scheme::Hex32 => (&[(8, 6), (8, 4), (8, 3), (8, 1), (8, 0)], &[2, 4, 5, 7]),
            _ => (&[(4, 2), (4, 1), (4, 0), (8, 2), (8, 1), (8, 0)], &[2, 3, 6, 7]),
        }
    }
}

/// The `:case` option: which letters an encoder writes and a decoder accepts.
#[derive(Clone, Copy, PartialEq)]
enum Case {
    Upper,
    Lower,
    Mixed,
}

/// Why a decoding failed: invalid input (`:error` from `decode*`, ArgumentError from
/// `decode*!`), or an error both forms raise.
enum Fail {
    Invalid(String),
    Raise(Exception),
}

impl From<Exception> for Fail {
    fn from(e: Exception) -> Fail {
        Fail::Raise(e)
    }
}

/// `Keyword.get(opts, key, default)`: the first `{key, value}` pair of the options list.
fn option(opts: &Term, key: &str, default: Term) -> Result<Term, Exception> {
    if !matches!(opts, Term::Nil | Term::Cons(_)) {
        let key = Term::Atom(Atom::intern(key));
        return Err(exception::function_clause(Atom::alias("Keyword"), Atom::intern("get"), 3, vec![opts.clone(), key, default]));
    }
    let key = Atom::intern(key);
    for item in opts.list_iter() {
        if let Term::Tuple(t) = item
            && t.len() == 2
            && t.first().is_some_and(|k| k.is_atom(key))
        {
            return Ok(t.get(1).cloned().unwrap_or(Term::NIL_ATOM));
        }
    }
    Ok(default)
}

/// The `:case` option; `mixed` only where a decoder reads it.
fn case_option(opts: &Term, decoding: bool) -> Result<Case, Exception> {
    let value = option(opts, "case", Term::Atom(Atom::intern("upper")))?;
    match value.as_atom().map(|a| a.name()) {
        Some("upper") => Ok(Case::Upper),
        Some("lower") => Ok(Case::Lower),
        Some("mixed") if decoding => Ok(Case::Mixed),
        _ => Err(exception::term_error(Atom::ELIXIR_CASE_CLAUSE_ERROR, value)),
    }
}

fn base_clause(name: &str, data: &Term, opts: &Term) -> Exception {
    exception::function_clause(Atom::alias("Base"), Atom::intern(name), 2, vec![data.clone(), opts.clone()])
}

/// The options argument: `[]` for the one-argument forms.
fn opts_arg(a: &[Term]) -> Term {
    a.get(1).cloned().unwrap_or(Term::Nil)
}

/// Packs `data` into characters of `bits` bits each; a last partial character is filled
/// with zero bits.
fn encode_bits(data: &[u8], alphabet: &[u8], bits: u32) -> Vec<u8> {
    let mask = (1u32 << bits) - 1;
    let mut out = Vec::with_capacity(data.len() * 8 / bits as usize + 1);
    let mut acc: u32 = 0;
    let mut held = 0;
    let emit = |v: u32, out: &mut Vec<u8>| out.push(alphabet.get((v & mask) as usize).copied().unwrap_or(b'='));
    for &b in data {
        acc = (acc << 8) | u32::from(b);
        held += 8;
        while held >= bits {
            held -= bits;
            emit(acc >> held, &mut out);
        }
        // Only the `held` low bits are still to be written; dropping the rest keeps `acc`
        // from overflowing.
        acc &= (1 << held) - 1;
    }
    if held > 0 {
        emit(acc << (bits - held), &mut out);
    }
    out
}

fn encode(a: &[Term], scheme: Scheme, name: &str) -> NResult {
    let opts = opts_arg(a);
    let Term::Bin(data) = arg(a, 0) else { return Err(base_clause(name, arg(a, 0), &opts).into()) };
    let case = if scheme.cased() { case_option(&opts, false)? } else { Case::Upper };
    let mut out = encode_bits(data, scheme.alphabet(), scheme.bits());
    if case == Case::Lower {
        out.make_ascii_lowercase();
    }
    if !matches!(scheme, Scheme::B16) {
        let pad = option(&opts, "padding", Term::TRUE)?;
        let missing = (scheme.group() - out.len() % scheme.group()) % scheme.group();
        if missing > 0 && !pad.is_atom(Atom::FALSE) {
            if !pad.is_atom(Atom::TRUE) {
                // Elixir's padding helper has clauses for `true` and `false` only.
                let acc = Term::bytes(out);
                return Err(exception::function_clause(Atom::alias("Base"), Atom::intern("maybe_pad"), 3, vec![acc, pad, Term::Int(missing as i64)]).into());
            }
            out.resize(out.len() + missing, b'=');
        }
    }
    Ok(Term::bytes(out))
}

/// Character value by byte, `INVALID` for bytes outside the alphabet. Upper case accepts
/// the alphabet as written, lower case its lower-case letters instead, mixed both.
fn table(alphabet: &[u8], case: Case) -> [u8; 256] {
    let mut t = [INVALID; 256];
    for (v, &c) in alphabet.iter().enumerate() {
        if case != Case::Lower || !c.is_ascii_alphabetic() {
            if let Some(slot) = t.get_mut(c as usize) {
                *slot = v as u8;
            }
        }
        if case != Case::Upper && c.is_ascii_alphabetic() {
            if let Some(slot) = t.get_mut(c.to_ascii_lowercase() as usize) {
                *slot = v as u8;
            }
        }
    }
    t
}

fn non_alphabet(c: u8) -> Fail {
    Fail::Invalid(format!("non-alphabet character found: {} (byte {c})", inspect_as_string(&[c])))
}

/// Accumulates decoded characters into bytes; bits left over at the end (the tail of a
/// last partial character) are dropped, as Elixir drops them.
struct Bits {
    out: Vec<u8>,
    acc: u32,
    held: u32,
}

impl Bits {
    fn push(&mut self, chars: &[u8], table: &[u8; 256], bits: u32) -> Result<(), Fail> {
        for &c in chars {
            let v = table.get(c as usize).copied().unwrap_or(INVALID);
            if v == INVALID {
                return Err(non_alphabet(c));
            }
            self.acc = (self.acc << bits) | u32::from(v);
            self.held += bits;
            if self.held >= 8 {
                self.held -= 8;
                self.out.push((self.acc >> self.held) as u8);
                self.acc &= (1 << self.held) - 1;
            }
        }
        Ok(())
    }
}

fn decode16(s: &Term, opts: &Term) -> Result<Vec<u8>, Fail> {
    let Term::Bin(s) = s else { return Err(base_clause("decode16!", s, opts).into()) };
    if s.len() % 2 != 0 {
        return Err(Fail::Invalid(format!(
            "string given to decode has wrong length. An even number of bytes was expected, got: {}. \
             Double check your string for unwanted characters or pad it accordingly",
            s.len()
        )));
    }
    let case = case_option(opts, true)?;
    let mut bits = Bits { out: Vec::with_capacity(s.len() / 2), acc: 0, held: 0 };
    bits.push(s, &table(HEX, case), 4)?;
    Ok(bits.out)
}

/// Base 32 and base 64 decoding (see the module comment for the order of checks).
fn decode_groups(s: &[u8], scheme: Scheme, case: Case, pad: &Term) -> Result<Vec<u8>, Fail> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    let table = table(scheme.alphabet(), case);
    let bits = scheme.bits();
    let whole = s.len().div_ceil(8) - 1;
    let Some((main, last)) = s.split_at_checked(whole * 8) else { return Err(Fail::Invalid("incorrect padding".to_string())) };
    let mut acc = Bits { out: Vec::with_capacity(s.len() * bits as usize / 8), acc: 0, held: 0 };
    acc.push(main, &table, bits)?;
    let (padded, unpadded) = scheme.last_groups();
    let data = padded
        .iter()
        .find(|&&(len, pads)| last.len() == len && last.iter().rev().take(pads).all(|&c| c == b'='))
        .map(|&(len, pads)| len - pads)
        .or_else(|| (pad.is_atom(Atom::FALSE) && unpadded.contains(&last.len())).then_some(last.len()))
        .ok_or_else(|| Fail::Invalid("incorrect padding".to_string()))?;
    acc.push(last.get(..data).unwrap_or(last), &table, bits)?;
    Ok(acc.out)
}

fn decode32(s: &Term, opts: &Term, scheme: Scheme, name: &str) -> Result<Vec<u8>, Fail> {
    let Term::Bin(b) = s else { return Err(base_clause(name, s, opts).into()) };
    let case = case_option(opts, true)?;
    let pad = option(opts, "padding", Term::TRUE)?;
    decode_groups(b, scheme, case, &pad)
}

fn decode64(s: &Term, opts: &Term, scheme: Scheme, name: &str) -> Result<Vec<u8>, Fail> {
    let Term::Bin(b) = s else { return Err(base_clause(name, s, opts).into()) };
    let pad = option(opts, "padding", Term::TRUE)?;
    let ignore = option(opts, "ignore", Term::NIL_ATOM)?;
    let stripped;
    let b: &[u8] = if ignore.is_atom(Atom::NIL) {
        b
    } else if ignore.is_atom(Atom::intern("whitespace")) {
        stripped = b.iter().copied().filter(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n')).collect::<Vec<u8>>();
        &stripped
    } else {
        return Err(exception::function_clause(Atom::alias("Base"), Atom::intern("remove_ignored"), 2, vec![s.clone(), ignore]).into());
    };
    decode_groups(b, scheme, Case::Upper, &pad)
}

/// `{:ok, bytes}` or `:error` (`decode*`), or the bytes or an ArgumentError (`decode*!`).
fn finish(r: Result<Vec<u8>, Fail>, bang: bool) -> NResult {
    match r {
        Ok(bytes) if bang => Ok(Term::bytes(bytes)),
        Ok(bytes) => Ok(ok(Term::bytes(bytes))),
        Err(Fail::Invalid(msg)) if bang => Err(exception::argument_error(&msg).into()),
        Err(Fail::Invalid(_)) => Ok(Term::Atom(Atom::ERROR)),
        Err(Fail::Raise(e)) => Err(e.into()),
    }
}

natives! {
    "Base"."encode16"/1 => |_, a| encode(a, Scheme::B16, "encode16"),
    "Base"."encode16"/2 => |_, a| encode(a, Scheme::B16, "encode16"),
    "Base"."encode32"/1 => |_, a| encode(a, Scheme::B32, "encode32"),
    "Base"."encode32"/2 => |_, a| encode(a, Scheme::B32, "encode32"),
    "Base"."hex_encode32"/1 => |_, a| encode(a, Scheme::Hex32, "hex_encode32"),
    "Base"."hex_encode32"/2 => |_, a| encode(a, Scheme::Hex32, "hex_encode32"),
    "Base"."encode64"/1 => |_, a| encode(a, Scheme::B64, "encode64"),
    "Base"."encode64"/2 => |_, a| encode(a, Scheme::B64, "encode64"),
    "Base"."url_encode64"/1 => |_, a| encode(a, Scheme::Url64, "url_encode64"),
    "Base"."url_encode64"/2 => |_, a| encode(a, Scheme::Url64, "url_encode64"),
    // `decode16/2` is `decode16!/2` under a rescue in Elixir, so its argument errors name
    // the bang form; the other decoders check their argument themselves.
    "Base"."decode16"/1 => |_, a| finish(decode16(arg(a, 0), &opts_arg(a)), false),
    "Base"."decode16"/2 => |_, a| finish(decode16(arg(a, 0), &opts_arg(a)), false),
    "Base"."decode16!"/1 => |_, a| finish(decode16(arg(a, 0), &opts_arg(a)), true),
    "Base"."decode16!"/2 => |_, a| finish(decode16(arg(a, 0), &opts_arg(a)), true),
    "Base"."decode32"/1 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::B32, "decode32!"), false),
    "Base"."decode32"/2 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::B32, "decode32!"), false),
    "Base"."decode32!"/1 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::B32, "decode32!"), true),
    "Base"."decode32!"/2 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::B32, "decode32!"), true),
    "Base"."hex_decode32"/1 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::Hex32, "hex_decode32!"), false),
    "Base"."hex_decode32"/2 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::Hex32, "hex_decode32!"), false),
    "Base"."hex_decode32!"/1 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::Hex32, "hex_decode32!"), true),
    "Base"."hex_decode32!"/2 => |_, a| finish(decode32(arg(a, 0), &opts_arg(a), Scheme::Hex32, "hex_decode32!"), true),
    "Base"."decode64"/1 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::B64, "decode64"), false),
    "Base"."decode64"/2 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::B64, "decode64"), false),
    "Base"."decode64!"/1 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::B64, "decode64!"), true),
    "Base"."decode64!"/2 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::B64, "decode64!"), true),
    "Base"."url_decode64"/1 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::Url64, "url_decode64"), false),
    "Base"."url_decode64"/2 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::Url64, "url_decode64"), false),
    "Base"."url_decode64!"/1 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::Url64, "url_decode64!"), true),
    "Base"."url_decode64!"/2 => |_, a| finish(decode64(arg(a, 0), &opts_arg(a), Scheme::Url64, "url_decode64!"), true),
}
