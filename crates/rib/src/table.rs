//! [`RouteTable`]: the routes of one (peer, family): NLRI id (and ADD-PATH id) to attribute
//! set handle, with no allocation per route.
//!
//! Routes without a path id live in a sorted `Vec<(nlri, set)>` (8 bytes a route) while the
//! peer holds few of the family's NLRI, and in a dense `Vec<set>` indexed by NLRI id (4 bytes a
//! slot) once it holds at least half of them, as a full-table peer does. Routes with an
//! ADD-PATH id (RFC 7911) live in a hash map keyed by (nlri, path id).

use hashbrown::HashMap;

use crate::AttrSetId;

/// Marks an empty slot of a dense table.
const EMPTY: u32 = u32::MAX;
/// A sparse table turns dense past this many routes, if it holds half the family's NLRI.
const DENSE_MIN: usize = 256;

#[derive(Debug)]
enum Main {
    Sparse(Vec<(u32, u32)>),
    Dense(Vec<u32>),
}

/// The routes of one peer in one family.
#[derive(Debug)]
pub(crate) struct RouteTable {
    main: Main,
    main_len: usize,
    paths: HashMap<(u32, u32), u32>,
}

impl RouteTable {
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
        set: AttrSetId,
        universe: usize,
    ) -> Option<AttrSetId> {
        if let Some(p) = path_id {
            return self.paths.insert((nlri, p), set.0).map(AttrSetId);
        }
        let old = match &mut self.main {
            Main::Sparse(v) => match v.binary_search_by_key(&nlri, |&(k, _)| k) {
                Ok(i) => Some(std::mem::replace(&mut v[i].1, set.0)),
                Err(i) => {
                    v.insert(i, (nlri, set.0));
                    None
                }
            },
            Main::Dense(v) => {
                let i = nlri as usize;
                if i >= v.len() {
                    v.resize(i + 1, EMPTY);
                }
                let old = std::mem::replace(&mut v[i], set.0);
                (old != EMPTY).then_some(old)
            }
        };
        if old.is_none() {
            self.main_len += 1;
            self.maybe_densify(universe);
        }
        old.map(AttrSetId)
    }

    fn maybe_densify(&mut self, universe: usize) {
        if let Main::Sparse(v) = &self.main {
            if v.len() >= DENSE_MIN && v.len() * 2 >= universe {
                let mut dense =
                    vec![EMPTY; universe.max(v.last().map_or(0, |&(k, _)| k as usize + 1))];
                for &(k, s) in v {
                    dense[k as usize] = s;
                }
                self.main = Main::Dense(dense);
            }
        }
    }

    /// Removes a route; returns its set, or `None` if it was not there.
    pub(crate) fn remove(&mut self, nlri: u32, path_id: Option<u32>) -> Option<AttrSetId> {
        if let Some(p) = path_id {
            return self.paths.remove(&(nlri, p)).map(AttrSetId);
        }
        let old = match &mut self.main {
            Main::Sparse(v) => match v.binary_search_by_key(&nlri, |&(k, _)| k) {
                Ok(i) => Some(v.remove(i).1),
                Err(_) => None,
            },
            Main::Dense(v) => match v.get_mut(nlri as usize) {
                Some(slot) if *slot != EMPTY => Some(std::mem::replace(slot, EMPTY)),
                _ => None,
            },
        };
        if old.is_some() {
            self.main_len -= 1;
        }
        old.map(AttrSetId)
    }

    /// The route without path id for `nlri`.
    pub(crate) fn get(&self, nlri: u32) -> Option<AttrSetId> {
        match &self.main {
            Main::Sparse(v) => v
                .binary_search_by_key(&nlri, |&(k, _)| k)
                .ok()
                .map(|i| AttrSetId(v[i].1)),
            Main::Dense(v) => v
                .get(nlri as usize)
                .filter(|&&s| s != EMPTY)
                .map(|&s| AttrSetId(s)),
        }
    }

    /// The routes with a path id for `nlri`, sorted by path id.
    pub(crate) fn get_paths(&self, nlri: u32) -> Vec<(u32, AttrSetId)> {
        if self.paths.is_empty() {
            return Vec::new();
        }
        let mut v: Vec<(u32, AttrSetId)> = self
            .paths
            .iter()
            .filter(|((n, _), _)| *n == nlri)
            .map(|(&(_, p), &s)| (p, AttrSetId(s)))
            .collect();
        v.sort_unstable();
        v
    }

    /// Every route as (nlri, path id, set), in NLRI id order, then path id (no path id first).
    pub(crate) fn entries(&self) -> Vec<(u32, Option<u32>, AttrSetId)> {
        let mut out: Vec<(u32, Option<u32>, AttrSetId)> = Vec::with_capacity(self.len());
        match &self.main {
            Main::Sparse(v) => out.extend(v.iter().map(|&(k, s)| (k, None, AttrSetId(s)))),
            Main::Dense(v) => out.extend(
                v.iter()
                    .enumerate()
                    .filter(|(_, &s)| s != EMPTY)
                    .map(|(k, &s)| (k as u32, None, AttrSetId(s))),
            ),
        }
        if !self.paths.is_empty() {
            out.extend(
                self.paths
                    .iter()
                    .map(|(&(n, p), &s)| (n, Some(p), AttrSetId(s))),
            );
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
                .filter(|(_, &s)| s != EMPTY)
                .for_each(|(k, _)| f(k as u32)),
        }
        self.paths.keys().for_each(|&(n, _)| f(n));
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        let main = match &self.main {
            Main::Sparse(v) => v.capacity() * 8,
            Main::Dense(v) => v.capacity() * 4,
        };
        let paths = if self.paths.capacity() == 0 {
            0
        } else {
            (self.paths.capacity() * 8 / 7).next_power_of_two() * (12 + 1)
        };
        main + paths
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match &mut self.main {
            Main::Sparse(v) => v.shrink_to_fit(),
            Main::Dense(v) => {
                while v.last() == Some(&EMPTY) {
                    v.pop();
                }
                v.shrink_to_fit();
            }
        }
        self.paths.shrink_to_fit();
    }
}
