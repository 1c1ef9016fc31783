//! `Pool<T>`: a sharded table of interned values under a runtime-changeable policy.

use std::fmt;
use std::mem::size_of;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use hashbrown::HashTable;
use parking_lot::Mutex;

use crate::{Internable, Interned, Policy, Stats};

/// The end of a slot list.
const NIL: u32 = u32::MAX;

/// Under `Weak`, a shard reclaims dead entries after this many inserts at the least (and after
/// as many inserts as it had live entries at its last purge), so reclaiming costs O(1) per insert.
const PURGE_MIN: usize = 64;

/// The most shards a pool splits into (shard bits are taken from bits 48.. of the hash, clear of
/// the bits hashbrown uses for its tags).
const MAX_SHARDS: usize = 256;

/// What a shard does on a miss, copied into each shard from the pool's [`Policy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Inline,
    Unbounded,
    Lru,
    Weak,
}

/// One entry of a shard's slab. Occupied slots are linked most-recent-first (the LRU order,
/// kept under every policy so that switching to `Lru` needs no rebuild); free slots are chained
/// through `next`.
struct Slot<S: ?Sized> {
    stored: Option<Arc<S>>,
    prev: u32,
    next: u32,
}

/// A slab of entries with an intrusive doubly linked recency list and a free list.
struct Slab<S: ?Sized> {
    slots: Vec<Slot<S>>,
    free: u32,
    head: u32,
    tail: u32,
}

impl<S: ?Sized> Slab<S> {
    const fn new() -> Self {
        Self {
            slots: Vec::new(),
            free: NIL,
            head: NIL,
            tail: NIL,
        }
    }

    fn get(&self, i: u32) -> Option<&Arc<S>> {
        self.slots.get(i as usize).and_then(|s| s.stored.as_ref())
    }

    /// Stores `stored` in a free slot at the front of the recency list; `None` when the slab is
    /// full (u32 indices).
    fn push_front(&mut self, stored: Arc<S>) -> Option<u32> {
        let i = if self.free != NIL {
            let i = self.free;
            self.free = self.slots[i as usize].next;
            self.slots[i as usize].stored = Some(stored);
            i
        } else {
            let i = u32::try_from(self.slots.len()).ok().filter(|&i| i != NIL)?;
            self.slots.push(Slot {
                stored: Some(stored),
                prev: NIL,
                next: NIL,
            });
            i
        };
        self.link_front(i);
        Some(i)
    }

    fn link_front(&mut self, i: u32) {
        let old = self.head;
        {
            let s = &mut self.slots[i as usize];
            s.prev = NIL;
            s.next = old;
        }
        if old != NIL {
            self.slots[old as usize].prev = i;
        } else {
            self.tail = i;
        }
        self.head = i;
    }

    fn unlink(&mut self, i: u32) {
        let (prev, next) = {
            let s = &self.slots[i as usize];
            (s.prev, s.next)
        };
        if prev != NIL {
            self.slots[prev as usize].next = next;
        } else {
            self.head = next;
        }
        if next != NIL {
            self.slots[next as usize].prev = prev;
        } else {
            self.tail = prev;
        }
    }

    /// Moves slot `i` to the front (most recently used).
    fn touch(&mut self, i: u32) {
        if self.head != i {
            self.unlink(i);
            self.link_front(i);
        }
    }

    /// Empties slot `i` and returns its value.
    fn remove(&mut self, i: u32) -> Option<Arc<S>> {
        let stored = self.slots.get_mut(i as usize)?.stored.take()?;
        self.unlink(i);
        let s = &mut self.slots[i as usize];
        s.prev = NIL;
        s.next = self.free;
        self.free = i;
        Some(stored)
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * size_of::<Slot<S>>()
    }
}

/// The part of a shard behind its lock.
struct Inner<T: ?Sized + Internable> {
    table: HashTable<u32>,
    slab: Slab<T::Stored>,
    mode: Mode,
    /// This shard's share of an LRU capacity.
    cap: usize,
    live: usize,
    payload: usize,
    stored_bytes: usize,
    since_purge: usize,
    purge_at: usize,
}

/// Counters a shard publishes for [`Pool::stats`]. They are written only under the shard lock
/// (a relaxed load and store, no read-modify-write), and read without it.
#[derive(Default)]
struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    inserts: AtomicU64,
    evictions: AtomicU64,
    released: AtomicU64,
    bytes_saved: AtomicU64,
    live: AtomicU64,
    payload: AtomicU64,
    stored: AtomicU64,
    table: AtomicU64,
}

fn bump(c: &AtomicU64, by: usize) {
    c.store(c.load(Relaxed).wrapping_add(by as u64), Relaxed);
}

/// A lock, a table and its counters, padded to its own cache lines.
#[repr(align(128))]
struct Shard<T: ?Sized + Internable> {
    inner: Mutex<Inner<T>>,
    counters: Counters,
}

type Dead<T> = Vec<Arc<<T as Internable>::Stored>>;

impl<T: ?Sized + Internable> Inner<T> {
    fn new(mode: Mode, cap: usize) -> Self {
        Self {
            table: HashTable::new(),
            slab: Slab::new(),
            mode,
            cap,
            live: 0,
            payload: 0,
            stored_bytes: 0,
            since_purge: 0,
            purge_at: PURGE_MIN,
        }
    }

    fn find(&self, hash: u64, value: &T) -> Option<u32> {
        let slab = &self.slab;
        self.table
            .find(hash, |&i| {
                slab.get(i).is_some_and(|s| T::stored_value(s) == value)
            })
            .copied()
    }

    /// Removes slot `i` (its table entry and its recency link) and returns its value.
    fn remove(&mut self, i: u32) -> Option<Arc<T::Stored>> {
        let stored = self.slab.remove(i)?;
        if let Ok(entry) = self.table.find_entry(T::stored_hash(&stored), |&j| j == i) {
            entry.remove();
        }
        self.forget(&stored);
        Some(stored)
    }

    fn forget(&mut self, stored: &T::Stored) {
        let value = T::stored_value(stored);
        self.live -= 1;
        self.payload -= value.payload_len();
        self.stored_bytes -= value.stored_size();
    }

    /// Evicts least recently used entries until at most `keep` remain.
    fn evict_to(&mut self, keep: usize, c: &Counters, dead: &mut Dead<T>) {
        while self.live > keep {
            let Some(stored) = self.remove(self.slab.tail) else {
                break;
            };
            bump(&c.evictions, 1);
            dead.push(stored);
        }
    }

    /// Releases every entry that no handle holds.
    fn purge(&mut self, c: &Counters, dead: &mut Dead<T>) -> usize {
        let before = dead.len();
        let slab = &mut self.slab;
        self.table.retain(|&mut i| {
            let unused = slab.get(i).is_some_and(|s| Arc::strong_count(s) == 1);
            if unused {
                if let Some(s) = slab.remove(i) {
                    dead.push(s);
                }
            }
            !unused
        });
        let released = dead.len() - before;
        for stored in &dead[before..] {
            self.forget(stored);
        }
        bump(&c.released, released);
        if self.live == 0 {
            // Nothing left: give the table and the slab back too.
            self.table = HashTable::new();
            self.slab = Slab::new();
        }
        self.since_purge = 0;
        self.purge_at = self.live.max(PURGE_MIN);
        released
    }

    fn clear(&mut self, dead: &mut Dead<T>) {
        let table = std::mem::take(&mut self.table);
        drop(table);
        let slab = std::mem::replace(&mut self.slab, Slab::new());
        dead.extend(slab.slots.into_iter().filter_map(|s| s.stored));
        self.live = 0;
        self.payload = 0;
        self.stored_bytes = 0;
        self.since_purge = 0;
        self.purge_at = PURGE_MIN;
    }

    fn intern(&mut self, hash: u64, value: &T, c: &Counters, dead: &mut Dead<T>) -> Interned<T> {
        if let Some(i) = self.find(hash, value) {
            if let Some(stored) = self.slab.get(i) {
                let handle = Interned::from_stored(Arc::clone(stored));
                if self.mode == Mode::Lru {
                    self.slab.touch(i);
                }
                bump(&c.hits, 1);
                bump(&c.bytes_saved, value.payload_len());
                return handle;
            }
        }
        bump(&c.misses, 1);
        let stored = value.store(hash);
        match self.mode {
            Mode::Inline => return Interned::from_stored(stored),
            Mode::Lru => {
                if self.cap == 0 {
                    return Interned::from_stored(stored);
                }
                self.evict_to(self.cap - 1, c, dead);
            }
            Mode::Weak => {
                if self.since_purge >= self.purge_at {
                    self.purge(c, dead);
                }
            }
            Mode::Unbounded => {}
        }
        let Some(i) = self.slab.push_front(Arc::clone(&stored)) else {
            return Interned::from_stored(stored);
        };
        let slab = &self.slab;
        self.table
            .insert_unique(hash, i, |&j| slab.get(j).map_or(0, |s| T::stored_hash(s)));
        self.live += 1;
        self.payload += value.payload_len();
        self.stored_bytes += value.stored_size();
        self.since_purge += 1;
        bump(&c.inserts, 1);
        self.publish(c);
        Interned::from_stored(stored)
    }

    fn set_mode(&mut self, mode: Mode, cap: usize, c: &Counters, dead: &mut Dead<T>) {
        self.mode = mode;
        self.cap = cap;
        match mode {
            Mode::Inline => self.clear(dead),
            Mode::Lru => self.evict_to(cap, c, dead),
            Mode::Weak => {
                self.purge(c, dead);
            }
            Mode::Unbounded => {}
        }
        self.publish(c);
    }

    fn table_bytes(&self) -> usize {
        self.table.allocation_size() + self.slab.heap_bytes()
    }

    fn publish(&self, c: &Counters) {
        c.live.store(self.live as u64, Relaxed);
        c.payload.store(self.payload as u64, Relaxed);
        c.stored.store(self.stored_bytes as u64, Relaxed);
        c.table.store(self.table_bytes() as u64, Relaxed);
    }
}

/// A concurrent interning pool: one canonical [`Interned`] handle per distinct value, under a
/// [`Policy`] that can be changed while the pool is in use.
///
/// The pool is split into shards chosen by hash, each a `hashbrown::HashTable` of slot indices
/// behind its own lock; the value and its hash live in the handle's allocation. It is
/// `Send + Sync` and meant to be shared by `&` (or `Arc`) between threads.
///
/// ```
/// use ribcage_intern::{Interned, Policy, Pool};
///
/// let pool: Pool<[u8]> = Pool::new(Policy::Unbounded);
/// let a = pool.intern(b"65000 65001".as_slice());
/// let b = pool.intern(b"65000 65001".as_slice());
/// assert!(Interned::ptr_eq(&a, &b));
/// assert_eq!(pool.len(), 1);
/// assert_eq!(pool.stats().hits, 1);
/// ```
pub struct Pool<T: ?Sized + Internable> {
    shards: Box<[Shard<T>]>,
    mask: usize,
    policy: Mutex<Policy>,
    inline: AtomicBool,
    inline_calls: AtomicU64,
}

/// The default shard count: four per available core, a power of two from 4 to 64.
fn default_shards() -> usize {
    let cores = std::thread::available_parallelism().map_or(4, |n| n.get());
    (cores * 4).next_power_of_two().clamp(4, 64)
}

fn mode_of(policy: Policy) -> Mode {
    match policy {
        Policy::Inline => Mode::Inline,
        Policy::Unbounded => Mode::Unbounded,
        Policy::Lru { .. } => Mode::Lru,
        Policy::Weak => Mode::Weak,
    }
}

/// Shard `k` of `n`'s share of the policy's capacity; the shares add up to the capacity.
fn share(policy: Policy, k: usize, n: usize) -> usize {
    match policy {
        Policy::Lru { capacity } => capacity / n + usize::from(k < capacity % n),
        _ => 0,
    }
}

impl<T: ?Sized + Internable> Pool<T> {
    /// A pool with the default number of shards (four per core, from 4 to 64).
    pub fn new(policy: Policy) -> Self {
        Self::with_shards(policy, default_shards())
    }

    /// A pool with `shards` shards, rounded up to a power of two from 1 to 256. One shard gives
    /// an exact LRU order; more shards let more threads intern at once.
    pub fn with_shards(policy: Policy, shards: usize) -> Self {
        let n = shards.clamp(1, MAX_SHARDS).next_power_of_two();
        let mode = mode_of(policy);
        let shards = (0..n)
            .map(|k| Shard {
                inner: Mutex::new(Inner::new(mode, share(policy, k, n))),
                counters: Counters::default(),
            })
            .collect();
        Self {
            shards,
            mask: n - 1,
            policy: Mutex::new(policy),
            inline: AtomicBool::new(mode == Mode::Inline),
            inline_calls: AtomicU64::new(0),
        }
    }

    fn shard(&self, hash: u64) -> &Shard<T> {
        &self.shards[(hash >> 48) as usize & self.mask]
    }

    /// The handle for `value`: the pool's canonical instance if it holds one (a hit: one hash,
    /// no allocation), else a new one, stored according to the policy. Under
    /// [`Policy::Inline`] the handle is a fresh allocation that the pool does not remember.
    pub fn intern(&self, value: &T) -> Interned<T> {
        if self.inline.load(Relaxed) {
            self.inline_calls.fetch_add(1, Relaxed);
            return Interned::new(value);
        }
        let hash = value.intern_hash();
        let shard = self.shard(hash);
        let mut dead = Vec::new();
        let handle = shard
            .inner
            .lock()
            .intern(hash, value, &shard.counters, &mut dead);
        // Released values are dropped here, after the lock is gone.
        drop(dead);
        handle
    }

    /// The canonical handle for `value` if the pool holds one; inserts nothing. Counts in no
    /// statistic, but under `Lru` it marks the entry as recently used.
    pub fn get(&self, value: &T) -> Option<Interned<T>> {
        if self.inline.load(Relaxed) {
            return None;
        }
        let hash = value.intern_hash();
        let mut inner = self.shard(hash).inner.lock();
        let i = inner.find(hash, value)?;
        let handle = inner
            .slab
            .get(i)
            .map(|s| Interned::from_stored(Arc::clone(s)));
        if inner.mode == Mode::Lru {
            inner.slab.touch(i);
        }
        handle
    }

    /// Number of entries. Under `Weak` this first releases unused entries (see [`Pool::purge`]),
    /// so it costs O(entries) there.
    pub fn len(&self) -> usize {
        self.purge_if_weak();
        self.shards.iter().map(|s| s.inner.lock().live).sum()
    }

    /// True when the pool holds no entry (same cost as [`Pool::len`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every entry. Handles stay valid; cumulative counters (calls, hits, ...) are kept.
    pub fn clear(&self) {
        for shard in self.shards.iter() {
            let mut dead = Vec::new();
            {
                let mut inner = shard.inner.lock();
                inner.clear(&mut dead);
                inner.publish(&shard.counters);
            }
            drop(dead);
        }
    }

    /// Releases every entry that no handle outside the pool holds, under any policy, and returns
    /// how many. Under `Weak` the pool calls this itself: in each shard once it has had as many
    /// inserts as it had live entries at its last purge (at least 64), so a shard never holds
    /// much more than twice its live set; and before `len`, `is_empty`, `iter`, `snapshot` and
    /// `for_each` answer, so an entry is gone by the time anyone counts or lists.
    /// The check runs under the shard lock, where no `intern` can hand out a new handle to the
    /// entry, and the values are dropped after unlocking.
    pub fn purge(&self) -> usize {
        let mut released = 0;
        for shard in self.shards.iter() {
            let mut dead = Vec::new();
            {
                let mut inner = shard.inner.lock();
                released += inner.purge(&shard.counters, &mut dead);
                inner.publish(&shard.counters);
            }
            drop(dead);
        }
        released
    }

    fn purge_if_weak(&self) {
        if *self.policy.lock() == Policy::Weak {
            self.purge();
        }
    }

    /// A snapshot of every entry's handle, shard by shard (no lock is held while it is used).
    pub fn snapshot(&self) -> Vec<Interned<T>> {
        self.purge_if_weak();
        let mut out = Vec::new();
        for shard in self.shards.iter() {
            let inner = shard.inner.lock();
            out.extend(
                inner
                    .table
                    .iter()
                    .filter_map(|&i| inner.slab.get(i))
                    .map(|s| Interned::from_stored(Arc::clone(s))),
            );
        }
        out
    }

    /// Iterates over a [`snapshot`](Pool::snapshot) of the entries.
    pub fn iter(&self) -> std::vec::IntoIter<Interned<T>> {
        self.snapshot().into_iter()
    }

    /// Calls `f` on every entry, shard by shard, on a snapshot of each shard taken under its
    /// lock and used after unlocking (so `f` may call into the pool).
    pub fn for_each(&self, mut f: impl FnMut(&Interned<T>)) {
        self.purge_if_weak();
        for shard in self.shards.iter() {
            let part: Vec<Interned<T>> = {
                let inner = shard.inner.lock();
                inner
                    .table
                    .iter()
                    .filter_map(|&i| inner.slab.get(i))
                    .map(|s| Interned::from_stored(Arc::clone(s)))
                    .collect()
            };
            part.iter().for_each(&mut f);
        }
    }

    /// Live statistics, summed over the shards, read without taking a lock (O(shards)). Under
    /// `Weak` the gauges may still count entries whose last handle dropped since their shard last
    /// purged: call [`Pool::purge`] (or [`Pool::len`]) first for exact figures.
    pub fn stats(&self) -> Stats {
        let mut st = Stats {
            shards: self.shards.len(),
            ..Stats::default()
        };
        let inline = self.inline_calls.load(Relaxed);
        st.misses = inline;
        for shard in self.shards.iter() {
            let c = &shard.counters;
            st.hits += c.hits.load(Relaxed);
            st.misses += c.misses.load(Relaxed);
            st.inserts += c.inserts.load(Relaxed);
            st.evictions += c.evictions.load(Relaxed);
            st.released += c.released.load(Relaxed);
            st.bytes_saved += c.bytes_saved.load(Relaxed);
            st.live_entries += c.live.load(Relaxed);
            st.payload_bytes += c.payload.load(Relaxed);
            st.heap_bytes += c.stored.load(Relaxed) + c.table.load(Relaxed);
            st.table_bytes += c.table.load(Relaxed);
        }
        let fixed = (self.shards.len() * size_of::<Shard<T>>()) as u64;
        st.table_bytes += fixed;
        st.heap_bytes += fixed;
        st.calls = st.hits + st.misses;
        st
    }

    /// Heap bytes the pool holds: its tables and slabs plus every stored allocation (before the
    /// allocator's rounding). Handles held outside keep evicted values alive beyond this.
    pub fn heap_bytes(&self) -> usize {
        usize::try_from(self.stats().heap_bytes).unwrap_or(usize::MAX)
    }

    /// The current policy.
    pub fn policy(&self) -> Policy {
        *self.policy.lock()
    }

    /// Changes the policy now: to `Lru` evicts down to the new capacity, to `Weak` releases
    /// unused entries, to `Inline` empties the pool. Handles stay valid throughout.
    pub fn set_policy(&self, policy: Policy) {
        let mut current = self.policy.lock();
        *current = policy;
        let mode = mode_of(policy);
        self.inline.store(mode == Mode::Inline, Relaxed);
        let n = self.shards.len();
        for (k, shard) in self.shards.iter().enumerate() {
            let mut dead = Vec::new();
            shard
                .inner
                .lock()
                .set_mode(mode, share(policy, k, n), &shard.counters, &mut dead);
            drop(dead);
        }
    }

    /// Number of shards.
    pub fn shards(&self) -> usize {
        self.shards.len()
    }
}

impl<T: ?Sized + Internable> Default for Pool<T> {
    /// A pool under the default policy ([`Policy::Weak`]).
    fn default() -> Self {
        Self::new(Policy::default())
    }
}

impl<T: ?Sized + Internable> fmt::Debug for Pool<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pool")
            .field("policy", &self.policy())
            .field("shards", &self.shards.len())
            .finish_non_exhaustive()
    }
}
