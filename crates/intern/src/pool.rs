//! `Pool<T>`: a sharded table of interned values under a runtime-changeable policy.
//!
//! Each shard keeps its entries in a slab with an intrusive recency list, in one of two forms:
//! strong references (`Unbounded`, `Lru`: the pool keeps each entry alive) or weak references
//! with the entry's hash (`Weak`: the handles keep it alive). Every pooled entry's header points
//! back to its shard; when the last strong reference to a `Weak` pool's entry drops, the
//! header's destructor locks the shard, removes the dead entry and unlocks, and only then is the
//! value dropped. No reference to an entry is ever dropped while a shard lock is held (removed
//! entries go to a `dead` list dropped after unlocking), so that destructor can never deadlock.

use std::fmt;
use std::mem::size_of;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};

use hashbrown::HashTable;
use parking_lot::Mutex;

use crate::internable::{Header, ARC_COUNTS};
use crate::{Internable, Interned, Policy, Stats};

use Ordering::{Acquire, Relaxed, Release};

/// The end of a slot list.
const NIL: u32 = u32::MAX;

/// The most shards a pool splits into (shard bits are taken from bits 48.. of the hash, clear of
/// the bits hashbrown uses for its tags).
const MAX_SHARDS: usize = 256;

/// A `Weak` shard whose last entry goes gives its table and slab back if the table has room for
/// at least this many entries (smaller ones are kept, so that a shard going between empty and a
/// few entries does not reallocate each time).
const SHRINK_MIN: usize = 64;

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
struct Slot<K> {
    entry: Option<K>,
    prev: u32,
    next: u32,
}

/// A slab of entries with an intrusive doubly linked recency list and a free list.
struct Slab<K> {
    slots: Vec<Slot<K>>,
    free: u32,
    head: u32,
    tail: u32,
}

impl<K> Slab<K> {
    const fn new() -> Self {
        Self {
            slots: Vec::new(),
            free: NIL,
            head: NIL,
            tail: NIL,
        }
    }

    fn get(&self, i: u32) -> Option<&K> {
        self.slots.get(i as usize).and_then(|s| s.entry.as_ref())
    }

    /// Stores `entry` in a free slot at the front of the recency list; `None` when the slab is
    /// full (u32 indices).
    fn push_front(&mut self, entry: K) -> Result<u32, K> {
        let i = if self.free != NIL {
            let i = self.free;
            self.free = self.slots[i as usize].next;
            self.slots[i as usize].entry = Some(entry);
            i
        } else {
            let Some(i) = u32::try_from(self.slots.len()).ok().filter(|&i| i != NIL) else {
                return Err(entry);
            };
            self.slots.push(Slot {
                entry: Some(entry),
                prev: NIL,
                next: NIL,
            });
            i
        };
        self.link_front(i);
        Ok(i)
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

    /// Empties slot `i` and returns its entry.
    fn remove(&mut self, i: u32) -> Option<K> {
        let entry = self.slots.get_mut(i as usize)?.entry.take()?;
        self.unlink(i);
        let s = &mut self.slots[i as usize];
        s.prev = NIL;
        s.next = self.free;
        self.free = i;
        Some(entry)
    }

    /// The same slab with each entry converted by `f`, keeping every index and the recency
    /// order; entries `f` turns into `None` are removed.
    fn convert<L>(self, mut f: impl FnMut(u32, K) -> Option<L>) -> Slab<L> {
        let mut out = Slab {
            slots: Vec::with_capacity(self.slots.len()),
            free: self.free,
            head: self.head,
            tail: self.tail,
        };
        let mut gone = Vec::new();
        for (i, s) in self.slots.into_iter().enumerate() {
            let was_used = s.entry.is_some();
            let entry = s.entry.and_then(|e| f(i as u32, e));
            if was_used && entry.is_none() {
                gone.push(i as u32);
            }
            out.slots.push(Slot {
                entry,
                prev: s.prev,
                next: s.next,
            });
        }
        for i in gone {
            out.unlink(i);
            let s = &mut out.slots[i as usize];
            s.prev = NIL;
            s.next = out.free;
            out.free = i;
        }
        out
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * size_of::<Slot<K>>()
    }
}

/// A `Weak` pool's reference to an entry: the handles keep the entry alive, not the pool. The
/// hash is kept beside it because a dead entry can no longer be read.
struct WeakRef<S: ?Sized> {
    weak: Weak<S>,
    hash: u64,
}

/// A shard's entries: held strongly (`Unbounded`, `Lru`, `Inline`) or weakly (`Weak`).
enum Entries<S: ?Sized> {
    Strong(Slab<Arc<S>>),
    Weak(Slab<WeakRef<S>>),
}

/// The part of a shard behind its lock.
struct Inner<T: ?Sized + Internable> {
    table: HashTable<u32>,
    entries: Entries<T::Stored>,
    mode: Mode,
    /// This shard's share of an LRU capacity.
    cap: usize,
    live: usize,
    payload: usize,
    stored_bytes: usize,
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

/// A lock, a table and its counters, padded to its own cache lines. Each shard lives in its own
/// `Arc` so that entries can point back to it weakly.
#[repr(align(128))]
pub(crate) struct Shard<T: ?Sized + Internable> {
    inner: Mutex<Inner<T>>,
    counters: Counters,
    /// True under `Weak`, written under the lock: lets the entries of the other policies skip
    /// the lock when they die (they are never in the table then).
    weak_mode: AtomicBool,
    /// This shard, for the headers of new entries.
    me: Weak<Shard<T>>,
}

type Dead<T> = Vec<Arc<<T as Internable>::Stored>>;

impl<T: ?Sized + Internable> Shard<T> {
    /// Called by an entry's header when the last strong reference to the entry has gone: under
    /// `Weak`, removes the dead entry from the table (if an `intern` has not already replaced it).
    pub(crate) fn entry_died(&self, hash: u64) {
        if !self.weak_mode.load(Acquire) {
            return;
        }
        let mut inner = self.inner.lock();
        if inner.remove_dead(hash) {
            bump(&self.counters.released, 1);
            inner.publish(&self.counters);
        }
    }
}

impl<T: ?Sized + Internable> Inner<T> {
    fn new(mode: Mode, cap: usize) -> Self {
        Self {
            table: HashTable::new(),
            entries: if mode == Mode::Weak {
                Entries::Weak(Slab::new())
            } else {
                Entries::Strong(Slab::new())
            },
            mode,
            cap,
            live: 0,
            payload: 0,
            stored_bytes: 0,
        }
    }

    /// The entry for `value` as a new handle, and its slot. Under `Weak`, entries found dead are
    /// skipped, and a live one whose value differs is put in `dead` (it must not be dropped under
    /// the lock).
    fn lookup(&mut self, hash: u64, value: &T, dead: &mut Dead<T>) -> Option<(u32, Interned<T>)> {
        match &self.entries {
            Entries::Strong(slab) => {
                let &i = self.table.find(hash, |&i| {
                    slab.get(i).is_some_and(|s| T::stored_value(s) == value)
                })?;
                let stored = slab.get(i)?;
                Some((i, Interned::from_stored(Arc::clone(stored))))
            }
            Entries::Weak(slab) => {
                let mut found = None;
                let &i = self.table.find(hash, |&i| {
                    let Some(w) = slab.get(i).filter(|w| w.hash == hash) else {
                        return false;
                    };
                    match w.weak.upgrade() {
                        Some(s) if T::stored_value(&s) == value => {
                            found = Some(s);
                            true
                        }
                        Some(other) => {
                            dead.push(other);
                            false
                        }
                        None => false,
                    }
                })?;
                found.map(|s| (i, Interned::from_stored(s)))
            }
        }
    }

    fn forget(&mut self, payload: usize) {
        self.live -= 1;
        self.payload -= payload;
        self.stored_bytes -= T::stored_size_of_len(payload);
    }

    /// Removes strongly held slot `i` (its table entry and its recency link) into `dead`.
    fn remove_strong(&mut self, i: u32, dead: &mut Dead<T>) -> bool {
        let Entries::Strong(slab) = &mut self.entries else {
            return false;
        };
        let Some(stored) = slab.remove(i) else {
            return false;
        };
        if let Ok(entry) = self.table.find_entry(T::stored_hash(&stored), |&j| j == i) {
            entry.remove();
        }
        self.forget(T::stored_value(&stored).payload_len());
        dead.push(stored);
        true
    }

    /// Removes a dead entry filed under `hash`, if the table still holds one.
    ///
    /// Removing any dead entry of that hash (not necessarily the one whose header called) is
    /// enough: each dead entry's header calls once, and every entry of a hash lies on that
    /// hash's probe sequence, so there are never more dead entries of a hash than calls to come.
    fn remove_dead(&mut self, hash: u64) -> bool {
        let Entries::Weak(slab) = &mut self.entries else {
            return false;
        };
        let Ok(entry) = self.table.find_entry(hash, |&i| {
            slab.get(i)
                .is_some_and(|w| w.hash == hash && w.weak.strong_count() == 0)
        }) else {
            return false;
        };
        let (i, _) = entry.remove();
        let Some(w) = slab.remove(i) else {
            return false;
        };
        self.forget(T::weak_payload_len(&w.weak));
        if self.live == 0 && self.table.capacity() >= SHRINK_MIN {
            // Empty: give a large table back (amortised over the inserts that grew it).
            self.shrink();
        }
        true
    }

    /// Evicts least recently used entries until at most `keep` remain.
    fn evict_to(&mut self, keep: usize, c: &Counters, dead: &mut Dead<T>) {
        while self.live > keep {
            let tail = match &self.entries {
                Entries::Strong(slab) => slab.tail,
                Entries::Weak(_) => break,
            };
            if !self.remove_strong(tail, dead) {
                break;
            }
            bump(&c.evictions, 1);
        }
    }

    /// Releases every entry that no handle holds: under `Unbounded` and `Lru`, those only the
    /// pool references; under `Weak`, dead entries whose header has not yet removed them.
    fn purge(&mut self, c: &Counters, dead: &mut Dead<T>) -> usize {
        let mut payloads = Vec::new();
        match &mut self.entries {
            Entries::Strong(slab) => {
                self.table.retain(|&mut i| {
                    let unused = slab.get(i).is_some_and(|s| Arc::strong_count(s) == 1);
                    if unused {
                        if let Some(s) = slab.remove(i) {
                            payloads.push(T::stored_value(&s).payload_len());
                            dead.push(s);
                        }
                    }
                    !unused
                });
            }
            Entries::Weak(slab) => {
                self.table.retain(|&mut i| {
                    let gone = slab.get(i).is_some_and(|w| w.weak.strong_count() == 0);
                    if gone {
                        if let Some(w) = slab.remove(i) {
                            payloads.push(T::weak_payload_len(&w.weak));
                        }
                    }
                    !gone
                });
            }
        }
        for &p in &payloads {
            self.forget(p);
        }
        bump(&c.released, payloads.len());
        if self.live == 0 {
            self.shrink();
        }
        payloads.len()
    }

    /// Gives the table and the slab back (only when empty).
    fn shrink(&mut self) {
        self.table = HashTable::new();
        self.entries = match self.entries {
            Entries::Strong(_) => Entries::Strong(Slab::new()),
            Entries::Weak(_) => Entries::Weak(Slab::new()),
        };
    }

    fn clear(&mut self, dead: &mut Dead<T>) {
        self.table = HashTable::new();
        let weak = matches!(self.entries, Entries::Weak(_));
        let old = std::mem::replace(
            &mut self.entries,
            if weak {
                Entries::Weak(Slab::new())
            } else {
                Entries::Strong(Slab::new())
            },
        );
        // Weak references are dropped here (that frees no value); strong ones after unlocking.
        if let Entries::Strong(slab) = old {
            dead.extend(slab.slots.into_iter().filter_map(|s| s.entry));
        }
        self.live = 0;
        self.payload = 0;
        self.stored_bytes = 0;
    }

    fn intern(
        &mut self,
        hash: u64,
        value: &T,
        me: &Weak<Shard<T>>,
        c: &Counters,
        dead: &mut Dead<T>,
    ) -> Interned<T> {
        if let Some((i, handle)) = self.lookup(hash, value, dead) {
            if self.mode == Mode::Lru {
                if let Entries::Strong(slab) = &mut self.entries {
                    slab.touch(i);
                }
            }
            bump(&c.hits, 1);
            bump(&c.bytes_saved, value.payload_len());
            return handle;
        }
        bump(&c.misses, 1);
        match self.mode {
            Mode::Inline => return Interned::new_detached(value, hash),
            Mode::Lru => {
                if self.cap == 0 {
                    return Interned::new_detached(value, hash);
                }
                self.evict_to(self.cap - 1, c, dead);
            }
            Mode::Weak | Mode::Unbounded => {}
        }
        let stored = value.store(Header::new(hash, me.clone()));
        let pushed = match &mut self.entries {
            Entries::Strong(slab) => slab
                .push_front(Arc::clone(&stored))
                .map_err(|s| dead.push(s)),
            Entries::Weak(slab) => slab
                .push_front(WeakRef {
                    weak: Arc::downgrade(&stored),
                    hash,
                })
                .map_err(drop),
        };
        let Ok(i) = pushed else {
            // 2³² entries in one shard: hand out the value unpooled. Its header finds no entry.
            return Interned::from_stored(stored);
        };
        match &self.entries {
            Entries::Strong(slab) => {
                self.table
                    .insert_unique(hash, i, |&j| slab.get(j).map_or(0, |s| T::stored_hash(s)));
            }
            Entries::Weak(slab) => {
                self.table
                    .insert_unique(hash, i, |&j| slab.get(j).map_or(0, |w| w.hash));
            }
        }
        self.live += 1;
        self.payload += value.payload_len();
        self.stored_bytes += value.stored_size();
        bump(&c.inserts, 1);
        self.publish(c);
        Interned::from_stored(stored)
    }

    /// Switches the slab to weak references: entries only the pool holds are released now, the
    /// others are released by their last handle.
    fn hold_weakly(&mut self, c: &Counters, dead: &mut Dead<T>) {
        if matches!(self.entries, Entries::Weak(_)) {
            return;
        }
        let Entries::Strong(slab) =
            std::mem::replace(&mut self.entries, Entries::Weak(Slab::new()))
        else {
            return;
        };
        let mut gone = Vec::new();
        let slab = slab.convert(|i, s| {
            let keep = Arc::strong_count(&s) > 1;
            let out = keep.then(|| WeakRef {
                weak: Arc::downgrade(&s),
                hash: T::stored_hash(&s),
            });
            if !keep {
                gone.push((i, T::stored_hash(&s), T::stored_value(&s).payload_len()));
            }
            // The pool's reference is dropped after unlocking; if the last handle goes in the
            // meantime, this drop is the last one and the header removes the entry.
            dead.push(s);
            out
        });
        self.entries = Entries::Weak(slab);
        self.drop_gone(gone, c);
    }

    /// Switches the slab to strong references: the pool keeps every live entry from now on.
    fn hold_strongly(&mut self, c: &Counters) {
        if matches!(self.entries, Entries::Strong(_)) {
            return;
        }
        let Entries::Weak(slab) =
            std::mem::replace(&mut self.entries, Entries::Strong(Slab::new()))
        else {
            return;
        };
        let mut gone = Vec::new();
        let slab = slab.convert(|i, w| {
            let s = w.weak.upgrade();
            if s.is_none() {
                gone.push((i, w.hash, T::weak_payload_len(&w.weak)));
            }
            s
        });
        self.entries = Entries::Strong(slab);
        self.drop_gone(gone, c);
    }

    /// Removes the table entries of the slots (index, hash, payload) [`Slab::convert`] dropped.
    fn drop_gone(&mut self, gone: Vec<(u32, u64, usize)>, c: &Counters) {
        for &(i, hash, payload) in &gone {
            if let Ok(entry) = self.table.find_entry(hash, |&j| j == i) {
                entry.remove();
            }
            self.forget(payload);
        }
        bump(&c.released, gone.len());
    }

    fn set_mode(&mut self, mode: Mode, cap: usize, c: &Counters, dead: &mut Dead<T>) {
        self.mode = mode;
        self.cap = cap;
        match mode {
            Mode::Inline => {
                self.clear(dead);
                self.hold_strongly(c);
            }
            Mode::Lru => {
                self.hold_strongly(c);
                self.evict_to(cap, c, dead);
            }
            Mode::Unbounded => self.hold_strongly(c),
            Mode::Weak => self.hold_weakly(c, dead),
        }
        self.publish(c);
    }

    fn table_bytes(&self) -> usize {
        self.table.allocation_size()
            + match &self.entries {
                Entries::Strong(slab) => slab.heap_bytes(),
                Entries::Weak(slab) => slab.heap_bytes(),
            }
    }

    fn publish(&self, c: &Counters) {
        c.live.store(self.live as u64, Relaxed);
        c.payload.store(self.payload as u64, Relaxed);
        c.stored.store(self.stored_bytes as u64, Relaxed);
        c.table.store(self.table_bytes() as u64, Relaxed);
    }

    /// Removes the entry of `stored` if it is a `Weak` entry held by `stored` alone (no other
    /// handle can appear while the lock is held).
    fn release(&mut self, hash: u64, stored: &Arc<T::Stored>, c: &Counters) -> bool {
        let Entries::Weak(slab) = &mut self.entries else {
            return false;
        };
        if Arc::strong_count(stored) != 1 {
            return false;
        }
        let same = |w: &WeakRef<T::Stored>| std::ptr::addr_eq(w.weak.as_ptr(), Arc::as_ptr(stored));
        let Ok(entry) = self
            .table
            .find_entry(hash, |&i| slab.get(i).is_some_and(same))
        else {
            return false;
        };
        let (i, _) = entry.remove();
        slab.remove(i);
        self.forget(T::stored_value(stored).payload_len());
        bump(&c.released, 1);
        self.publish(c);
        true
    }

    /// New handles to every live entry.
    fn handles(&self) -> Vec<Interned<T>> {
        let mut out = Vec::with_capacity(self.live);
        match &self.entries {
            Entries::Strong(slab) => out.extend(
                self.table
                    .iter()
                    .filter_map(|&i| slab.get(i))
                    .map(|s| Interned::from_stored(Arc::clone(s))),
            ),
            Entries::Weak(slab) => out.extend(
                self.table
                    .iter()
                    .filter_map(|&i| slab.get(i)?.weak.upgrade())
                    .map(Interned::from_stored),
            ),
        }
        out
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
///
/// Under [`Policy::Weak`] an entry leaves the pool when its last handle drops:
///
/// ```
/// use ribcage_intern::{Policy, Pool};
///
/// let pool: Pool<str> = Pool::new(Policy::Weak);
/// let a = pool.intern("65000:100");
/// let b = a.clone();
/// drop(a);
/// assert_eq!(pool.len(), 1);
/// drop(b);
/// assert_eq!(pool.stats().live_entries, 0);
/// assert!(pool.get("65000:100").is_none());
/// ```
pub struct Pool<T: ?Sized + Internable> {
    shards: Box<[Arc<Shard<T>>]>,
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

    /// A pool with `shards` shards, rounded up to a power of two from 1 to 256 (0 gives 1). One
    /// shard gives an exact LRU order; more shards let more threads intern at once.
    pub fn with_shards(policy: Policy, shards: usize) -> Self {
        let n = shards.clamp(1, MAX_SHARDS).next_power_of_two();
        let mode = mode_of(policy);
        let shards = (0..n)
            .map(|k| {
                Arc::new_cyclic(|me| Shard {
                    inner: Mutex::new(Inner::new(mode, share(policy, k, n))),
                    counters: Counters::default(),
                    weak_mode: AtomicBool::new(mode == Mode::Weak),
                    me: me.clone(),
                })
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
            .intern(hash, value, &shard.me, &shard.counters, &mut dead);
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
        let mut dead = Vec::new();
        let found = {
            let mut inner = self.shard(hash).inner.lock();
            let found = inner.lookup(hash, value, &mut dead);
            if let (Some((i, _)), Mode::Lru, Entries::Strong(slab)) =
                (&found, inner.mode, &mut inner.entries)
            {
                slab.touch(*i);
            }
            found
        };
        drop(dead);
        found.map(|(_, h)| h)
    }

    /// Number of entries (O(shards)).
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.inner.lock().live).sum()
    }

    /// True when the pool holds no entry.
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

    /// Releases every entry that no handle outside the pool holds and returns how many: under
    /// `Unbounded` and `Lru`, the entries only the pool references. Under `Weak` entries leave
    /// with their last handle anyway; this only finishes removals in flight on other threads.
    /// The check runs under each shard's lock, where no `intern` can hand out a new handle to
    /// the entry, and the values are dropped after unlocking.
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

    /// Gives back a handle and returns true if this removed its entry from the pool: under
    /// `Weak`, when it was the last handle (as dropping it would); under the other policies,
    /// never (the entry stays, and the handle is just dropped).
    ///
    /// The check runs under the shard lock, where no `intern` can hand out a new handle to the
    /// entry; the value is dropped after unlocking.
    pub fn release(&self, handle: Interned<T>) -> bool {
        let stored = Interned::into_stored(handle);
        let hash = T::stored_hash(&stored);
        let shard = self.shard(hash);
        let removed = shard.inner.lock().release(hash, &stored, &shard.counters);
        // Dropped after unlocking: if it was the last handle, its header finds no entry left.
        drop(stored);
        removed
    }

    /// A snapshot of every entry's handle, shard by shard (no lock is held while it is used).
    pub fn snapshot(&self) -> Vec<Interned<T>> {
        let mut out = Vec::new();
        for shard in self.shards.iter() {
            let part = shard.inner.lock().handles();
            out.extend(part);
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
        for shard in self.shards.iter() {
            let part = shard.inner.lock().handles();
            part.iter().for_each(&mut f);
        }
    }

    /// Live statistics, summed over the shards, read without taking a lock (O(shards)). Each
    /// shard's figures are exact when read; with other threads interning or dropping handles
    /// meanwhile, shards read earlier may have moved on.
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
        let fixed = (self.shards.len() * shard_bytes::<T>()) as u64;
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

    /// Changes the policy now. Handles stay valid throughout; what happens to the entries:
    ///
    /// - to `Lru { capacity }`: the pool keeps its entries (strongly) and evicts the least
    ///   recently used down to the capacity (per shard: each shard keeps its share);
    /// - to `Unbounded`: every live entry stays, and stays until `clear`;
    /// - to `Weak`: entries no handle holds are released now, the others with their last handle;
    /// - to `Inline`: the pool is emptied.
    pub fn set_policy(&self, policy: Policy) {
        let mut current = self.policy.lock();
        *current = policy;
        let mode = mode_of(policy);
        self.inline.store(mode == Mode::Inline, Relaxed);
        let n = self.shards.len();
        for (k, shard) in self.shards.iter().enumerate() {
            let mut dead = Vec::new();
            {
                let mut inner = shard.inner.lock();
                inner.set_mode(mode, share(policy, k, n), &shard.counters, &mut dead);
                shard.weak_mode.store(mode == Mode::Weak, Release);
            }
            drop(dead);
        }
    }

    /// Number of shards.
    pub fn shards(&self) -> usize {
        self.shards.len()
    }
}

/// Heap bytes of one shard: its `Arc` allocation (counts padded to the shard's alignment) and
/// its pointer in the pool's shard list.
fn shard_bytes<T: ?Sized + Internable>() -> usize {
    ARC_COUNTS.next_multiple_of(std::mem::align_of::<Shard<T>>())
        + size_of::<Shard<T>>()
        + size_of::<Arc<Shard<T>>>()
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
