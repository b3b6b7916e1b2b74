//! A map's entries: a sorted vector of pairs while the map is small, as the BEAM's flatmaps,
//! and a persistent B-tree beyond that, ordered as the BEAM's hash tries list their keys.
//!
//! Most maps in Elixir programs are small (a process's state, a struct, options), and for
//! them a B-tree is the wrong shape: `imbl::OrdMap` puts even a two-key map in a node of
//! ~700 bytes and walks node structures on every lookup. A sorted vector holds two keys in
//! one 64-byte allocation, finds a key by a binary search over contiguous pairs, and updates
//! a map no one else holds in one slot. Past [`MAX_FLAT`] entries the map becomes a B-tree,
//! whose updates stay logarithmic and share structure between versions (`Map.put` in a
//! loop on a shared map).
//!
//! The two orders differ as the BEAM's do: a flatmap lists its keys in term order, a larger
//! map in the order of its hash trie (`hamt.rs`), which is what `Map.keys/1`, `inspect` and
//! enumeration show. The tree is keyed by each key's place in that order (a 32-bit number
//! computed from its hash), so iterating it is a walk in order and a lookup compares plain
//! numbers; keys whose hashes collide share a bucket. A map that shrinks back to 32 keys
//! becomes a sorted vector again, as on the BEAM, so the order depends only on the keys a
//! map holds, never on how it was built. Term order between maps is by sorted keys
//! ([`MapT::iter_sorted`]).

use super::hamt;
use super::Term;

/// The most entries a map keeps as a sorted vector: the BEAM's flatmap limit. Inserting
/// into the vector moves up to this many pairs; beyond it the tree's logarithmic update
/// wins.
pub const MAX_FLAT: usize = 32;

#[derive(Clone, Debug, Default)]
pub struct MapT(Repr);

#[derive(Clone, Debug)]
enum Repr {
    /// Pairs sorted by key in term order (`Ord for Term`), keys distinct.
    Flat(Vec<(Term, Term)>),
    /// More than [`MAX_FLAT`] entries, by [`hamt::position`]; `len` counts entries, not
    /// buckets.
    Tree { tree: imbl::OrdMap<u32, Bucket>, len: usize },
}

/// The entries of a large map whose keys share a position: nearly always one.
#[derive(Clone, Debug)]
enum Bucket {
    One((Term, Term)),
    /// Two or more keys whose 32-bit hashes are equal, in [`hamt::collision_order`].
    Many(Vec<(Term, Term)>),
}

impl Bucket {
    fn entries(&self) -> &[(Term, Term)] {
        match self {
            Bucket::One(pair) => std::slice::from_ref(pair),
            Bucket::Many(pairs) => pairs,
        }
    }

    fn get(&self, key: &Term) -> Option<&Term> {
        self.entries().iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn get_mut(&mut self, key: &Term) -> Option<&mut Term> {
        match self {
            Bucket::One((k, v)) => (k == key).then_some(v),
            Bucket::Many(pairs) => pairs.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
        }
    }

    /// Adds a key not in the bucket.
    fn add(&mut self, key: Term, value: Term) {
        let pairs = match self {
            Bucket::One(pair) => {
                let first = pair.clone();
                *self = Bucket::Many(vec![first]);
                let Bucket::Many(pairs) = self else { return };
                pairs
            }
            Bucket::Many(pairs) => pairs,
        };
        let at = pairs.partition_point(|(k, _)| hamt::collision_order(k, &key) == std::cmp::Ordering::Less);
        pairs.insert(at, (key, value));
    }
}

fn tree_insert(tree: &mut imbl::OrdMap<u32, Bucket>, key: Term, value: Term) -> Option<Term> {
    let at = hamt::position(&key);
    match tree.get_mut(&at) {
        Some(bucket) => match bucket.get_mut(&key) {
            Some(old) => Some(std::mem::replace(old, value)),
            None => {
                bucket.add(key, value);
                None
            }
        },
        None => {
            tree.insert(at, Bucket::One((key, value)));
            None
        }
    }
}

impl Default for Repr {
    fn default() -> Repr {
        Repr::Flat(Vec::new())
    }
}

/// Where `key` is in `pairs`, or where it would go.
///
/// An atom key (a struct's field, an options map) is first looked for by identity, which
/// is exact for interned atoms: term order compares atoms by name, so each step of the
/// binary search read two names from the atom table, several times the cost of scanning a
/// few dozen entries. A miss falls back to the search for the insertion point.
#[inline]
fn find(pairs: &[(Term, Term)], key: &Term) -> Result<usize, usize> {
    if let Term::Atom(a) = key {
        if let Some(i) = pairs.iter().position(|(k, _)| matches!(k, Term::Atom(b) if b == a)) {
            return Ok(i);
        }
    }
    pairs.binary_search_by(|(k, _)| k.cmp(key))
}

impl MapT {
    pub fn new() -> MapT {
        MapT(Repr::Flat(Vec::new()))
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Flat(v) => v.len(),
            Repr::Tree { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, key: &Term) -> Option<&Term> {
        match &self.0 {
            Repr::Flat(v) => find(v, key).ok().and_then(|i| v.get(i)).map(|(_, val)| val),
            Repr::Tree { tree, .. } => tree.get(&hamt::position(key)).and_then(|b| b.get(key)),
        }
    }

    pub fn get_mut(&mut self, key: &Term) -> Option<&mut Term> {
        match &mut self.0 {
            Repr::Flat(v) => match find(v, key) {
                Ok(i) => v.get_mut(i).map(|(_, val)| val),
                Err(_) => None,
            },
            Repr::Tree { tree, .. } => tree.get_mut(&hamt::position(key)).and_then(|b| b.get_mut(key)),
        }
    }

    pub fn contains_key(&self, key: &Term) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`; the value it replaces, if any.
    pub fn insert(&mut self, key: Term, value: Term) -> Option<Term> {
        match &mut self.0 {
            Repr::Flat(v) => match find(v, &key) {
                Ok(i) => v.get_mut(i).map(|(_, old)| std::mem::replace(old, value)),
                Err(i) if v.len() < MAX_FLAT => {
                    v.insert(i, (key, value));
                    None
                }
                Err(_) => {
                    let mut tree = imbl::OrdMap::new();
                    for (k, v) in std::mem::take(v) {
                        tree_insert(&mut tree, k, v);
                    }
                    tree_insert(&mut tree, key, value);
                    self.0 = Repr::Tree { tree, len: MAX_FLAT + 1 };
                    None
                }
            },
            Repr::Tree { tree, len } => {
                let old = tree_insert(tree, key, value);
                if old.is_none() {
                    *len += 1;
                }
                old
            }
        }
    }

    /// Removes `key`; its value, if it was there.
    pub fn remove(&mut self, key: &Term) -> Option<Term> {
        match &mut self.0 {
            Repr::Flat(v) => match find(v, key) {
                Ok(i) => Some(v.remove(i).1),
                Err(_) => None,
            },
            Repr::Tree { tree, len } => {
                let at = hamt::position(key);
                let bucket = tree.get_mut(&at)?;
                let old = match bucket {
                    Bucket::One((k, _)) if k == key => match tree.remove(&at) {
                        Some(Bucket::One((_, v))) => v,
                        _ => return None,
                    },
                    Bucket::One(_) => return None,
                    Bucket::Many(pairs) => {
                        let i = pairs.iter().position(|(k, _)| k == key)?;
                        let (_, v) = pairs.remove(i);
                        if let [only] = &pairs[..] {
                            *bucket = Bucket::One(only.clone());
                        }
                        v
                    }
                };
                *len -= 1;
                // Back to a flatmap at the flatmap limit, as the BEAM does.
                if *len <= MAX_FLAT {
                    let mut pairs: Vec<(Term, Term)> = std::mem::take(tree).into_iter().flat_map(|(_, b)| match b {
                        Bucket::One(pair) => vec![pair],
                        Bucket::Many(pairs) => pairs,
                    }).collect();
                    pairs.sort_by(|a, b| a.0.cmp(&b.0));
                    self.0 = Repr::Flat(pairs);
                }
                Some(old)
            }
        }
    }

    /// The entries in term order of their keys, which is what maps compare by.
    pub fn iter_sorted(&self) -> Vec<(&Term, &Term)> {
        let mut pairs: Vec<(&Term, &Term)> = self.iter().collect();
        if let Repr::Tree { .. } = self.0 {
            pairs.sort_unstable_by(|a, b| a.0.cmp(b.0));
        }
        pairs
    }

    /// The entries in the BEAM's listing order (`:maps.to_list/1`): key order up to 32
    /// keys, hash-trie order beyond. `:maps.fold/3` walks them the other way round.
    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Flat(v) => Iter(IterRepr::Flat(v.iter())),
            Repr::Tree { tree, .. } => Iter(IterRepr::Tree(tree.iter(), [].iter())),
        }
    }

    /// Whether the map is a hash trie on the BEAM, listed in hash order.
    pub fn is_large(&self) -> bool {
        matches!(self.0, Repr::Tree { .. })
    }

    pub fn keys(&self) -> impl Iterator<Item = &Term> {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Term> {
        self.iter().map(|(_, v)| v)
    }
}

/// A map's entries in listing order, by reference.
pub struct Iter<'a>(IterRepr<'a>);

enum IterRepr<'a> {
    Flat(std::slice::Iter<'a, (Term, Term)>),
    /// The buckets, and what is left of the current one.
    Tree(imbl::ordmap::Iter<'a, u32, Bucket, imbl::shared_ptr::DefaultSharedPtr>, std::slice::Iter<'a, (Term, Term)>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Term, &'a Term);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            IterRepr::Flat(it) => it.next().map(|(k, v)| (k, v)),
            IterRepr::Tree(buckets, rest) => loop {
                if let Some((k, v)) = rest.next() {
                    return Some((k, v));
                }
                *rest = buckets.next()?.1.entries().iter();
            },
        }
    }
}

impl<'a> IntoIterator for &'a MapT {
    type Item = (&'a Term, &'a Term);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl Extend<(Term, Term)> for MapT {
    fn extend<I: IntoIterator<Item = (Term, Term)>>(&mut self, items: I) {
        for (k, v) in items {
            self.insert(k, v);
        }
    }
}

impl FromIterator<(Term, Term)> for MapT {
    fn from_iter<I: IntoIterator<Item = (Term, Term)>>(items: I) -> MapT {
        let mut m = MapT::new();
        m.extend(items);
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(m: &MapT) -> Vec<i64> {
        m.keys().filter_map(|k| if let Term::Int(i) = k { Some(*i) } else { None }).collect()
    }

    #[test]
    fn large_maps_list_keys_in_the_beams_trie_order() {
        // `Map.new(1..40, &{&1, &1})` on OTP 25, and back to key order at 32 keys.
        let mut m: MapT = (1..=40).map(|i| (Term::Int(i), Term::Int(i))).collect();
        assert_eq!(keys(&m)[..8], [33, 12, 23, 29, 30, 39, 26, 31]);
        for i in 1..=8 {
            m.remove(&Term::Int(i));
        }
        assert_eq!(keys(&m), (9..=40).collect::<Vec<_>>());
    }

    #[test]
    fn stays_sorted_and_grows_into_a_tree() {
        let mut m = MapT::new();
        // Insert in a scrambled order, past the flat limit, checking against a BTreeMap.
        let mut model = std::collections::BTreeMap::new();
        for i in 0..100i64 {
            let k = (i * 37) % 101;
            assert_eq!(m.insert(Term::Int(k), Term::Int(i)).is_some(), model.insert(k, i).is_some());
            assert_eq!(m.len(), model.len());
            let mut sorted = keys(&m);
            if m.len() <= MAX_FLAT {
                assert_eq!(sorted, model.keys().copied().collect::<Vec<_>>());
            }
            sorted.sort();
            assert_eq!(sorted, model.keys().copied().collect::<Vec<_>>());
            assert!(matches!(m.0, Repr::Flat(_)) == (m.len() <= MAX_FLAT));
        }
        for (k, v) in &model {
            assert!(matches!(m.get(&Term::Int(*k)), Some(Term::Int(x)) if x == v));
        }
        assert!(m.insert(Term::Int(0), Term::Int(-1)).is_some());
        assert!(matches!(m.get(&Term::Int(0)), Some(Term::Int(-1))));
        assert!(m.remove(&Term::Int(37)).is_some());
        assert!(m.remove(&Term::Int(37)).is_none());
        assert!(!m.contains_key(&Term::Int(37)));
    }

    #[test]
    fn flat_maps_update_and_remove_in_place() {
        let mut m: MapT = [(Term::Int(2), Term::Int(20)), (Term::Int(1), Term::Int(10)), (Term::Int(2), Term::Int(21))].into_iter().collect();
        assert_eq!(keys(&m), vec![1, 2]);
        assert!(matches!(m.get(&Term::Int(2)), Some(Term::Int(21))));
        if let Some(v) = m.get_mut(&Term::Int(1)) {
            *v = Term::Int(11);
        }
        assert!(matches!(m.get(&Term::Int(1)), Some(Term::Int(11))));
        // 1 and 1.0 are different keys (strict term order).
        m.insert(Term::Float(1.0), Term::Int(0));
        assert_eq!(m.len(), 3);
        assert!(matches!(m.remove(&Term::Int(1)), Some(Term::Int(11))));
        assert!(m.get(&Term::Int(1)).is_none());
        assert!(m.get(&Term::Float(1.0)).is_some());
    }
}
