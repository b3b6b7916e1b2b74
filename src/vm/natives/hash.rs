//! `:erlang.phash/2`, the BEAM's old portable hash (`make_hash` in the runtime), computed
//! exactly as OTP computes it for numbers, atoms, binaries, lists and tuples.
//!
//! Programs rarely call it themselves, but OTP's `:sets` and `:dict` (version 1, the default
//! in OTP 25) place every element in a bucket by it, and those buckets are what such a set
//! prints as and the order `to_list` returns, so the values must be the BEAM's. Maps, funs,
//! pids and references have no portable value in vial (the BEAM's depend on its internal
//! numbering); they get a deterministic hash of their own.

use super::map::erl_badarg;
use super::{arg, natives};
use crate::term::{Atom, Term};
use crate::vm::exception;
use crate::vm::NResult;

const F1: u32 = 268440163;
const F2: u32 = 268439161;
const F3: u32 = 268435459;
const F4: u32 = 268436141;
const F5: u32 = 268438633;
const F6: u32 = 268437017;
const F8: u32 = 268437511;
const F9: u32 = 268439627;
const F10: u32 = 268440479;
const F13: u32 = 268440593;
const F14: u32 = 268440611;

/// The hash of an atom's name, hashpjw as the BEAM's atom table computes it, including its
/// quirk of folding a two-byte UTF-8 Latin-1 character into one (truncated) byte.
fn atom_hash(a: Atom) -> u32 {
    let name = a.name().as_bytes();
    let (mut h, mut i) = (0u64, 0usize);
    while i < name.len() {
        let mut v = name[i];
        i += 1;
        if let Some(&next) = name.get(i) {
            if v & 0xFE == 0xC2 && next & 0xC0 == 0x80 {
                v = (v << 6) | (next & 0x3F);
                i += 1;
            }
        }
        h = (h << 4) + u64::from(v);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h as u32
}

/// An integer's magnitude, least significant byte first, in whole 32-bit words (zero gives
/// one word), followed by a sign factor: the BEAM hashes small and big integers alike.
fn hash_magnitude(mut h: u32, bytes_le: &[u8], negative: bool) -> u32 {
    let words = bytes_le.len().div_ceil(4).max(1);
    for i in 0..words * 4 {
        h = h.wrapping_mul(F2).wrapping_add(u32::from(bytes_le.get(i).copied().unwrap_or(0)));
    }
    h.wrapping_mul(if negative { F4 } else { F3 })
}

/// Folds `t` into the running hash `h`, as `make_hash` walks a term.
fn make_hash(t: &Term, h: u32) -> u32 {
    match t {
        Term::Nil => h.wrapping_mul(F3).wrapping_add(1),
        Term::Atom(a) => h.wrapping_mul(F1).wrapping_add(atom_hash(*a)),
        Term::Int(n) => {
            let bytes = n.unsigned_abs().to_le_bytes();
            let used = bytes.iter().rposition(|b| *b != 0).map_or(0, |p| p + 1);
            hash_magnitude(h, &bytes[..used], *n < 0)
        }
        Term::Big(b) => {
            let (sign, bytes) = b.to_bytes_le();
            hash_magnitude(h, &bytes, sign == num_bigint::Sign::Minus)
        }
        Term::Float(f) => {
            // Negative zero hashes as positive zero, as on the BEAM.
            let bits = if *f == 0.0 { 0u64 } else { f.to_bits() };
            h.wrapping_mul(F6).wrapping_add((bits as u32) ^ ((bits >> 32) as u32))
        }
        Term::Bin(b) => {
            let h = b.iter().fold(h, |h, byte| h.wrapping_mul(F1).wrapping_add(u32::from(*byte)));
            h.wrapping_mul(F4).wrapping_add(b.len() as u32)
        }
        Term::Cons(_) => {
            // Bytes (0..255) in a list take a shorter step than other integers; the tail
            // that ends the list is hashed too, and then the whole list is closed off.
            let mut h = h;
            let mut it = t.list_iter();
            for x in it.by_ref() {
                h = match x {
                    Term::Int(n) if (0..=255).contains(n) => h.wrapping_mul(F2).wrapping_add(*n as u32),
                    other => make_hash(other, h),
                };
            }
            make_hash(it.tail(), h).wrapping_mul(F8)
        }
        Term::Tuple(items) => {
            let h = items.iter().fold(h, |h, x| make_hash(x, h));
            h.wrapping_mul(F9).wrapping_add(items.len() as u32)
        }
        // The BEAM hashes a map with its other hash function; vial hashes its entries in
        // key order instead, which is deterministic but not the BEAM's value.
        Term::Map(m) => {
            let inner = m.iter().fold(0u32, |h, (k, v)| make_hash(v, make_hash(k, h)));
            h.wrapping_mul(F13).wrapping_add(F14).wrapping_add(inner)
        }
        Term::Pid(p) => uint32_step(h, p.0 as u32, F5).wrapping_mul(F6),
        Term::Ref(r) => uint32_step(h, *r as u32, F9).wrapping_mul(F10),
        Term::Fun(_) => h.wrapping_mul(F10),
    }
}

/// Hashes the four bytes of `x`, least significant first.
fn uint32_step(h: u32, x: u32, prime: u32) -> u32 {
    x.to_le_bytes().iter().fold(h, |h, b| h.wrapping_mul(prime).wrapping_add(u32::from(*b)))
}

/// `phash(term, range)`: a hash in `1..=range`, `range` at most 2^32.
fn phash(t: &Term, range: &Term) -> NResult {
    // OTP's messages for a bad range name the first argument, and a range past 2^32 gets
    // the plain one.
    let range = match range {
        Term::Int(r) if (1..=1i64 << 32).contains(r) => *r as u64,
        Term::Int(r) if *r < 1 => return Err(erl_badarg(1, "out of range").into()),
        Term::Int(_) | Term::Big(_) => return Err(exception::badarg().into()),
        _ => return Err(erl_badarg(1, "not an integer").into()),
    };
    let h = u64::from(make_hash(t, 0));
    // With the full 32-bit range the BEAM adds one in 32 bits and keeps the hash itself
    // when that wraps to zero.
    let r = if range == 1 << 32 && h == u64::from(u32::MAX) { h } else { h % range + 1 };
    Ok(Term::Int(r as i64))
}

natives! {
    ":erlang"."phash"/2 => |_, a| phash(arg(a, 0), arg(a, 1)),
}
