//! [`RouteTable`]: the routes of one (peer, family): NLRI id (and ADD-PATH id) to attribute
//! set handle, with no allocation per route.
//!
//! Routes without a path id live in a sorted `Vec<(nlri, set)>` (8 bytes a route) while the
//! peer holds few of the family's NLRI, and in dense columns indexed by NLRI id once it holds
//! at least half of them, as a full-table peer does: one [`PackedIds`] column per part of the
//! value, each 1 to 4 bytes a slot as the largest id needs. Routes with an ADD-PATH id
//! (RFC 7911) live in a hash map keyed by (nlri, path id).

use hashbrown::HashMap;

use crate::AttrSetId;

/// A column of `u32` ids stored at the narrowest width (1 to 4 bytes, little endian) that
/// holds every id written so far; it widens when a larger id arrives. The all-ones pattern of
/// the current width stands for `u32::MAX`, the free-slot marker, so the marker survives
/// widening and `resize` fills with `0xff`.
///
/// A table's ids are dense counters (attribute sets, label stacks), so a store with fewer than
/// 65,535 distinct sets pays 2 bytes a route instead of 4.
#[derive(Debug, Clone)]
pub(crate) struct PackedIds {
    width: usize,
    bytes: Vec<u8>,
}

impl Default for PackedIds {
    fn default() -> Self {
        Self {
            width: 1,
            bytes: Vec::new(),
        }
    }
}

/// The free-slot pattern (all ones) of a width, as a number.
fn all_ones(width: usize) -> u32 {
    if width >= 4 {
        u32::MAX
    } else {
        (1u32 << (8 * width)) - 1
    }
}

impl PackedIds {
    /// An empty column of `width` bytes per id (1 to 4).
    pub(crate) fn with_width(width: usize) -> Self {
        Self {
            width: width.clamp(1, 4),
            bytes: Vec::new(),
        }
    }

    /// Bytes per id.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Number of slots.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len() / self.width
    }

    /// The id in slot `i` (`u32::MAX` for a free slot), or `None` past the end.
    pub(crate) fn get(&self, i: usize) -> Option<u32> {
        let w = self.width;
        let b = self.bytes.get(i * w..i * w + w)?;
        let mut x = [0u8; 4];
        x[..w].copy_from_slice(b);
        let v = u32::from_le_bytes(x);
        Some(if v == all_ones(w) { u32::MAX } else { v })
    }

    /// Writes `v` into slot `i` (which must exist), widening the column if `v` needs it.
    pub(crate) fn set(&mut self, i: usize, v: u32) {
        if v != u32::MAX && v >= all_ones(self.width) {
            let mut w = self.width + 1;
            while v >= all_ones(w) {
                w += 1;
            }
            self.widen(w);
        }
        let w = self.width;
        if let Some(b) = self.bytes.get_mut(i * w..i * w + w) {
            b.copy_from_slice(&v.to_le_bytes()[..w]);
        }
    }

    /// Grows or shrinks to `n` slots; new slots are free.
    pub(crate) fn resize(&mut self, n: usize) {
        self.bytes.resize(n * self.width, 0xff);
    }

    fn widen(&mut self, width: usize) {
        let mut out = Vec::with_capacity(self.len() * width);
        for i in 0..self.len() {
            let v = self.get(i).unwrap_or(u32::MAX);
            out.extend_from_slice(&v.to_le_bytes()[..width]);
        }
        self.width = width;
        self.bytes = out;
    }

    /// Heap bytes held (capacity).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }

    /// Drops spare capacity.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// Drops trailing free slots.
    pub(crate) fn trim_free(&mut self) {
        while self.len() > 0 && self.get(self.len() - 1) == Some(u32::MAX) {
            self.bytes.truncate(self.bytes.len() - self.width);
        }
    }
}

/// What a table stores per route: an attribute set id, and for labeled families also the
/// label stack's handle. A dense slot whose first column is `u32::MAX` (which no stored id
/// reaches) is free.
pub(crate) trait Slot: Copy + Eq + std::fmt::Debug {
    /// Number of `u32` parts (dense columns).
    const COLUMNS: usize;
    /// Part `c` (`c < COLUMNS`).
    fn column(self, c: usize) -> u32;
    /// The value whose part `c` is `part(c)`.
    fn from_columns(part: impl Fn(usize) -> u32) -> Self;
}

impl Slot for u32 {
    const COLUMNS: usize = 1;
    fn column(self, _: usize) -> u32 {
        self
    }
    fn from_columns(part: impl Fn(usize) -> u32) -> Self {
        part(0)
    }
}

impl Slot for [u32; 2] {
    const COLUMNS: usize = 2;
    fn column(self, c: usize) -> u32 {
        self[c]
    }
    fn from_columns(part: impl Fn(usize) -> u32) -> Self {
        [part(0), part(1)]
    }
}

/// A sparse table turns dense past this many routes, if it holds half the family's NLRI.
const DENSE_MIN: usize = 256;

/// Dense storage: slot `i` is NLRI id `i`; column `c` holds part `c` of each value. A slot is
/// free when its first column is.
#[derive(Debug, Default)]
struct Dense {
    cols: [PackedIds; 2],
}

impl Dense {
    fn len(&self) -> usize {
        self.cols[0].len()
    }

    fn get<V: Slot>(&self, i: usize) -> Option<V> {
        let first = self.cols[0].get(i)?;
        (first != u32::MAX).then(|| {
            V::from_columns(|c| match c {
                0 => first,
                _ => self.cols[c].get(i).unwrap_or(u32::MAX),
            })
        })
    }

    /// Stores `v` in slot `i` (growing to hold it); returns the value it replaced.
    fn put<V: Slot>(&mut self, i: usize, v: V) -> Option<V> {
        if i >= self.len() {
            for col in &mut self.cols[..V::COLUMNS] {
                col.resize(i + 1);
            }
        }
        let old = self.get(i);
        for (c, col) in self.cols[..V::COLUMNS].iter_mut().enumerate() {
            col.set(i, v.column(c));
        }
        old
    }

    /// Frees slot `i`; returns the value it held.
    fn take<V: Slot>(&mut self, i: usize) -> Option<V> {
        let old = self.get(i)?;
        for col in &mut self.cols[..V::COLUMNS] {
            col.set(i, u32::MAX);
        }
        Some(old)
    }

    fn iter<V: Slot>(&self) -> impl Iterator<Item = (u32, V)> + '_ {
        (0..self.len()).filter_map(|i| self.get(i).map(|v| (i as u32, v)))
    }

    fn heap_bytes(&self) -> usize {
        self.cols.iter().map(PackedIds::heap_bytes).sum()
    }

    fn shrink_to_fit(&mut self, columns: usize) {
        self.cols[0].trim_free();
        self.cols[0].shrink_to_fit();
        let n = self.cols[0].len();
        for col in &mut self.cols[1..columns] {
            col.resize(n);
            col.shrink_to_fit();
        }
    }
}

#[derive(Debug)]
enum Main<V> {
    Sparse(Vec<(u32, V)>),
    Dense(Dense),
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

    /// Bytes per dense slot (the sum of the columns' widths), or `None` while sparse.
    #[cfg(test)]
    pub(crate) fn dense_width(&self) -> Option<usize> {
        match &self.main {
            Main::Sparse(_) => None,
            Main::Dense(d) => Some(d.cols[..V::COLUMNS].iter().map(PackedIds::width).sum()),
        }
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
            Main::Dense(d) => d.put(nlri as usize, set),
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
                let n = universe.max(v.last().map_or(0, |&(k, _)| k as usize + 1));
                let mut dense = Dense::default();
                for col in &mut dense.cols[..V::COLUMNS] {
                    col.resize(n);
                }
                for &(k, s) in v {
                    dense.put(k as usize, s);
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
            Main::Dense(d) => d.take(nlri as usize),
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
            Main::Dense(d) => d.get(nlri as usize),
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
            Main::Dense(d) => out.extend(d.iter().map(|(k, s)| (k, None, s))),
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
            Main::Dense(d) => d.iter::<V>().for_each(|(k, _)| f(k)),
        }
        self.paths.keys().for_each(|&(n, _)| f(n));
    }

    /// Renames every NLRI id `k` to `new_id[k]` (after the family's store was compacted);
    /// `universe` is the store's new id count.
    pub(crate) fn renumber(&mut self, new_id: &[u32], universe: usize) {
        let map = |k: u32| new_id.get(k as usize).copied().unwrap_or(k);
        match &mut self.main {
            Main::Sparse(v) => {
                for e in v.iter_mut() {
                    e.0 = map(e.0);
                }
                v.sort_unstable_by_key(|&(k, _)| k);
            }
            Main::Dense(d) => {
                let mut out = Dense::default();
                for (c, col) in out.cols[..V::COLUMNS].iter_mut().enumerate() {
                    // Start at the old widths: no widening while copying.
                    *col = PackedIds::with_width(d.cols[c].width());
                    col.resize(universe);
                }
                for (k, s) in d.iter::<V>() {
                    out.put(map(k) as usize, s);
                }
                *d = out;
            }
        }
        if !self.paths.is_empty() {
            self.paths = self
                .paths
                .drain()
                .map(|((n, p), s)| ((map(n), p), s))
                .collect();
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        let size = std::mem::size_of::<V>();
        let main = match &self.main {
            Main::Sparse(v) => v.capacity() * std::mem::size_of::<(u32, V)>(),
            Main::Dense(d) => d.heap_bytes(),
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
            Main::Dense(d) => d.shrink_to_fit(V::COLUMNS),
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

    pub(crate) fn renumber(&mut self, new_id: &[u32], universe: usize) {
        match self {
            Table::Plain(t) => t.renumber(new_id, universe),
            Table::Labeled(t) => t.renumber(new_id, universe),
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match self {
            Table::Plain(t) => t.shrink_to_fit(),
            Table::Labeled(t) => t.shrink_to_fit(),
        }
    }
}
