//! [`BytesPool`]: byte strings in one arena, addressed by `u32` index, optionally deduplicated
//! through a `hashbrown::HashTable` of indexes (a lookup by `&[u8]` allocates nothing).

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Counters of one pool, for the per-cache statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PoolCounters {
    /// Values offered to the pool.
    pub lookups: u64,
    /// Values found already present (not stored again).
    pub hits: u64,
    /// Bytes of all values offered.
    pub bytes_in: u64,
}

/// Byte strings stored back to back. Entries are never removed, so `u32` indexes stay valid for
/// the pool's life (the store's pools only grow; see the crate docs).
///
/// With `fixed = Some(w)` every entry takes exactly `w` bytes (callers pad) and no end offsets
/// are kept; otherwise `ends[i]` is the end of entry `i`.
#[derive(Debug)]
pub(crate) struct BytesPool {
    data: Vec<u8>,
    ends: Vec<u32>,
    fixed: Option<usize>,
    index: Option<HashTable<u32>>,
    hasher: DefaultHashBuilder,
    counters: PoolCounters,
}

impl BytesPool {
    /// A pool; `dedup` keeps an index so equal values share one entry.
    pub(crate) fn new(dedup: bool, fixed: Option<usize>) -> Self {
        Self {
            data: Vec::new(),
            ends: Vec::new(),
            fixed,
            index: dedup.then(HashTable::new),
            hasher: DefaultHashBuilder::default(),
            counters: PoolCounters::default(),
        }
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        match self.fixed {
            Some(w) => self.data.len() / w,
            None => self.ends.len(),
        }
    }

    /// Entry `id` (empty if out of range).
    #[inline]
    pub(crate) fn get(&self, id: u32) -> &[u8] {
        let i = id as usize;
        match self.fixed {
            Some(w) => self.data.get(i * w..(i + 1) * w).unwrap_or_default(),
            None => {
                let start = match i {
                    0 => 0,
                    _ => self.ends.get(i - 1).map_or(0, |&e| e as usize),
                };
                let end = self.ends.get(i).map_or(start, |&e| e as usize);
                self.data.get(start..end).unwrap_or_default()
            }
        }
    }

    fn hash(&self, bytes: &[u8]) -> u64 {
        self.hasher.hash_one(bytes)
    }

    /// The index of an entry equal to `bytes`, if the pool deduplicates and has one.
    pub(crate) fn find(&self, bytes: &[u8]) -> Option<u32> {
        let index = self.index.as_ref()?;
        let h = self.hash(bytes);
        index.find(h, |&id| self.get(id) == bytes).copied()
    }

    /// Stores `bytes` (or finds an equal entry when deduplicating) and returns its index, or
    /// `None` when the arena would pass 4 GiB (the caller counts the route as not stored).
    pub(crate) fn intern(&mut self, bytes: &[u8]) -> Option<u32> {
        self.counters.lookups += 1;
        self.counters.bytes_in += bytes.len() as u64;
        let h = match &self.index {
            Some(index) => {
                let h = self.hash(bytes);
                if let Some(&id) = index.find(h, |&id| self.get(id) == bytes) {
                    self.counters.hits += 1;
                    return Some(id);
                }
                Some(h)
            }
            None => None,
        };
        let id = u32::try_from(self.len()).ok()?;
        let end = u32::try_from(self.data.len() + bytes.len()).ok()?;
        if let Some(w) = self.fixed {
            if bytes.len() != w {
                return None;
            }
        } else {
            self.ends.push(end);
        }
        self.data.extend_from_slice(bytes);
        if let (Some(h), Some(index)) = (h, self.index.as_mut()) {
            let (data, ends, fixed, hasher) = (&self.data, &self.ends, self.fixed, &self.hasher);
            index.insert_unique(h, id, |&other| {
                hasher.hash_one(entry(data, ends, fixed, other))
            });
        }
        Some(id)
    }

    /// The pool's counters.
    pub(crate) fn counters(&self) -> PoolCounters {
        self.counters
    }

    /// Bytes of stored values (the arena's length).
    pub(crate) fn data_len(&self) -> usize {
        self.data.len()
    }

    /// Heap bytes held (capacities of the arena, offsets and index).
    pub(crate) fn heap_bytes(&self) -> usize {
        let index = self.index.as_ref().map_or(0, |t| {
            // hashbrown allocates buckets (a power of two) plus one control byte per bucket.
            let buckets = if t.capacity() == 0 {
                0
            } else {
                (t.capacity() * 8 / 7).next_power_of_two()
            };
            buckets * (std::mem::size_of::<u32>() + 1)
        });
        self.data.capacity() + self.ends.capacity() * 4 + index
    }

    /// Releases spare capacity.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.data.shrink_to_fit();
        self.ends.shrink_to_fit();
        if let Some(index) = self.index.as_mut() {
            let (data, ends, fixed, hasher) = (&self.data, &self.ends, self.fixed, &self.hasher);
            index.shrink_to_fit(|&id| hasher.hash_one(entry(data, ends, fixed, id)));
        }
    }
}

/// Entry `id` of an arena (the free-function form of [`BytesPool::get`] for rehash closures).
fn entry<'a>(data: &'a [u8], ends: &[u32], fixed: Option<usize>, id: u32) -> &'a [u8] {
    let i = id as usize;
    match fixed {
        Some(w) => data.get(i * w..(i + 1) * w).unwrap_or_default(),
        None => {
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            data.get(start..ends[i] as usize).unwrap_or_default()
        }
    }
}
