//! [`ArenaPool`]: byte strings stored back to back in one arena and named by `u32` indexes,
//! deduplicated through an index of those indexes: the most compact append-only interner.

use std::fmt;

use hashbrown::HashTable;

use crate::{Internable, Stats};

/// How an [`ArenaPool`] stores its values. `ArenaOptions::default()` deduplicates, takes values
/// of any length and allows the whole `u32` range:
///
/// ```
/// use ribcage_intern::{ArenaOptions, ArenaPool};
///
/// // Five-byte slots, no index (every value is appended), at most 1 MiB of payload.
/// let pool = ArenaPool::with_options(ArenaOptions {
///     dedup: false,
///     fixed_width: Some(5),
///     max_bytes: 1 << 20,
///     ..ArenaOptions::default()
/// });
/// assert!(pool.is_empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArenaOptions {
    /// Keep an index so that equal values share one entry (and [`ArenaPool::get`] can find
    /// them). Without it every [`ArenaPool::intern`] appends: the pool is then a compact list
    /// of byte strings with the same API and statistics, which is how a caller switches a
    /// field's interning off without changing its type.
    pub dedup: bool,
    /// Every value is exactly this many bytes long, so no end offsets are kept (4 bytes less per
    /// entry). Values of another length are refused. `None`: values of any length.
    pub fixed_width: Option<u32>,
    /// Most entries the pool may hold (at most `u32::MAX`, the default).
    pub max_entries: u32,
    /// Most payload bytes the arena may hold (at most `u32::MAX`, the default: end offsets are
    /// `u32`).
    pub max_bytes: u32,
}

impl Default for ArenaOptions {
    fn default() -> Self {
        Self {
            dedup: true,
            fixed_width: None,
            max_entries: u32::MAX,
            max_bytes: u32::MAX,
        }
    }
}

/// An append-only interning pool for byte strings that hands out `u32` indexes.
///
/// The values live back to back in one `Vec<u8>`, with one `u32` end offset each (none in
/// fixed-width mode); the index is a `hashbrown::HashTable<u32>` of entry numbers, so a distinct
/// value costs its payload, 4 bytes of offset and about 6 to 11 bytes of index (one `u32` and
/// one control byte per bucket, at a load of 44–88%), and the pool holds three heap blocks at
/// most, whatever it holds. A reference to a value is the caller's `u32`: 4 bytes. The
/// [break-even table](crate::breakeven) measures it against every other storage: 6.6 to 10.6
/// bytes beyond the payload per distinct value once shrunk, where an entry of a
/// [`Pool`](crate::Pool) or [`SymbolPool`](crate::SymbolPool) costs some 80 (one allocation per
/// value, with reference counts and a stored hash).
///
/// What it gives up for that:
/// - Nothing is ever removed: an index stays valid, and means the same value, for the pool's
///   life. Use a [`Pool`](crate::Pool) with `Lru` or `Weak` where values must go.
/// - A read needs the pool ([`resolve`](ArenaPool::resolve)), and interning needs `&mut`: one
///   writer at a time (wrap it in a lock, or use [`SymbolPool`](crate::SymbolPool) for
///   concurrent interning of any `T`).
/// - The index stores no hash (that would double its size): when it grows it rehashes values
///   from the arena, amortised O(1) per insert, and a value is hashed once per `intern`.
/// - At most `u32::MAX` entries and `u32::MAX` payload bytes (less if
///   [`ArenaOptions`] say so): past that, [`intern`](ArenaPool::intern) returns `None`.
///
/// A hit hashes the value once and allocates nothing; so does [`get`](ArenaPool::get).
/// Statistics use the vocabulary of [`Stats`]; `heap_bytes` is exact (the capacities of the
/// three allocations, the index by `HashTable::allocation_size`).
///
/// ```
/// use ribcage_intern::ArenaPool;
///
/// let mut pool = ArenaPool::new();
/// let a = pool.intern(b"65000 65001").unwrap();
/// let b = pool.intern(b"65002").unwrap();
/// assert_eq!(pool.intern(b"65000 65001"), Some(a));
/// assert_eq!((a, b), (0, 1)); // numbered in insertion order
/// assert_eq!(pool.resolve(a), Some(&b"65000 65001"[..]));
/// assert_eq!(pool.get(b"65003"), None);
///
/// let stats = pool.stats();
/// assert_eq!((stats.calls, stats.hits, stats.live_entries), (3, 1, 2));
/// assert_eq!(stats.payload_bytes, 16);
/// assert_eq!(stats.bytes_saved, 11);
/// ```
#[derive(Clone)]
pub struct ArenaPool {
    data: Vec<u8>,
    /// End offset of each entry in `data` (empty in fixed-width mode).
    ends: Vec<u32>,
    len: u32,
    options: ArenaOptions,
    /// Entry numbers by hash of their value (`Some` when deduplicating).
    index: Option<HashTable<u32>>,
    calls: u64,
    hits: u64,
    bytes_saved: u64,
}

/// The entry `id` of an arena: the free-function form of [`ArenaPool::resolve`], for the index's
/// rehash closure (which cannot borrow the whole pool while the index is borrowed mutably).
#[inline]
fn entry<'a>(
    data: &'a [u8],
    ends: &[u32],
    width: Option<u32>,
    len: u32,
    id: u32,
) -> Option<&'a [u8]> {
    if id >= len {
        return None;
    }
    let i = id as usize;
    match width {
        Some(w) => {
            let start = i.checked_mul(w as usize)?;
            data.get(start..start.checked_add(w as usize)?)
        }
        None => {
            let end = *ends.get(i)? as usize;
            let start = match i.checked_sub(1) {
                Some(prev) => *ends.get(prev)? as usize,
                None => 0,
            };
            data.get(start..end)
        }
    }
}

impl ArenaPool {
    /// An empty deduplicating pool for values of any length.
    pub fn new() -> Self {
        Self::with_options(ArenaOptions::default())
    }

    /// An empty pool with the given options.
    pub fn with_options(options: ArenaOptions) -> Self {
        Self {
            data: Vec::new(),
            ends: Vec::new(),
            len: 0,
            index: options.dedup.then(HashTable::new),
            options,
            calls: 0,
            hits: 0,
            bytes_saved: 0,
        }
    }

    /// The options the pool was made with.
    pub fn options(&self) -> ArenaOptions {
        self.options
    }

    /// The index of `value`, storing it if the pool does not hold it yet (or always, without
    /// dedup). Entries are numbered from 0 in insertion order.
    ///
    /// `None` when the value cannot be stored: the pool holds `max_entries` entries, the arena
    /// would pass `max_bytes`, or (fixed-width mode) the value is not `fixed_width` bytes long.
    /// Nothing is stored then; the call counts as a miss.
    pub fn intern(&mut self, value: &[u8]) -> Option<u32> {
        self.calls += 1;
        let hash = match &self.index {
            Some(index) => {
                let hash = value.intern_hash();
                if let Some(&id) = index.find(hash, |&id| self.resolve(id) == Some(value)) {
                    self.hits += 1;
                    self.bytes_saved += value.len() as u64;
                    return Some(id);
                }
                Some(hash)
            }
            None => None,
        };
        let id = self.append(value)?;
        if let (Some(hash), Some(index)) = (hash, self.index.as_mut()) {
            let (data, ends, width, len) =
                (&self.data, &self.ends, self.options.fixed_width, self.len);
            index.insert_unique(hash, id, |&other| {
                entry(data, ends, width, len, other).map_or(0, <[u8]>::intern_hash)
            });
        }
        Some(id)
    }

    /// Appends `value` as a new entry, if the limits allow.
    fn append(&mut self, value: &[u8]) -> Option<u32> {
        if self.len >= self.options.max_entries {
            return None;
        }
        let end = self.data.len().checked_add(value.len())?;
        let end = u32::try_from(end)
            .ok()
            .filter(|&e| e <= self.options.max_bytes)?;
        match self.options.fixed_width {
            Some(w) if value.len() != w as usize => return None,
            Some(_) => {}
            None => self.ends.push(end),
        }
        self.data.extend_from_slice(value);
        let id = self.len;
        self.len += 1;
        Some(id)
    }

    /// The index of `value` if the pool holds it (always `None` without dedup). Stores nothing
    /// and counts in no statistic.
    pub fn get(&self, value: &[u8]) -> Option<u32> {
        let index = self.index.as_ref()?;
        index
            .find(value.intern_hash(), |&id| self.resolve(id) == Some(value))
            .copied()
    }

    /// The value stored as entry `id`; `None` for an index this pool did not hand out.
    #[inline]
    pub fn resolve(&self, id: u32) -> Option<&[u8]> {
        entry(
            &self.data,
            &self.ends,
            self.options.fixed_width,
            self.len,
            id,
        )
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when the pool holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every entry with its index, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &[u8])> + '_ {
        (0..self.len).filter_map(|id| Some((id, self.resolve(id)?)))
    }

    /// Heap bytes the pool holds: the arena's and the offsets' capacities and the index's
    /// `allocation_size`. This is exactly what the pool asked the allocator for (before the
    /// allocator's own rounding and headers: three blocks at most).
    pub fn heap_bytes(&self) -> usize {
        self.data.capacity()
            + self.ends.capacity() * size_of::<u32>()
            + self.index.as_ref().map_or(0, HashTable::allocation_size)
    }

    /// Statistics. `misses` counts every call that found no entry, including those that could
    /// not store their value; `inserts` equals `live_entries` (nothing is ever removed), and
    /// `evictions` and `released` stay zero. `payload_bytes` is the arena's length,
    /// `table_bytes` everything else the pool holds (offsets, index, the arena's spare
    /// capacity), and `heap_bytes` their sum, exact (see [`heap_bytes`](ArenaPool::heap_bytes)).
    pub fn stats(&self) -> Stats {
        let heap = self.heap_bytes() as u64;
        let payload = self.data.len() as u64;
        Stats {
            calls: self.calls,
            hits: self.hits,
            misses: self.calls - self.hits,
            inserts: u64::from(self.len),
            bytes_saved: self.bytes_saved,
            live_entries: u64::from(self.len),
            payload_bytes: payload,
            table_bytes: heap - payload,
            heap_bytes: heap,
            shards: 1,
            ..Stats::default()
        }
    }

    /// Reserves room for `entries` more entries of `bytes` more payload bytes in all, so that
    /// a load of known size allocates once.
    pub fn reserve(&mut self, entries: usize, bytes: usize) {
        self.data.reserve(bytes);
        if self.options.fixed_width.is_none() {
            self.ends.reserve(entries);
        }
        if let Some(index) = self.index.as_mut() {
            let (data, ends, width, len) =
                (&self.data, &self.ends, self.options.fixed_width, self.len);
            index.reserve(entries, |&id| {
                entry(data, ends, width, len, id).map_or(0, <[u8]>::intern_hash)
            });
        }
    }

    /// Gives back spare capacity: call it when a load is done (the arena alone may hold up to
    /// twice its payload while it grows).
    pub fn shrink_to_fit(&mut self) {
        self.data.shrink_to_fit();
        self.ends.shrink_to_fit();
        if let Some(index) = self.index.as_mut() {
            let (data, ends, width, len) =
                (&self.data, &self.ends, self.options.fixed_width, self.len);
            index.shrink_to_fit(|&id| {
                entry(data, ends, width, len, id).map_or(0, <[u8]>::intern_hash)
            });
        }
    }
}

impl Default for ArenaPool {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ArenaPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArenaPool")
            .field("len", &self.len)
            .field("payload_bytes", &self.data.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
