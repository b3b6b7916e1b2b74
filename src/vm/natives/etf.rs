//! The BEAM's external term format (version 131): `:erlang.term_to_binary/1,2`,
//! `:erlang.binary_to_term/1,2` and `:erlang.external_size/1,2`.
//!
//! Encoding writes the bytes OTP 25 writes: the smallest integer form, `NEW_FLOAT_EXT`
//! (`FLOAT_EXT` text under `minor_version: 0`), `ATOM_EXT` for atoms whose characters are
//! all Latin-1 and `SMALL_ATOM_UTF8_EXT`/`ATOM_UTF8_EXT` for the rest (always UTF-8 under
//! `minor_version: 2`), `STRING_EXT` for proper lists of bytes up to 65,535 long, and maps
//! in the BEAM's key order. Maps of more than 32 keys are written in that same sorted
//! order, where the BEAM writes its hash order: they decode to the same map, but the
//! bytes differ. Pids are `NEW_PID_EXT` and references `NEWER_REFERENCE_EXT` on the node
//! `nonode@nohost`; `&Mod.fun/n` is `EXPORT_EXT`. An anonymous function is `NEW_FUN_EXT`
//! naming its code by an index into a table of this run's encoded lambdas, guarded by a
//! per-run nonce: it decodes in the run that encoded it and nowhere else (another run, or
//! a real BEAM's fun, is an invalid external representation). `:compressed` compresses
//! with zlib (miniz_oxide) and keeps the result only when it is not longer, as the BEAM
//! does; miniz's deflate may choose other bytes than zlib's, but the output round-trips
//! here and on the BEAM.
//!
//! Decoding reads everything OTP 25 writes, checks every length against the input before
//! using it, and turns any malformed input into the BEAM's ArgumentError ("invalid
//! external representation of a term"). A bitstring whose last byte is partial
//! (`BIT_BINARY_EXT` with fewer than 8 bits) has no vial value and is refused the same way.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use num_bigint::{BigInt, Sign};

use super::{arg, natives};
use crate::bytecode::Lambda;
use crate::term::{Atom, Closure, MapT, Pid, Term};
use crate::vm::exception::Exception;
use crate::vm::NResult;

natives! {
    ":erlang"."term_to_binary"/1 => |_, a| Ok(Term::bytes(encode(arg(a, 0), &EncodeOpts::default()))),
    ":erlang"."term_to_binary"/2 => |_, a| {
        let opts = encode_opts(arg(a, 1), true)?;
        Ok(Term::bytes(encode(arg(a, 0), &opts)))
    },
    ":erlang"."external_size"/1 => |_, a| Ok(Term::Int(external_size(arg(a, 0), &EncodeOpts::default()))),
    ":erlang"."external_size"/2 => |_, a| {
        let opts = encode_opts(arg(a, 1), false)?;
        Ok(Term::Int(external_size(arg(a, 0), &opts)))
    },
    ":erlang"."binary_to_term"/1 => |_, a| binary_to_term(arg(a, 0), &Term::Nil),
    ":erlang"."binary_to_term"/2 => |_, a| binary_to_term(arg(a, 0), arg(a, 1)),
}

const VERSION: u8 = 131;
const COMPRESSED: u8 = 80;
const NEW_FLOAT_EXT: u8 = 70;
const BIT_BINARY_EXT: u8 = 77;
const NEW_PID_EXT: u8 = 88;
const NEWER_REFERENCE_EXT: u8 = 90;
const SMALL_INTEGER_EXT: u8 = 97;
const INTEGER_EXT: u8 = 98;
const FLOAT_EXT: u8 = 99;
const ATOM_EXT: u8 = 100;
const REFERENCE_EXT: u8 = 101;
const PID_EXT: u8 = 103;
const SMALL_TUPLE_EXT: u8 = 104;
const LARGE_TUPLE_EXT: u8 = 105;
const NIL_EXT: u8 = 106;
const STRING_EXT: u8 = 107;
const LIST_EXT: u8 = 108;
const BINARY_EXT: u8 = 109;
const SMALL_BIG_EXT: u8 = 110;
const LARGE_BIG_EXT: u8 = 111;
const NEW_FUN_EXT: u8 = 112;
const EXPORT_EXT: u8 = 113;
const NEW_REFERENCE_EXT: u8 = 114;
const SMALL_ATOM_EXT: u8 = 115;
const MAP_EXT: u8 = 116;
const ATOM_UTF8_EXT: u8 = 118;
const SMALL_ATOM_UTF8_EXT: u8 = 119;

/// The BEAM's limit on an atom's length, in characters.
const MAX_ATOM_CHARS: usize = 255;

// ---- options ----

struct EncodeOpts {
    minor_version: u8,
    /// The zlib level, when `:compressed` was given.
    compressed: Option<u8>,
}

impl Default for EncodeOpts {
    fn default() -> Self {
        EncodeOpts { minor_version: 1, compressed: None }
    }
}

/// The options of `term_to_binary/2` (`full`) or `external_size/2`, with the BEAM's errors for
/// anything else. OTP 25's `external_size/2` takes only `minor_version` 0 or 1.
fn encode_opts(opts: &Term, full: bool) -> Result<EncodeOpts, Exception> {
    let mut out = EncodeOpts::default();
    let items = proper_list(opts)?;
    let max_minor = if full { 2 } else { 1 };
    for opt in items {
        match &opt {
            Term::Atom(a) if full && a.name() == "compressed" => out.compressed = Some(6),
            Term::Atom(a) if full && a.name() == "deterministic" => {}
            Term::Tuple(t) if t.len() == 2 => match (t.first(), t.get(1)) {
                (Some(Term::Atom(k)), Some(Term::Int(level))) if full && k.name() == "compressed" && (0..=9).contains(level) => {
                    out.compressed = Some(*level as u8)
                }
                (Some(Term::Atom(k)), Some(Term::Int(v))) if k.name() == "minor_version" && (0..=max_minor).contains(v) => {
                    out.minor_version = *v as u8
                }
                _ => return Err(invalid_option()),
            },
            _ => return Err(invalid_option()),
        }
    }
    Ok(out)
}

/// The elements of an options list, or the BEAM's error for the second argument.
fn proper_list(opts: &Term) -> Result<Vec<Term>, Exception> {
    match opts {
        Term::Nil | Term::Cons(_) => opts.list_to_vec().ok_or_else(|| super::map::erl_badarg(2, "not a proper list")),
        _ => Err(super::map::erl_badarg(2, "not a list")),
    }
}

fn invalid_option() -> Exception {
    super::map::erl_badarg(2, "invalid option in list")
}

// ---- encoding ----

fn encode(t: &Term, opts: &EncodeOpts) -> Vec<u8> {
    let mut enc = Encoder { out: vec![VERSION], utf8_atoms: opts.minor_version >= 2, float_text: opts.minor_version == 0 };
    enc.term(t);
    let plain = enc.out;
    match opts.compressed {
        Some(level) if level > 0 => {
            let body = plain.get(1..).unwrap_or_default();
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(body, level);
            // The BEAM keeps the compressed form only when it is no longer than the plain one.
            if packed.len() + 6 <= plain.len() {
                let mut out = Vec::with_capacity(packed.len() + 6);
                out.push(VERSION);
                out.push(COMPRESSED);
                out.extend_from_slice(&(body.len() as u32).to_be_bytes());
                out.extend_from_slice(&packed);
                out
            } else {
                plain
            }
        }
        _ => plain,
    }
}

fn external_size(t: &Term, opts: &EncodeOpts) -> i64 {
    encode(t, &EncodeOpts { minor_version: opts.minor_version, compressed: None }).len() as i64
}

struct Encoder {
    out: Vec<u8>,
    utf8_atoms: bool,
    float_text: bool,
}

impl Encoder {
    fn u16(&mut self, n: usize) {
        self.out.extend_from_slice(&(n as u16).to_be_bytes());
    }

    fn u32(&mut self, n: usize) {
        self.out.extend_from_slice(&(n as u32).to_be_bytes());
    }

    /// One term; nested terms grow the stack onto the heap when it runs low, so a deeply
    /// nested term cannot overflow it.
    fn term(&mut self, t: &Term) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.term_level(t))
    }

    fn term_level(&mut self, t: &Term) {
        match t {
            Term::Int(i) => self.int(*i),
            Term::Big(b) => {
                let (sign, digits) = b.to_bytes_le();
                self.big(sign == Sign::Minus, &digits);
            }
            Term::Float(f) => self.float(*f),
            Term::Atom(a) => self.atom(a.name()),
            Term::Bin(b) => {
                self.out.push(BINARY_EXT);
                self.u32(b.len());
                self.out.extend_from_slice(b);
            }
            Term::Nil => self.out.push(NIL_EXT),
            Term::Cons(_) => self.list(t),
            Term::Tuple(items) => {
                if items.len() <= 255 {
                    self.out.push(SMALL_TUPLE_EXT);
                    self.out.push(items.len() as u8);
                } else {
                    self.out.push(LARGE_TUPLE_EXT);
                    self.u32(items.len());
                }
                for x in items.iter() {
                    self.term(x);
                }
            }
            Term::Map(m) => {
                self.out.push(MAP_EXT);
                self.u32(m.len());
                for (k, v) in m.iter() {
                    self.term(k);
                    self.term(v);
                }
            }
            Term::Fun(c) => match &**c {
                Closure::Export { module, name, arity, .. } => {
                    self.out.push(EXPORT_EXT);
                    self.atom(module.name());
                    self.atom(name.name());
                    self.int(*arity as i64);
                }
                Closure::Lambda { code, env } => self.lambda(code, env),
            },
            Term::Pid(p) => self.pid(*p),
            Term::Ref(r) => {
                self.out.push(NEWER_REFERENCE_EXT);
                self.u16(3);
                self.atom("nonode@nohost");
                self.u32(0);
                self.u32((*r & 0xFFFF_FFFF) as usize);
                self.u32((*r >> 32) as usize);
                self.u32(0);
            }
        }
    }

    fn int(&mut self, i: i64) {
        if (0..=255).contains(&i) {
            self.out.push(SMALL_INTEGER_EXT);
            self.out.push(i as u8);
        } else if let Ok(small) = i32::try_from(i) {
            self.out.push(INTEGER_EXT);
            self.out.extend_from_slice(&small.to_be_bytes());
        } else {
            self.big(i < 0, &i.unsigned_abs().to_le_bytes());
        }
    }

    /// `SMALL_BIG_EXT` or `LARGE_BIG_EXT`: the magnitude's bytes, least significant first.
    fn big(&mut self, negative: bool, digits: &[u8]) {
        let len = digits.iter().rposition(|&d| d != 0).map_or(0, |i| i + 1);
        let digits = digits.get(..len).unwrap_or_default();
        if len <= 255 {
            self.out.push(SMALL_BIG_EXT);
            self.out.push(len as u8);
        } else {
            self.out.push(LARGE_BIG_EXT);
            self.u32(len);
        }
        self.out.push(u8::from(negative));
        self.out.extend_from_slice(digits);
    }

    fn float(&mut self, f: f64) {
        if self.float_text {
            // C's "%.20e" (an exponent of at least two digits, with its sign), in 31 bytes
            // padded with NULs, as `minor_version: 0` writes it.
            let text = format!("{f:.20e}");
            let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            let c_text = format!("{mantissa}e{sign}{digits:0>2}");
            let mut field = [0u8; 31];
            for (slot, byte) in field.iter_mut().zip(c_text.bytes()) {
                *slot = byte;
            }
            self.out.push(FLOAT_EXT);
            self.out.extend_from_slice(&field);
        } else {
            self.out.push(NEW_FLOAT_EXT);
            self.out.extend_from_slice(&f.to_bits().to_be_bytes());
        }
    }

    fn atom(&mut self, name: &str) {
        let latin1: Option<Vec<u8>> = name.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect();
        match latin1 {
            Some(bytes) if !self.utf8_atoms => {
                self.out.push(ATOM_EXT);
                self.u16(bytes.len());
                self.out.extend_from_slice(&bytes);
            }
            _ if name.len() <= 255 => {
                self.out.push(SMALL_ATOM_UTF8_EXT);
                self.out.push(name.len() as u8);
                self.out.extend_from_slice(name.as_bytes());
            }
            _ => {
                self.out.push(ATOM_UTF8_EXT);
                self.u16(name.len());
                self.out.extend_from_slice(name.as_bytes());
            }
        }
    }

    /// `STRING_EXT` for a proper list of at most 65,535 bytes, `LIST_EXT` for the rest. The
    /// cells are walked in a loop; only elements recurse.
    fn list(&mut self, t: &Term) {
        let mut len = 0usize;
        let mut bytes = true;
        let mut it = t.list_iter();
        for x in it.by_ref() {
            len += 1;
            bytes &= matches!(x, Term::Int(0..=255));
        }
        let tail = it.tail();
        if bytes && len <= 65535 && matches!(tail, Term::Nil) {
            self.out.push(STRING_EXT);
            self.u16(len);
            self.out.extend(t.list_iter().map(|x| if let Term::Int(i) = x { *i as u8 } else { 0 }));
            return;
        }
        self.out.push(LIST_EXT);
        self.u32(len);
        for x in t.list_iter() {
            self.term(x);
        }
        self.term(tail);
    }

    fn pid(&mut self, p: Pid) {
        self.out.push(NEW_PID_EXT);
        self.atom("nonode@nohost");
        self.u32((p.0 & 0xFFFF_FFFF) as usize);
        self.u32((p.0 >> 32) as usize);
        self.u32(0);
    }

    /// `NEW_FUN_EXT` for a closure: its code by index in this run's table of encoded lambdas
    /// (the nonce in `Uniq` tells this run's encodings from any other), then its captured
    /// values.
    fn lambda(&mut self, code: &'static Lambda, env: &[Term]) {
        let index = lambda_index(code);
        self.out.push(NEW_FUN_EXT);
        let size_at = self.out.len();
        self.u32(0);
        self.out.push(code.arity.min(255) as u8);
        self.out.extend_from_slice(&run_nonce().to_be_bytes());
        self.out.extend_from_slice(&u64::from(index).to_be_bytes());
        self.u32(index as usize);
        self.u32(env.len());
        match code.module {
            Some(m) => self.atom(m.name()),
            None => self.atom("elixir_compiler_1"),
        }
        self.int(i64::from(code.index));
        self.int(0);
        self.pid(Pid(0));
        for v in env {
            self.term(v);
        }
        let size = self.out.len() - size_at;
        if let Some(slot) = self.out.get_mut(size_at..size_at + 4) {
            slot.copy_from_slice(&(size as u32).to_be_bytes());
        }
    }
}

/// The lambdas encoded so far in this run, so that `binary_to_term` can find their code
/// again (compiled code is immortal, so the references stay valid).
struct LambdaTable {
    list: Vec<&'static Lambda>,
    index: HashMap<usize, u32>,
}

fn lambdas() -> &'static Mutex<LambdaTable> {
    static TABLE: OnceLock<Mutex<LambdaTable>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(LambdaTable { list: Vec::new(), index: HashMap::new() }))
}

fn lambda_index(code: &'static Lambda) -> u32 {
    let mut table = match lambdas().lock() {
        Ok(t) => t,
        Err(poisoned) => poisoned.into_inner(),
    };
    let key = code as *const Lambda as usize;
    if let Some(&i) = table.index.get(&key) {
        return i;
    }
    let i = table.list.len() as u32;
    table.list.push(code);
    table.index.insert(key, i);
    i
}

fn lambda_at(index: u32) -> Option<&'static Lambda> {
    let table = match lambdas().lock() {
        Ok(t) => t,
        Err(poisoned) => poisoned.into_inner(),
    };
    table.list.get(index as usize).copied()
}

/// A random number fixed for the run, written into every encoded lambda.
fn run_nonce() -> u64 {
    static NONCE: OnceLock<u64> = OnceLock::new();
    *NONCE.get_or_init(super::random_u64)
}

// ---- decoding ----

/// Why decoding failed: malformed input, or (under `:safe`) an atom that does not exist yet.
enum Bad {
    Invalid,
    Unsafe,
}

type Dec<T> = Result<T, Bad>;

fn binary_to_term(data: &Term, opts: &Term) -> NResult {
    let Some(bytes) = data.as_bytes() else {
        return Err(super::map::erl_badarg(1, "not a binary").into());
    };
    let mut safe = false;
    let mut used = false;
    for opt in proper_list(opts)? {
        match opt.as_atom().map(|a| a.name()) {
            Some("safe") => safe = true,
            Some("used") => used = true,
            _ => return Err(invalid_option().into()),
        }
    }
    match decode(bytes, safe) {
        Ok((t, n)) if used => Ok(Term::tuple(vec![t, Term::Int(n as i64)])),
        Ok((t, _)) => Ok(t),
        Err(Bad::Invalid) => Err(super::map::erl_badarg(1, "invalid external representation of a term").into()),
        Err(Bad::Unsafe) => Err(super::map::erl_badarg(1, "invalid or unsafe external representation of a term").into()),
    }
}

/// The term in `bytes` and how many bytes it took; anything after it is ignored, as the
/// BEAM ignores it.
fn decode(bytes: &[u8], safe: bool) -> Dec<(Term, usize)> {
    let mut r = Reader { b: bytes, pos: 0, safe };
    if r.u8()? != VERSION {
        return Err(Bad::Invalid);
    }
    if r.peek()? == COMPRESSED {
        r.u8()?;
        let size = r.u32()? as usize;
        let rest = bytes.get(r.pos..).ok_or(Bad::Invalid)?;
        let (body, consumed) = inflate(rest, size)?;
        let mut inner = Reader { b: &body, pos: 0, safe };
        let t = inner.term()?;
        if inner.pos != body.len() {
            return Err(Bad::Invalid);
        }
        return Ok((t, r.pos + consumed));
    }
    let t = r.term()?;
    Ok((t, r.pos))
}

/// Inflates a zlib stream that must come out exactly `size` bytes long; also says how many
/// input bytes the stream took. The output buffer is bounded by deflate's best ratio
/// (1032 to 1) over the input, so a forged size cannot ask for gigabytes.
fn inflate(input: &[u8], size: usize) -> Dec<(Vec<u8>, usize)> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let cap = input.len().saturating_mul(1032).saturating_add(64);
    if size > cap {
        return Err(Bad::Invalid);
    }
    let mut out = vec![0u8; size];
    let mut state = DecompressorOxide::new();
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, consumed, written) = decompress(&mut state, input, &mut out, 0, flags);
    match status {
        TINFLStatus::Done if written == size => Ok((out, consumed)),
        _ => Err(Bad::Invalid),
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
    safe: bool,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Dec<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(Bad::Invalid)?;
        let s = self.b.get(self.pos..end).ok_or(Bad::Invalid)?;
        self.pos = end;
        Ok(s)
    }

    fn peek(&self) -> Dec<u8> {
        self.b.get(self.pos).copied().ok_or(Bad::Invalid)
    }

    fn u8(&mut self) -> Dec<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Ok(b)
    }

    fn array<const N: usize>(&mut self) -> Dec<[u8; N]> {
        self.take(N)?.try_into().map_err(|_| Bad::Invalid)
    }

    fn u16(&mut self) -> Dec<u16> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    fn u32(&mut self) -> Dec<u32> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    /// How many items of at least one byte each the rest of the input can hold: the most
    /// a length read from the input may reserve room for.
    fn room(&self, n: usize) -> usize {
        n.min(self.b.len().saturating_sub(self.pos))
    }

    fn term(&mut self) -> Dec<Term> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.term_level())
    }

    fn term_level(&mut self) -> Dec<Term> {
        let tag = self.u8()?;
        match tag {
            SMALL_INTEGER_EXT => Ok(Term::Int(i64::from(self.u8()?))),
            INTEGER_EXT => Ok(Term::Int(i64::from(i32::from_be_bytes(self.array()?)))),
            SMALL_BIG_EXT => {
                let n = self.u8()? as usize;
                self.big(n)
            }
            LARGE_BIG_EXT => {
                let n = self.u32()? as usize;
                self.big(n)
            }
            NEW_FLOAT_EXT => {
                let f = f64::from_bits(u64::from_be_bytes(self.array()?));
                if f.is_finite() { Ok(Term::Float(f)) } else { Err(Bad::Invalid) }
            }
            FLOAT_EXT => {
                let s = self.take(31)?;
                let text = s.split(|&c| c == 0).next().unwrap_or_default();
                c_float(text).map(Term::Float).ok_or(Bad::Invalid)
            }
            ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
                self.pos -= 1;
                self.atom().map(Term::Atom)
            }
            SMALL_TUPLE_EXT => {
                let n = self.u8()? as usize;
                self.tuple(n)
            }
            LARGE_TUPLE_EXT => {
                let n = self.u32()? as usize;
                self.tuple(n)
            }
            NIL_EXT => Ok(Term::Nil),
            STRING_EXT => {
                let n = self.u16()? as usize;
                let s = self.take(n)?;
                Ok(Term::list(s.iter().map(|&b| Term::Int(i64::from(b))).collect()))
            }
            LIST_EXT => {
                let n = self.u32()? as usize;
                let mut items = Vec::with_capacity(self.room(n));
                for _ in 0..n {
                    items.push(self.term()?);
                }
                let tail = self.term()?;
                Ok(Term::list_with_tail(items, tail))
            }
            BINARY_EXT => {
                let n = self.u32()? as usize;
                Ok(Term::bytes(self.take(n)?.to_vec()))
            }
            BIT_BINARY_EXT => {
                let n = self.u32()? as usize;
                let bits = self.u8()?;
                let s = self.take(n)?;
                match (n, bits) {
                    (0, 0) => Ok(Term::bytes(Vec::new())),
                    (1.., 8) => Ok(Term::bytes(s.to_vec())),
                    // A partial last byte: a bitstring, which vial does not have.
                    _ => Err(Bad::Invalid),
                }
            }
            MAP_EXT => {
                let n = self.u32()? as usize;
                let mut m = MapT::new();
                for _ in 0..n {
                    let k = self.term()?;
                    let v = self.term()?;
                    if m.insert(k, v).is_some() {
                        return Err(Bad::Invalid);
                    }
                }
                Ok(Term::map(m))
            }
            EXPORT_EXT => {
                let module = self.atom()?;
                let name = self.atom()?;
                let arity = match self.term()? {
                    Term::Int(a @ 0..=255) => a as u32,
                    _ => return Err(Bad::Invalid),
                };
                Ok(super::export_fun(module, name, arity))
            }
            NEW_FUN_EXT => self.lambda(),
            PID_EXT | NEW_PID_EXT => {
                self.atom()?;
                let id = u64::from(self.u32()?);
                let serial = u64::from(self.u32()?);
                self.take(if tag == PID_EXT { 1 } else { 4 })?;
                Ok(Term::Pid(Pid(id | (serial << 32))))
            }
            REFERENCE_EXT => {
                self.atom()?;
                let id = self.u32()?;
                self.u8()?;
                Ok(Term::Ref(u64::from(id)))
            }
            NEW_REFERENCE_EXT | NEWER_REFERENCE_EXT => {
                let n = self.u16()? as usize;
                if !(1..=5).contains(&n) {
                    return Err(Bad::Invalid);
                }
                self.atom()?;
                self.take(if tag == NEW_REFERENCE_EXT { 1 } else { 4 })?;
                let mut words = [0u64; 2];
                for i in 0..n {
                    let w = u64::from(self.u32()?);
                    if let Some(slot) = words.get_mut(i) {
                        *slot = w;
                    }
                }
                Ok(Term::Ref(words[0] | (words[1] << 32)))
            }
            _ => Err(Bad::Invalid),
        }
    }

    fn big(&mut self, n: usize) -> Dec<Term> {
        let sign = self.u8()?;
        let digits = self.take(n)?;
        let b = BigInt::from_bytes_le(if sign == 0 { Sign::Plus } else { Sign::Minus }, digits);
        Ok(Term::from_bigint(b))
    }

    fn tuple(&mut self, n: usize) -> Dec<Term> {
        let mut items = Vec::with_capacity(self.room(n));
        for _ in 0..n {
            items.push(self.term()?);
        }
        Ok(Term::tuple(items))
    }

    /// An atom in any of its four encodings; under `:safe`, only one that already exists.
    fn atom(&mut self) -> Dec<Atom> {
        let tag = self.u8()?;
        let name: String = match tag {
            ATOM_EXT | SMALL_ATOM_EXT => {
                let n = if tag == ATOM_EXT { self.u16()? as usize } else { self.u8()? as usize };
                self.take(n)?.iter().map(|&b| char::from(b)).collect()
            }
            ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
                let n = if tag == ATOM_UTF8_EXT { self.u16()? as usize } else { self.u8()? as usize };
                std::str::from_utf8(self.take(n)?).map_err(|_| Bad::Invalid)?.to_owned()
            }
            _ => return Err(Bad::Invalid),
        };
        if name.chars().count() > MAX_ATOM_CHARS {
            return Err(Bad::Invalid);
        }
        if self.safe {
            Atom::existing(&name).ok_or(Bad::Unsafe)
        } else {
            Atom::try_intern(&name).ok_or(Bad::Invalid)
        }
    }

    /// A `NEW_FUN_EXT` this run wrote: its nonce must be this run's and its index one of the
    /// lambdas encoded, with the arity and number of captured values of that lambda.
    fn lambda(&mut self) -> Dec<Term> {
        let start = self.pos;
        let size = self.u32()? as usize;
        let arity = u32::from(self.u8()?);
        let uniq = self.take(16)?;
        let index = self.u32()?;
        let free = self.u32()? as usize;
        let nonce_ok = uniq.get(..8) == Some(&run_nonce().to_be_bytes()[..]);
        let code = lambda_at(index).filter(|c| nonce_ok && c.arity == arity && c.capture_slots.len() == free).ok_or(Bad::Invalid)?;
        self.atom()?;
        self.term()?;
        self.term()?;
        self.term()?;
        let mut env = Vec::with_capacity(self.room(free));
        for _ in 0..free {
            env.push(self.term()?);
        }
        if self.pos - start != size {
            return Err(Bad::Invalid);
        }
        Ok(Term::Fun(Arc::new(Closure::Lambda { code, env: env.into_boxed_slice() })))
    }
}

/// A `FLOAT_EXT` text as the BEAM reads it: `[+-]digits.digits([eE][+-]digits)?`, nothing
/// else (no spaces, no missing fraction), and finite.
fn c_float(text: &[u8]) -> Option<f64> {
    let mut i = 0;
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let digits = |mut i: usize| {
        let from = i;
        while at(i).is_ascii_digit() {
            i += 1;
        }
        (i > from).then_some(i)
    };
    if matches!(at(i), b'+' | b'-') {
        i += 1;
    }
    i = digits(i)?;
    if !matches!(at(i), b'.' | b',') {
        return None;
    }
    i = digits(i + 1)?;
    if matches!(at(i), b'e' | b'E') {
        i += 1;
        if matches!(at(i), b'+' | b'-') {
            i += 1;
        }
        i = digits(i)?;
    }
    if i != text.len() {
        return None;
    }
    let s: String = text.iter().map(|&c| if c == b',' { '.' } else { char::from(c) }).collect();
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}
