//! [`RouteTable`]: the routes of one (peer, family): NLRI id (and ADD-PATH id) to attribute
//! set handle, with no allocation per route.
//!
//! Routes without a path id live in a sorted `Vec<(nlri, set)>` (8 bytes a route) while the
//! peer holds few of the family's NLRI, and in a dense `Vec<set>` indexed by NLRI id (4 bytes a
//! slot) once it holds at least half of them, as a full-table peer does. Routes with an
//! ADD-PATH id (RFC 7911) live in a hash map keyed by (nlri, path id).

use hashbrown::HashMap;

use crate::AttrSetId;

/// What a table stores per route: an attribute set id, and for labeled families also the
/// label stack's handle. `EMPTY` marks a free slot of a dense table.
pub(crate) trait Slot: Copy + Eq + std::fmt::Debug {
    /// The free-slot marker (never a valid value).
    const EMPTY: Self;
}

impl Slot for u32 {
    const EMPTY: u32 = u32::MAX;
}

impl Slot for [u32; 2] {
    const EMPTY: [u32; 2] = [u32::MAX; 2];
}
/// A sparse table turns dense past this many routes, if it holds half the family's NLRI.
const DENSE_MIN: usize = 256;

#[derive(Debug)]
enum Main<V> {
    Sparse(Vec<(u32, V)>),
    Dense(Vec<V>),
}

/// The routes of one peer in one family.
#[derive(Debug)]
pub(crate) struct RouteTable<V> {
    main: Main<V>,
    main_len: usize,
    paths: HashMap<(u32, u32), V>,
}

impl<V: Slot> RouteTable<V> {
    pub(crate) fn new() -> Self {
        Self {
            main: Main::Sparse(Vec::new()),
            main_len: 0,
            paths: HashMap::new(),
        }
    }

    /// Number of routes.
    pub(crate) fn len(&self) -> usize {
        self.main_len + self.paths.len()
    }

    /// Inserts or replaces a route; returns the set it replaced. `universe` is the number of
    /// NLRI ids of the family (to decide when to turn dense).
    pub(crate) fn insert(
        &mut self,
        nlri: u32,
        path_id: Option<u32>,
        set: V,
        universe: usize,
    ) -> Option<V> {
        if let Some(p) = path_id {
            return self.paths.insert((nlri, p), set);
        }
        let old = match &mut self.main {
            Main::Sparse(v) => match v.binary_search_by_key(&nlri, |&(k, _)| k) {
                Ok(i) => Some(std::mem::replace(&mut v[i].1, set)),
                Err(i) => {
                    v.insert(i, (nlri, set));
                    None
                }
            },
            Main::Dense(v) => {
                let i = nlri as usize;
                if i >= v.len() {
                    v.resize(i + 1, V::EMPTY);
                }
                let old = std::mem::replace(&mut v[i], set);
                (old != V::EMPTY).then_some(old)
            }
        };
        if old.is_none() {
            self.main_len += 1;
            self.maybe_densify(universe);
        }
        old
    }

    fn maybe_densify(&mut self, universe: usize) {
        if let Main::Sparse(v) = &self.main {
            if v.len() >= DENSE_MIN && v.len() * 2 >= universe {
                let mut dense =
                    vec![V::EMPTY; universe.max(v.last().map_or(0, |&(k, _)| k as usize + 1))];
                for &(k, s) in v {
                    dense[k as usize] = s;
                }
                self.main = Main::Dense(dense);
            }
        }
    }

    /// Removes a route; returns its set, or `None` if it was not there.
    pub(crate) fn remove(&mut self, nlri: u32, path_id: Option<u32>) -> Option<V> {
        if let Some(p) = path_id {
            return self.paths.remove(&(nlri, p));
        }
        let old = match &mut self.main {
            Main::Sparse(v) => match v.binary_search_by_key(&nlri, |&(k, _)| k) {
                Ok(i) => Some(v.remove(i).1),
                Err(_) => None,
            },
            Main::Dense(v) => match v.get_mut(nlri as usize) {
                Some(slot) if *slot != V::EMPTY => Some(std::mem::replace(slot, V::EMPTY)),
                _ => None,
            },
        };
        if old.is_some() {
            self.main_len -= 1;
        }
        old
    }

    /// The route without path id for `nlri`.
    pub(crate) fn get(&self, nlri: u32) -> Option<V> {
        match &self.main {
            Main::Sparse(v) => v
                .binary_search_by_key(&nlri, |&(k, _)| k)
                .ok()
                .map(|i| v[i].1),
            Main::Dense(v) => v.get(nlri as usize).filter(|&&s| s != V::EMPTY).copied(),
        }
    }

    /// The routes with a path id for `nlri`, sorted by path id.
    pub(crate) fn get_paths(&self, nlri: u32) -> Vec<(u32, V)> {
        if self.paths.is_empty() {
            return Vec::new();
        }
        let mut v: Vec<(u32, V)> = self
            .paths
            .iter()
            .filter(|((n, _), _)| *n == nlri)
            .map(|(&(_, p), &s)| (p, s))
            .collect();
        v.sort_unstable_by_key(|&(p, _)| p);
        v
    }

    /// Every route as (nlri, path id, set), in NLRI id order, then path id (no path id first).
    pub(crate) fn entries(&self) -> Vec<(u32, Option<u32>, V)> {
        let mut out: Vec<(u32, Option<u32>, V)> = Vec::with_capacity(self.len());
        match &self.main {
            Main::Sparse(v) => out.extend(v.iter().map(|&(k, s)| (k, None, s))),
            Main::Dense(v) => out.extend(
                v.iter()
                    .enumerate()
                    .filter(|(_, &s)| s != V::EMPTY)
                    .map(|(k, &s)| (k as u32, None, s)),
            ),
        }
        if !self.paths.is_empty() {
            out.extend(self.paths.iter().map(|(&(n, p), &s)| (n, Some(p), s)));
            out.sort_unstable_by_key(|&(n, p, _)| (n, p));
        }
        out
    }

    /// Calls `f` with each NLRI id that has a route.
    pub(crate) fn for_each_nlri(&self, mut f: impl FnMut(u32)) {
        match &self.main {
            Main::Sparse(v) => v.iter().for_each(|&(k, _)| f(k)),
            Main::Dense(v) => v
                .iter()
                .enumerate()
                .filter(|(_, &s)| s != V::EMPTY)
                .for_each(|(k, _)| f(k as u32)),
        }
        self.paths.keys().for_each(|&(n, _)| f(n));
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        let size = std::mem::size_of::<V>();
        let main = match &self.main {
            Main::Sparse(v) => v.capacity() * std::mem::size_of::<(u32, V)>(),
            Main::Dense(v) => v.capacity() * size,
        };
        let paths = if self.paths.capacity() == 0 {
            0
        } else {
            (self.paths.capacity() * 8 / 7).next_power_of_two() * (8 + size + 1)
        };
        main + paths
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match &mut self.main {
            Main::Sparse(v) => v.shrink_to_fit(),
            Main::Dense(v) => {
                while v.last() == Some(&V::EMPTY) {
                    v.pop();
                }
                v.shrink_to_fit();
            }
        }
        self.paths.shrink_to_fit();
    }
}

/// What a route points at: its attribute set, and for labeled families its label stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Value {
    pub(crate) set: AttrSetId,
    pub(crate) labels: Option<u32>,
}

/// A route table of a family without labels (4 bytes a dense slot) or with (8 bytes).
#[derive(Debug)]
pub(crate) enum Table {
    Plain(RouteTable<u32>),
    Labeled(RouteTable<[u32; 2]>),
}

impl From<u32> for Value {
    fn from(s: u32) -> Self {
        Value {
            set: AttrSetId(s),
            labels: None,
        }
    }
}

impl From<[u32; 2]> for Value {
    fn from([s, l]: [u32; 2]) -> Self {
        Value {
            set: AttrSetId(s),
            labels: Some(l),
        }
    }
}

impl Table {
    pub(crate) fn new(labeled: bool) -> Self {
        if labeled {
            Table::Labeled(RouteTable::new())
        } else {
            Table::Plain(RouteTable::new())
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Table::Plain(t) => t.len(),
            Table::Labeled(t) => t.len(),
        }
    }

    pub(crate) fn insert(
        &mut self,
        nlri: u32,
        path_id: Option<u32>,
        v: Value,
        universe: usize,
    ) -> Option<Value> {
        match self {
            Table::Plain(t) => t.insert(nlri, path_id, v.set.0, universe).map(Value::from),
            Table::Labeled(t) => t
                .insert(nlri, path_id, [v.set.0, v.labels.unwrap_or(0)], universe)
                .map(Value::from),
        }
    }

    pub(crate) fn remove(&mut self, nlri: u32, path_id: Option<u32>) -> Option<Value> {
        match self {
            Table::Plain(t) => t.remove(nlri, path_id).map(Value::from),
            Table::Labeled(t) => t.remove(nlri, path_id).map(Value::from),
        }
    }

    pub(crate) fn get(&self, nlri: u32) -> Option<Value> {
        match self {
            Table::Plain(t) => t.get(nlri).map(Value::from),
            Table::Labeled(t) => t.get(nlri).map(Value::from),
        }
    }

    pub(crate) fn get_paths(&self, nlri: u32) -> Vec<(u32, Value)> {
        match self {
            Table::Plain(t) => t
                .get_paths(nlri)
                .into_iter()
                .map(|(p, v)| (p, v.into()))
                .collect(),
            Table::Labeled(t) => t
                .get_paths(nlri)
                .into_iter()
                .map(|(p, v)| (p, v.into()))
                .collect(),
        }
    }

    pub(crate) fn entries(&self) -> Vec<(u32, Option<u32>, Value)> {
        match self {
            Table::Plain(t) => t
                .entries()
                .into_iter()
                .map(|(n, p, v)| (n, p, v.into()))
                .collect(),
            Table::Labeled(t) => t
                .entries()
                .into_iter()
                .map(|(n, p, v)| (n, p, v.into()))
                .collect(),
        }
    }

    pub(crate) fn for_each_nlri(&self, f: impl FnMut(u32)) {
        match self {
            Table::Plain(t) => t.for_each_nlri(f),
            Table::Labeled(t) => t.for_each_nlri(f),
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        match self {
            Table::Plain(t) => t.heap_bytes(),
            Table::Labeled(t) => t.heap_bytes(),
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match self {
            Table::Plain(t) => t.shrink_to_fit(),
            Table::Labeled(t) => t.shrink_to_fit(),
        }
    }
}
