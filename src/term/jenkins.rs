//! Bob Jenkins' 32-bit mixing, which both of the BEAM's term hashes are built on: the
//! portable one (`:erlang.phash2`, `vm/natives/phash.rs`) and the internal one that
//! places a large map's keys (`hamt.rs`).

/// The golden ratio, Jenkins' arbitrary start value, and its multiples that tag each kind
/// of term (`HCONST * n mod 2^32`).
pub const HCONST: u32 = 0x9e37_79b9;
pub const HCONST_2: u32 = 0x3c6e_f372;
pub const HCONST_3: u32 = 0xdaa6_6d2b;
pub const HCONST_4: u32 = 0x78dd_e6e4;
pub const HCONST_5: u32 = 0x1715_609d;
pub const HCONST_7: u32 = 0x5384_540f;
pub const HCONST_9: u32 = 0x8ff3_4781;
pub const HCONST_10: u32 = 0x2e2a_c13a;
pub const HCONST_11: u32 = 0xcc62_3af3;
pub const HCONST_12: u32 = 0x6a99_b4ac;
pub const HCONST_13: u32 = 0x08d1_2e65;
pub const HCONST_14: u32 = 0xa708_a81e;
pub const HCONST_16: u32 = 0xe377_9b90;
pub const HCONST_17: u32 = 0x81af_1549;
pub const HCONST_18: u32 = 0x1fe6_8f02;
pub const HCONST_19: u32 = 0xbe1e_08bb;
pub const HCONST_22: u32 = 0x98c4_75e6;
pub const HCONST_8: u32 = 0xf1bb_cdc8;

pub fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 13);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 8);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 13);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 12);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 16);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 5);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 3);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 10);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 15);
}

pub fn hash2_words(hash: &mut u32, x: u32, y: u32, k: u32) {
    let (mut a, mut b) = (k.wrapping_add(x), k.wrapping_add(y));
    mix(&mut a, &mut b, hash);
}

pub fn hash_word(hash: &mut u32, x: u32, k: u32) {
    hash2_words(hash, x, 0, k);
}

/// Jenkins' hash of a byte block, seeded with `init`.
pub fn block_hash(bytes: &[u8], init: u32) -> u32 {
    let (mut a, mut b, mut c) = (HCONST, HCONST, init);
    let word = |k: &[u8], i: usize| (0..4).fold(0u32, |w, j| w | u32::from(k.get(i + j).copied().unwrap_or(0)) << (8 * j));
    let mut chunks = bytes.chunks_exact(12);
    for k in chunks.by_ref() {
        a = a.wrapping_add(word(k, 0));
        b = b.wrapping_add(word(k, 4));
        c = c.wrapping_add(word(k, 8));
        mix(&mut a, &mut b, &mut c);
    }
    let rest = chunks.remainder();
    // The length is truncated to 32 bits, as the runtime truncates it.
    c = c.wrapping_add(bytes.len() as u32);
    // The final bytes fill a, then b, then c from its second byte (its first holds the length).
    for (i, &byte) in rest.iter().enumerate() {
        let v = u32::from(byte);
        match i {
            0..=3 => a = a.wrapping_add(v << (8 * i)),
            4..=7 => b = b.wrapping_add(v << (8 * (i - 4))),
            _ => c = c.wrapping_add(v << (8 * (i - 7))),
        }
    }
    mix(&mut a, &mut b, &mut c);
    c
}

