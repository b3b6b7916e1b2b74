//! `:erlang.phash2/1,2` with the values the BEAM computes, so that a program that buckets,
//! shards or prints hashes gets the same numbers under vial.
//!
//! The algorithm is OTP's portable term hash (`make_hash2` in the runtime): Bob Jenkins'
//! mixing function over 32-bit words, a type constant per kind of term, atoms hashed by
//! `hashpjw` over their names, map entries hashed independently and combined with xor so
//! that entry order does not matter. Pids, references and funs have no BEAM counterpart in
//! vial (their numbers differ), so their hashes are stable within vial but not the BEAM's.

use super::map::erl_badarg;
use super::{arg, natives};
use crate::term::jenkins::*;
use crate::term::{Closure, Term};
use crate::vm::exception;

natives! {
    ":erlang"."phash2"/1 => |_, a| Ok(Term::Int(i64::from(make_hash2(arg(a, 0)) & ((1 << 27) - 1)))),
    ":erlang"."phash2"/2 => |_, a| {
        // The range is 1..2^32; 2^32 itself means the whole hash. OTP's error explanation
        // names the first argument for a bad range, and has none for one too large.
        let range = match arg(a, 1) {
            Term::Int(r) if (1..=1 << 32).contains(r) => *r as u64,
            Term::Int(r) if *r < 1 => return Err(erl_badarg(1, "out of range").into()),
            Term::Big(b) if b.sign() == num_bigint::Sign::Minus => return Err(erl_badarg(1, "out of range").into()),
            Term::Int(_) | Term::Big(_) => return Err(exception::badarg().into()),
            _ => return Err(erl_badarg(1, "not an integer").into()),
        };
        Ok(Term::Int((u64::from(make_hash2(arg(a, 0))) % range) as i64))
    },
}

/// The runtime's tag number for `[]`, which a list's end mixes in.
const NIL_DEF: u32 = 2;

/// The hash of `[]` when nothing came before it.
const NIL_ALONE: u32 = 3_468_870_702;

/// `hashpjw` over an atom's name, each two-byte UTF-8 Latin-1 character taken as its one
/// Latin-1 byte (atoms were Latin-1 when the hash was fixed).
fn atom_hash(name: &[u8]) -> u32 {
    let mut h: u32 = 0;
    let mut i = 0;
    while let Some(&byte) = name.get(i) {
        i += 1;
        let mut v = byte;
        if let Some(&next) = name.get(i)
            && byte & 0xFE == 0xC2
            && next & 0xC0 == 0x80
        {
            v = (u32::from(byte) << 6 | u32::from(next & 0x3F)) as u8;
            i += 1;
        }
        h = (h << 4).wrapping_add(u32::from(v));
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

/// An integer's magnitude in 64-bit words, least significant first, and its sign.
fn int_words(t: &Term) -> (bool, Vec<u64>) {
    match t {
        Term::Int(i) => (*i < 0, vec![i.unsigned_abs()]),
        Term::Big(b) => (b.sign() == num_bigint::Sign::Minus, b.magnitude().to_u64_digits()),
        _ => (false, Vec::new()),
    }
}

fn hash_int(hash: &mut u32, t: &Term) {
    // Integers of 28 bits hash as one signed word (negative ones mixed twice, as the
    // runtime does); larger ones as their magnitude's 64-bit words, low half first.
    if let Term::Int(i) = t
        && (-(1 << 27)..(1 << 27)).contains(i)
    {
        let y = *i as i32;
        if y < 0 {
            hash_word(hash, y.wrapping_neg() as u32, HCONST);
        }
        hash_word(hash, y as u32, HCONST);
        return;
    }
    let (neg, words) = int_words(t);
    let k = if neg { HCONST_10 } else { HCONST_11 };
    for w in words {
        hash2_words(hash, w as u32, (w >> 32) as u32, k);
    }
}

/// What is left to do after the current term, innermost last.
enum Work<'a> {
    Term(&'a Term),
    /// A map entry's key and value are hashed: fold the result into the entries' xor.
    MapPair,
    /// All entries are hashed: restore the outer hash and mix the xor into it.
    MapTail { outer: u32, outer_xor: u32 },
}

/// `make_hash2`: the full 32-bit portable hash.
fn make_hash2(t: &Term) -> u32 {
    // Atoms and small integers on their own take a shortcut in the runtime.
    match t {
        Term::Atom(a) => return atom_hash(a.name().as_bytes()),
        Term::Int(_) => {
            let mut h = 0;
            hash_int(&mut h, t);
            return h;
        }
        _ => {}
    }
    let mut hash: u32 = 0;
    let mut xor: u32 = 0;
    let mut stack: Vec<Work> = vec![Work::Term(t)];
    while let Some(work) = stack.pop() {
        let term = match work {
            Work::Term(t) => t,
            Work::MapPair => {
                xor ^= hash;
                hash = 0;
                continue;
            }
            Work::MapTail { outer, outer_xor } => {
                hash = outer;
                hash_word(&mut hash, xor, HCONST_19);
                xor = outer_xor;
                continue;
            }
        };
        match term {
            Term::Cons(_) => {
                // Runs of bytes are packed four to a word.
                let (mut count, mut packed) = (0, 0u32);
                let mut rest = term;
                while let Term::Cons(c) = rest {
                    match c.head {
                        Term::Int(b @ 0..=255) => {
                            packed = (packed << 8).wrapping_add(b as u32);
                            if count == 3 {
                                hash_word(&mut hash, packed, HCONST_4);
                                count = 0;
                                packed = 0;
                            } else {
                                count += 1;
                            }
                            rest = &c.tail;
                        }
                        _ => break,
                    }
                }
                if count > 0 {
                    hash_word(&mut hash, packed, HCONST_4);
                }
                match rest {
                    Term::Cons(c) => {
                        stack.push(Work::Term(&c.tail));
                        stack.push(Work::Term(&c.head));
                    }
                    tail => stack.push(Work::Term(tail)),
                }
            }
            Term::Tuple(items) => {
                hash_word(&mut hash, items.len() as u32, HCONST_9);
                stack.extend(items.iter().rev().map(Work::Term));
            }
            Term::Map(m) => {
                let size = m.iter().count();
                hash_word(&mut hash, size as u32, HCONST_16);
                if size > 0 {
                    stack.push(Work::MapTail { outer: hash, outer_xor: xor });
                    hash = 0;
                    xor = 0;
                    for (k, v) in m.iter() {
                        stack.push(Work::MapPair);
                        stack.push(Work::Term(v));
                        stack.push(Work::Term(k));
                    }
                }
            }
            Term::Bin(b) => {
                let seed = HCONST_13.wrapping_add(hash);
                hash = if b.is_empty() { seed } else { block_hash(b, seed) };
            }
            Term::Atom(a) => {
                let h = atom_hash(a.name().as_bytes());
                if hash == 0 {
                    hash = h;
                } else {
                    hash_word(&mut hash, h, HCONST_3);
                }
            }
            Term::Nil => {
                if hash == 0 {
                    hash = NIL_ALONE;
                } else {
                    hash_word(&mut hash, NIL_DEF, HCONST_2);
                }
            }
            Term::Int(_) | Term::Big(_) => hash_int(&mut hash, term),
            Term::Float(x) => {
                // 0.0 and -0.0 hash alike.
                let bits = if *x == 0.0 { 0 } else { x.to_bits() };
                hash2_words(&mut hash, (bits >> 32) as u32, bits as u32, HCONST_12);
            }
            Term::Pid(p) => hash_word(&mut hash, p.0 as u32, HCONST_5),
            Term::Ref(r) => hash_word(&mut hash, *r as u32, HCONST_7),
            Term::Fun(f) => match f.as_ref() {
                Closure::Export { module, name, arity, .. } => {
                    hash2_words(&mut hash, *arity, atom_hash(module.name().as_bytes()), HCONST);
                    hash_word(&mut hash, atom_hash(name.name().as_bytes()), HCONST_14);
                }
                Closure::Lambda { code, env } => {
                    let module = code.module.map(|m| atom_hash(m.name().as_bytes())).unwrap_or(0);
                    hash2_words(&mut hash, env.len() as u32, module, HCONST);
                    hash2_words(&mut hash, code.index, code.arity, HCONST);
                    stack.extend(env.iter().rev().map(Work::Term));
                }
            },
        }
    }
    hash
}
