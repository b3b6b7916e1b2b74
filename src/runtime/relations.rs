//! A process's links and monitors: a small association that stays a vector while it is short
//! and becomes a hash map when a process (a supervisor, a task owner) holds thousands.
//!
//! Most processes hold zero to a few links and monitors, so the common case must cost no more
//! than the plain `Vec` it replaces (one word of header per process matters at a million
//! processes). A process that owns 10,000 tasks, though, has 10,000 links and monitors, and
//! each task's exit removes one: with a vector alone that is a linear scan per exit, so
//! quadratic in the number of children.

use std::collections::HashMap;
use std::hash::Hash;

/// Past this many entries a relation switches to a hash map. Below it a linear scan over
/// a few cache lines is as fast as hashing.
const FEW_MAX: usize = 16;

pub(crate) enum Relation<K, V> {
    Few(Vec<(K, V)>),
    /// Boxed so that the common, short case keeps the size of a `Vec`.
    Many(Box<HashMap<K, V>>),
}

impl<K, V> Default for Relation<K, V> {
    fn default() -> Self {
        Relation::Few(Vec::new())
    }
}

impl<K: Copy + Eq + Hash, V: Copy> Relation<K, V> {
    pub(crate) fn contains(&self, k: &K) -> bool {
        self.get(k).is_some()
    }

    pub(crate) fn get(&self, k: &K) -> Option<V> {
        match self {
            Relation::Few(v) => v.iter().find(|(k2, _)| k2 == k).map(|(_, v)| *v),
            Relation::Many(m) => m.get(k).copied(),
        }
    }

    /// Adds `k → v`, replacing an entry with the same key.
    pub(crate) fn insert(&mut self, k: K, v: V) {
        match self {
            Relation::Few(items) => {
                if let Some(e) = items.iter_mut().find(|(k2, _)| *k2 == k) {
                    e.1 = v;
                } else if items.len() < FEW_MAX {
                    items.push((k, v));
                } else {
                    let mut m: HashMap<K, V> = items.drain(..).collect();
                    m.insert(k, v);
                    *self = Relation::Many(Box::new(m));
                }
            }
            Relation::Many(m) => {
                m.insert(k, v);
            }
        }
    }

    /// Removes the entry for `k`, returning its value. Order among the remaining entries is
    /// kept while the relation is short (`Process.info(pid, :links)` lists them).
    pub(crate) fn remove(&mut self, k: &K) -> Option<V> {
        match self {
            Relation::Few(items) => {
                let i = items.iter().position(|(k2, _)| k2 == k)?;
                Some(items.remove(i).1)
            }
            Relation::Many(m) => m.remove(k),
        }
    }

    /// The entries, in insertion order while the relation is short.
    pub(crate) fn entries(&self) -> Vec<(K, V)> {
        match self {
            Relation::Few(items) => items.clone(),
            Relation::Many(m) => m.iter().map(|(k, v)| (*k, *v)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The relation agrees with a plain vector model across the switch to a map and back down.
    #[test]
    fn relation_matches_a_vector_model() {
        let mut r: Relation<u64, u32> = Relation::default();
        let mut model: Vec<(u64, u32)> = Vec::new();
        let mut x = 12345u64;
        for step in 0..5000u32 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let k = (x >> 33) % 64;
            if x & 1 == 0 {
                r.insert(k, step);
                match model.iter_mut().find(|(k2, _)| *k2 == k) {
                    Some(e) => e.1 = step,
                    None => model.push((k, step)),
                }
            } else {
                let got = r.remove(&k);
                let want = model.iter().position(|(k2, _)| *k2 == k).map(|i| model.remove(i).1);
                assert_eq!(got, want);
            }
            assert_eq!(r.contains(&k), model.iter().any(|(k2, _)| *k2 == k));
            let mut a = r.entries();
            let mut b = model.clone();
            a.sort();
            b.sort();
            assert_eq!(a, b);
        }
    }

    #[test]
    fn short_relations_keep_insertion_order() {
        let mut r: Relation<u64, ()> = Relation::default();
        for k in [5, 3, 9, 1] {
            r.insert(k, ());
        }
        r.remove(&3);
        assert_eq!(r.entries().iter().map(|e| e.0).collect::<Vec<_>>(), vec![5, 9, 1]);
    }
}
