//! `SymbolPool<T>` and `Symbol`: compact `u32` handles into an append-only pool, for fields whose
//! values are referenced far more often than they are distinct (see the break-even table).

use std::fmt;
use std::mem::size_of;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};

use hashbrown::HashTable;
use parking_lot::Mutex;

use crate::{Error, Internable, Interned, Stats};

/// A 4-byte handle to a value in one [`SymbolPool`]; read it with [`SymbolPool::resolve`].
///
/// Symbols are numbered from 0 in insertion order. A symbol means nothing outside the pool that
/// made it: equality of symbols is equality of values only within one pool.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Symbol(pub u32);

impl Symbol {
    /// The symbol's position in its pool (insertion order).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Symbol({})", self.0)
    }
}

/// One shard: a table of symbols behind a lock, and its counters (written under the lock).
#[repr(align(128))]
struct Shard {
    table: Mutex<HashTable<u32>>,
    hits: AtomicU64,
    misses: AtomicU64,
    bytes_saved: AtomicU64,
    payload: AtomicU64,
    stored: AtomicU64,
    table_bytes: AtomicU64,
}

fn bump(c: &AtomicU64, by: usize) {
    c.store(c.load(Relaxed).wrapping_add(by as u64), Relaxed);
}

/// An append-only interning pool that hands out [`Symbol`]s (`u32`) instead of
/// [`Interned`] handles: the `Unbounded` policy with 4-byte references.
///
/// Values are never evicted or released (there is no refcount to know when they are unused), a
/// read needs the pool ([`resolve`](SymbolPool::resolve) is lock-free), and the pool holds at
/// most 2³² values. In exchange a reference costs 4 bytes instead of 16 (slices, strings) or 8
/// (sized values): worth it where the [break-even table](crate::breakeven) shows references
/// vastly outnumbering values. Lookups are sharded like [`Pool`](crate::Pool)'s; the values
/// live in one lock-free append-only vector (`boxcar`).
///
/// ```
/// use ribcage_intern::SymbolPool;
///
/// let pool: SymbolPool<[u8]> = SymbolPool::new();
/// let a = pool.intern(b"65000 65001").unwrap();
/// assert_eq!(pool.intern(b"65000 65001").unwrap(), a);
/// assert_eq!(pool.resolve(a), Some(&b"65000 65001"[..]));
/// assert_eq!(std::mem::size_of_val(&a), 4);
/// ```
pub struct SymbolPool<T: ?Sized + Internable> {
    values: boxcar::Vec<Interned<T>>,
    shards: Box<[Shard]>,
    mask: usize,
    /// Most values the pool takes: 2³² (every `u32`), lower in unit tests.
    limit: usize,
    /// Values added or being added. Reserved before the push, across all shards, so threads
    /// adding values in different shards at once cannot take the pool past `limit`.
    reserved: AtomicUsize,
}

/// Values a `SymbolPool` can name: one per `u32`.
const SYMBOLS: usize = 1 << 32;

impl<T: ?Sized + Internable> SymbolPool<T> {
    /// A pool with the default number of shards (as [`Pool::new`](crate::Pool::new)).
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(4, |n| n.get());
        Self::with_shards((cores * 4).next_power_of_two().clamp(4, 64))
    }

    /// A pool with `shards` lookup shards, rounded up to a power of two from 1 to 256.
    pub fn with_shards(shards: usize) -> Self {
        let n = shards.clamp(1, 256).next_power_of_two();
        let shards = (0..n)
            .map(|_| Shard {
                table: Mutex::new(HashTable::new()),
                hits: AtomicU64::new(0),
                misses: AtomicU64::new(0),
                bytes_saved: AtomicU64::new(0),
                payload: AtomicU64::new(0),
                stored: AtomicU64::new(0),
                table_bytes: AtomicU64::new(0),
            })
            .collect();
        Self {
            values: boxcar::Vec::new(),
            shards,
            mask: n - 1,
            limit: SYMBOLS,
            reserved: AtomicUsize::new(0),
        }
    }

    /// A pool of `shards` shards that takes at most `limit` values (for tests of exhaustion).
    #[cfg(test)]
    pub(crate) fn with_limit(shards: usize, limit: usize) -> Self {
        Self {
            limit: limit.min(SYMBOLS),
            ..Self::with_shards(shards)
        }
    }

    fn shard(&self, hash: u64) -> &Shard {
        &self.shards[(hash >> 48) as usize & self.mask]
    }

    fn find(&self, table: &HashTable<u32>, hash: u64, value: &T) -> Option<Symbol> {
        let values = &self.values;
        table
            .find(hash, |&i| {
                values.get(i as usize).is_some_and(|h| **h == *value)
            })
            .map(|&i| Symbol(i))
    }

    /// The symbol for `value`, adding it if it is new. A hit hashes once, takes one shard lock
    /// and allocates nothing. Fails with [`Error::SymbolsExhausted`] for a new value once the
    /// pool holds 2³² values (one per `u32`); values already held keep their symbols.
    pub fn intern(&self, value: &T) -> Result<Symbol, Error> {
        let hash = value.intern_hash();
        let shard = self.shard(hash);
        let mut table = shard.table.lock();
        if let Some(sym) = self.find(&table, hash, value) {
            bump(&shard.hits, 1);
            bump(&shard.bytes_saved, value.payload_len());
            return Ok(sym);
        }
        bump(&shard.misses, 1);
        let full = self
            .reserved
            .fetch_update(Relaxed, Relaxed, |n| (n < self.limit).then_some(n + 1))
            .is_err();
        if full {
            return Err(Error::SymbolsExhausted { len: self.limit });
        }
        // Unit tests widen the window between the check and the push, where other shards'
        // threads run, so a check that does not reserve its place fails them.
        #[cfg(test)]
        std::thread::yield_now();
        let handle = Interned::new_detached(value, hash);
        // Fewer than `limit` (at most 2³²) pushes: the index fits.
        let Ok(i) = u32::try_from(self.values.push(handle)) else {
            return Err(Error::SymbolsExhausted { len: self.limit });
        };
        let values = &self.values;
        table.insert_unique(hash, i, |&j| {
            values
                .get(j as usize)
                .map_or(0, |h| Interned::stored_hash(h))
        });
        bump(&shard.payload, value.payload_len());
        bump(&shard.stored, value.stored_size());
        shard
            .table_bytes
            .store(table.allocation_size() as u64, Relaxed);
        Ok(Symbol(i))
    }

    /// The symbol for `value` if the pool holds it; adds nothing and counts in no statistic.
    pub fn get(&self, value: &T) -> Option<Symbol> {
        let hash = value.intern_hash();
        let table = self.shard(hash).table.lock();
        self.find(&table, hash, value)
    }

    /// The value behind `symbol`, without taking a lock; `None` for a symbol this pool did not
    /// hand out.
    pub fn resolve(&self, symbol: Symbol) -> Option<&T> {
        self.values.get(symbol.index()).map(|h| &**h)
    }

    /// The value behind `symbol` as a shared handle, which outlives the pool.
    pub fn handle(&self, symbol: Symbol) -> Option<Interned<T>> {
        self.values.get(symbol.index()).cloned()
    }

    /// Number of distinct values held.
    pub fn len(&self) -> usize {
        self.values.count()
    }

    /// True when the pool holds no value.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every value with its symbol, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (Symbol, &T)> + '_ {
        self.values
            .iter()
            .filter_map(|(i, h)| Some((Symbol(u32::try_from(i).ok()?), &**h)))
    }

    /// Statistics, as for [`Pool::stats`](crate::Pool::stats); `evictions` and `released` stay
    /// zero. `table_bytes` counts the value vector at one handle per value, not its spare
    /// capacity.
    pub fn stats(&self) -> Stats {
        let mut st = Stats {
            shards: self.shards.len(),
            ..Stats::default()
        };
        for s in self.shards.iter() {
            st.hits += s.hits.load(Relaxed);
            st.misses += s.misses.load(Relaxed);
            st.bytes_saved += s.bytes_saved.load(Relaxed);
            st.payload_bytes += s.payload.load(Relaxed);
            st.heap_bytes += s.stored.load(Relaxed);
            st.table_bytes += s.table_bytes.load(Relaxed);
        }
        st.calls = st.hits + st.misses;
        st.live_entries = self.values.count() as u64;
        st.inserts = st.live_entries;
        st.table_bytes += (self.shards.len() * size_of::<Shard>()) as u64
            + st.live_entries * (size_of::<Interned<T>>() as u64 + 8);
        st.heap_bytes += st.table_bytes;
        st
    }
}

impl<T: ?Sized + Internable> Default for SymbolPool<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: ?Sized + Internable> fmt::Debug for SymbolPool<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SymbolPool")
            .field("len", &self.len())
            .field("shards", &self.shards.len())
            .finish_non_exhaustive()
    }
}
