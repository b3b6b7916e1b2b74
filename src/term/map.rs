//! A map's entries: a sorted vector of pairs while the map is small, as the BEAM's flatmaps,
//! and a persistent B-tree beyond that.
//!
//! Most maps in Elixir programs are small (a process's state, a struct, options), and for
//! them a B-tree is the wrong shape: `imbl::OrdMap` puts even a two-key map in a node of
//! ~700 bytes and walks node structures on every lookup. A sorted vector holds two keys in
//! one 64-byte allocation, finds a key by a binary search over contiguous pairs, and updates
//! a map no one else holds in one slot. Past [`MAX_FLAT`] entries the map becomes a B-tree,
//! whose updates stay logarithmic and share structure between versions (`Map.put` in a
//! loop on a shared map). Both keep keys in term order, so iteration order (and printing)
//! does not depend on the representation.

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
    Tree(imbl::OrdMap<Term, Term>),
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
            Repr::Tree(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, key: &Term) -> Option<&Term> {
        match &self.0 {
            Repr::Flat(v) => find(v, key).ok().and_then(|i| v.get(i)).map(|(_, val)| val),
            Repr::Tree(t) => t.get(key),
        }
    }

    pub fn get_mut(&mut self, key: &Term) -> Option<&mut Term> {
        match &mut self.0 {
            Repr::Flat(v) => match find(v, key) {
                Ok(i) => v.get_mut(i).map(|(_, val)| val),
                Err(_) => None,
            },
            Repr::Tree(t) => t.get_mut(key),
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
                    let mut tree: imbl::OrdMap<Term, Term> = std::mem::take(v).into_iter().collect();
                    tree.insert(key, value);
                    self.0 = Repr::Tree(tree);
                    None
                }
            },
            Repr::Tree(t) => t.insert(key, value),
        }
    }

    /// Removes `key`; its value, if it was there.
    pub fn remove(&mut self, key: &Term) -> Option<Term> {
        match &mut self.0 {
            Repr::Flat(v) => match find(v, key) {
                Ok(i) => Some(v.remove(i).1),
                Err(_) => None,
            },
            Repr::Tree(t) => t.remove(key),
        }
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Flat(v) => Iter::Flat(v.iter()),
            Repr::Tree(t) => Iter::Tree(t.iter()),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &Term> {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Term> {
        self.iter().map(|(_, v)| v)
    }
}

/// A map's entries in key order, by reference.
pub enum Iter<'a> {
    Flat(std::slice::Iter<'a, (Term, Term)>),
    Tree(imbl::ordmap::Iter<'a, Term, Term, imbl::shared_ptr::DefaultSharedPtr>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Term, &'a Term);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Flat(it) => it.next().map(|(k, v)| (k, v)),
            Iter::Tree(it) => it.next(),
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
    fn stays_sorted_and_grows_into_a_tree() {
        let mut m = MapT::new();
        // Insert in a scrambled order, past the flat limit, checking against a BTreeMap.
        let mut model = std::collections::BTreeMap::new();
        for i in 0..100i64 {
            let k = (i * 37) % 101;
            assert_eq!(m.insert(Term::Int(k), Term::Int(i)).is_some(), model.insert(k, i).is_some());
            assert_eq!(m.len(), model.len());
            assert_eq!(keys(&m), model.keys().copied().collect::<Vec<_>>());
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
