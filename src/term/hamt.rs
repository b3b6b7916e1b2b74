//! The BEAM's internal term hash, which decides the order of a map of more than 32 keys.
//!
//! OTP keeps such a map as a hash array mapped trie: each level of the trie takes the next
//! four bits of the key's hash, lowest first, and a node's children lie in the order of those
//! four bits. Walking the trie (`:maps.fold/3`, `:maps.next/1`) therefore visits the keys in
//! the order of their hashes read four bits at a time from the low end, and
//! `:maps.to_list/1`, `Map.keys/1` and everything printed list them in the opposite order.
//! Two keys whose 32-bit hashes are equal are told apart by the hash again, salted with the
//! level (`make_internal_hash(key, level / 8)`).
//!
//! The hash (OTP 25's `make_internal_hash`) mixes 32-bit words with Jenkins' function,
//! starting from a fixed salt; immediate terms (small integers, atoms, `[]`, pids) are hashed
//! as their machine word, so an atom hashes by its index in the runtime's atom table. vial's
//! atoms have other indices, so maps keyed by atoms (or terms holding atoms) come out in an
//! order of their own; integers, floats, binaries, and tuples, lists and small maps of them
//! come out as on the BEAM.

use super::jenkins::*;
use super::Term;

/// The hash's starting value, xor-ed with the salt.
const INTERNAL_HASH_SALT: u32 = 3_432_918_353;

/// `[]` as the runtime's 64-bit word.
const NIL_WORD: u64 = 0x3B;

/// The runtime's small integers: 60 bits, signed. Integers beyond hash as bignums.
const SMALL_MIN: i64 = -(1 << 59);
const SMALL_MAX: i64 = (1 << 59) - 1;

/// Mixes a 64-bit immediate word in, as the runtime does for every immediate term.
#[inline]
fn immediate(hash: &mut u32, word: u64) {
    hash2_words(hash, word as u32, (word >> 32) as u32, HCONST);
}

/// Lightweight mixing of a constant that marks the structure (a list cell's head or tail).
#[inline]
fn constant(hash: &mut u32, k: u32) {
    *hash ^= k;
    *hash = hash.rotate_left(17);
}

fn bignum(hash: &mut u32, negative: bool, digits: impl Iterator<Item = u64>) {
    let k = if negative { HCONST_10 } else { HCONST_11 };
    for d in digits {
        hash2_words(hash, d as u32, (d >> 32) as u32, k);
    }
}

/// What is left to hash after the current term, the next on top.
enum Work<'a> {
    Term(&'a Term),
    /// A list cell whose tail is not a list: mark the tail before hashing it.
    Tail,
}

/// `make_internal_hash(term, salt)`.
pub fn internal_hash(t: &Term, salt: u32) -> u32 {
    let mut hash = salt ^ INTERNAL_HASH_SALT;
    // Small integers are nearly all keys; they need no work list.
    if let Term::Int(i) = t
        && (SMALL_MIN..=SMALL_MAX).contains(i)
    {
        immediate(&mut hash, (*i as u64) << 4 | 0xF);
        return hash;
    }
    let mut stack: Vec<Work<'_>> = Vec::new();
    let mut cur = t;
    loop {
        match cur {
            Term::Int(i) if (SMALL_MIN..=SMALL_MAX).contains(i) => immediate(&mut hash, (*i as u64) << 4 | 0xF),
            Term::Int(i) => bignum(&mut hash, *i < 0, std::iter::once(i.unsigned_abs())),
            Term::Big(b) => bignum(&mut hash, b.sign() == num_bigint::Sign::Minus, b.magnitude().iter_u64_digits()),
            Term::Float(f) => {
                // -0.0 and 0.0 are the same key.
                let bits = if *f == 0.0 { 0 } else { f.to_bits() };
                hash2_words(&mut hash, bits as u32, (bits >> 32) as u32, HCONST_12);
            }
            Term::Atom(a) => immediate(&mut hash, u64::from(a.0) << 6 | 0x0B),
            Term::Pid(p) => immediate(&mut hash, p.0 << 4 | 0x3),
            Term::Ref(r) => {
                hash_word(&mut hash, *r as u32, HCONST_7);
                hash2_words(&mut hash, (*r >> 32) as u32, 0, HCONST_8);
            }
            Term::Fun(f) => match f.as_ref() {
                super::Closure::Export { module, name, arity, .. } => {
                    hash2_words(&mut hash, module.0, name.0, HCONST_14);
                    hash_word(&mut hash, *arity, HCONST_14);
                }
                // Lambdas are equal only to themselves.
                _ => immediate(&mut hash, std::sync::Arc::as_ptr(f) as usize as u64),
            },
            Term::Bin(b) => {
                let con = HCONST_13.wrapping_add(hash);
                hash = if b.is_empty() { con } else { block_hash(&b[..], con) };
            }
            Term::Nil => immediate(&mut hash, NIL_WORD),
            Term::Tuple(items) => {
                hash_word(&mut hash, items.len() as u32, HCONST_9);
                if let Some((first, rest)) = items.split_first() {
                    stack.extend(rest.iter().rev().map(Work::Term));
                    cur = first;
                    continue;
                }
            }
            Term::Cons(_) => {
                // A run of bytes is packed four to a word; anything else is hashed as a cell.
                let (mut packed, mut count, mut node) = (0u32, 0u32, cur);
                while let Term::Cons(cell) = node {
                    let Term::Int(byte @ 0..=255) = cell.head else { break };
                    packed = (packed << 8).wrapping_add(byte as u32);
                    if count == 3 {
                        hash_word(&mut hash, packed, HCONST_4);
                        (packed, count) = (0, 0);
                    } else {
                        count += 1;
                    }
                    node = &cell.tail;
                }
                if count > 0 {
                    hash2_words(&mut hash, packed, count, HCONST_22);
                }
                if let Term::Cons(cell) = node {
                    constant(&mut hash, HCONST_17);
                    stack.push(Work::Term(&cell.tail));
                    if !matches!(cell.tail, Term::Cons(_)) {
                        stack.push(Work::Tail);
                    }
                    cur = &cell.head;
                } else {
                    cur = node;
                }
                continue;
            }
            Term::Map(m) => {
                // A small map hashes its size, then each key and its value in key order. A
                // large one is a trie on the BEAM, hashed node by node; vial hashes it like a
                // small one, which is consistent but not the BEAM's value.
                hash_word(&mut hash, m.len() as u32, HCONST_16);
                let pairs = m.iter_sorted();
                stack.extend(pairs.into_iter().rev().flat_map(|(k, v)| [Work::Term(v), Work::Term(k)]));
            }
        }
        loop {
            match stack.pop() {
                None => return hash,
                Some(Work::Tail) => constant(&mut hash, HCONST_18),
                Some(Work::Term(t)) => {
                    cur = t;
                    break;
                }
            }
        }
    }
}

/// A hash read four bits at a time from the low end, as a number: the trie's order.
#[inline]
pub fn path(hash: u32) -> u32 {
    let h = hash.swap_bytes();
    (h & 0x0F0F_0F0F) << 4 | (h >> 4) & 0x0F0F_0F0F
}

/// Where `key` lies in a map's listing (`Map.to_list/1`): ascending here is that order.
#[inline]
pub fn position(key: &Term) -> u32 {
    !path(internal_hash(key, 0))
}

/// The listing order of two distinct keys whose 32-bit hashes are equal: the trie's deeper
/// levels hash each again, salted with the level. Keys whose salted hashes keep colliding
/// fall back to term order, which is at least the same for every map holding both.
pub fn collision_order(a: &Term, b: &Term) -> std::cmp::Ordering {
    for salt in 1..8 {
        let (x, y) = (path(internal_hash(a, salt)), path(internal_hash(b, salt)));
        if x != y {
            return y.cmp(&x);
        }
    }
    a.cmp(b)
}
