//! The interner driven by an arbitrary operation sequence and checked, after every operation,
//! against a plain `HashMap` model: values, pointer identity of hits, which entries the pool
//! holds, LRU eviction order, counts and statistics.
//!
//! The pool has one shard, so its LRU order is exact. Some facts are not determined by the
//! operations alone (a `Weak` entry whose last handle dropped is released at the pool's next
//! automatic purge, whose timing is the pool's business): the model marks such entries
//! "unknown", accepts either answer for them, and learns the truth at the next snapshot.
//!
//! Input: a sequence of operations, each an opcode byte and an argument byte:
//!
//! | opcode % 9 | operation |
//! | --- | --- |
//! | 0, 1 | `intern(key)` and keep the handle |
//! | 2 | `intern(key)` and drop the handle at once |
//! | 3 | drop a held handle |
//! | 4 | `get(key)` |
//! | 5 | `set_policy` (`Inline`, `Unbounded`, `Lru { capacity: 1..=8 }`, `Weak`) |
//! | 6 | `purge()` |
//! | 7 | check `len`, `snapshot` and `stats` against the model |
//! | 8 | `clear()` |
//!
//! Keys are 32 values whose lengths (1 to 40 bytes) straddle the 16-byte inline limit.

use std::collections::HashMap;

use ribcage_intern::{Interned, Policy, Pool, Stats};

/// What the model knows about one key's entry in the pool (absent keys are not in the map).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    /// Held, with this canonical allocation.
    Present(*const u8),
    /// Maybe held (a released `Weak` entry, or an LRU entry whose order was lost).
    Unknown,
}

/// The bytes of key `k`.
fn key(k: u8) -> Vec<u8> {
    let len = 1 + (usize::from(k) * 7) % 40;
    (0..len)
        .map(|i| k.wrapping_mul(31).wrapping_add(i as u8))
        .collect()
}

/// The key whose bytes are `bytes`, if any.
fn key_of(bytes: &[u8]) -> Option<u8> {
    (0..32).find(|&k| key(k) == bytes)
}

struct Model {
    pool: Pool<[u8]>,
    policy: Policy,
    entries: HashMap<u8, Entry>,
    /// LRU order (least recent first) of the entries, when `order_known`.
    order: Vec<u8>,
    order_known: bool,
    handles: Vec<(u8, Interned<[u8]>)>,
    calls: u64,
    saved: u64,
    lru_used: bool,
}

impl Model {
    fn held(&self, k: u8) -> bool {
        self.handles.iter().any(|(h, _)| *h == k)
    }

    /// Whether a handle outside the pool holds the allocation `p` (of key `k`).
    fn holds(&self, k: u8, p: *const u8) -> bool {
        self.handles
            .iter()
            .any(|(h, i)| *h == k && Interned::as_ptr(i) == p)
    }

    /// Whether a handle outside the pool holds `k`'s entry as the model knows it (`None`:
    /// cannot tell, as the entry is unknown and some handle of that value is held).
    fn entry_held(&self, k: u8, e: Entry) -> Option<bool> {
        match e {
            Entry::Present(p) => Some(self.holds(k, p)),
            Entry::Unknown if !self.held(k) => Some(false),
            Entry::Unknown => None,
        }
    }

    fn touch(&mut self, k: u8) {
        self.order.retain(|&o| o != k);
        self.order.push(k);
    }

    /// After a purge: entries no handle holds are gone; those that may be held stay unknown.
    fn forget_unheld(&mut self) {
        let states: Vec<(u8, Option<bool>)> = self
            .entries
            .iter()
            .map(|(&k, &e)| (k, self.entry_held(k, e)))
            .collect();
        for (k, held) in states {
            match held {
                Some(false) => {
                    self.entries.remove(&k);
                    self.order.retain(|&o| o != k);
                }
                None => {
                    self.entries.insert(k, Entry::Unknown);
                }
                Some(true) => {}
            }
        }
    }

    fn intern(&mut self, k: u8, keep: bool) {
        let bytes = key(k);
        let before = self.pool.stats();
        let h = self.pool.intern(&bytes);
        let after = self.pool.stats();
        self.calls += 1;
        assert_eq!(&*h, &bytes[..], "interned value differs");
        assert_eq!(after.calls, before.calls + 1, "calls counts every intern");
        let hit = after.hits - before.hits;
        assert!(hit <= 1 && after.misses - before.misses == 1 - hit);
        assert_eq!(
            after.bytes_saved - before.bytes_saved,
            hit * bytes.len() as u64,
            "bytes_saved grows by the value's length on a hit"
        );
        self.saved += hit * bytes.len() as u64;
        for (hk, other) in &self.handles {
            if *hk == k {
                assert!(*other == h, "handles to equal values compare equal");
                assert_eq!(Interned::stored_hash(other), Interned::stored_hash(&h));
            } else {
                assert!(*other != h, "handles to different values compare unequal");
            }
        }
        let ptr = Interned::as_ptr(&h);
        match self.policy {
            Policy::Inline => {
                assert_eq!(hit, 0, "Inline never hits");
                assert_eq!(after.inserts, before.inserts, "Inline inserts nothing");
            }
            _ => {
                match self.entries.get(&k) {
                    Some(Entry::Present(p)) => {
                        assert_eq!(hit, 1, "a held entry must hit");
                        assert_eq!(*p, ptr, "a hit returns the canonical instance");
                    }
                    None => assert_eq!(hit, 0, "an absent entry must miss"),
                    Some(Entry::Unknown) => {}
                }
                let evicted = after.evictions - before.evictions;
                if let Policy::Lru { capacity } = self.policy {
                    if hit == 0 {
                        if self.order_known {
                            let full = self.entries.len() >= capacity;
                            assert_eq!(evicted, u64::from(full), "LRU evicts exactly when full");
                            if full {
                                let victim = self.order.remove(0);
                                self.entries.remove(&victim);
                            }
                        } else if evicted > 0 {
                            for e in self.entries.values_mut() {
                                *e = Entry::Unknown;
                            }
                        }
                    }
                    self.touch(k);
                } else {
                    assert_eq!(evicted, 0, "only Lru evicts");
                }
                self.entries.insert(k, Entry::Present(ptr));
            }
        }
        if keep {
            self.handles.push((k, h));
        } else {
            drop(h);
            self.after_drop(k);
        }
    }

    /// After the last handle to `k` dropped, a `Weak` entry may go at any automatic purge.
    fn after_drop(&mut self, k: u8) {
        if let (Policy::Weak, Some(&e)) = (self.policy, self.entries.get(&k)) {
            if self.entry_held(k, e) != Some(true) {
                self.entries.insert(k, Entry::Unknown);
            }
        }
    }

    fn drop_handle(&mut self, i: u8) {
        if self.handles.is_empty() {
            return;
        }
        let (k, h) = self.handles.remove(usize::from(i) % self.handles.len());
        drop(h);
        self.after_drop(k);
    }

    fn get(&mut self, k: u8) {
        let before = self.pool.stats();
        let got = self.pool.get(&key(k));
        let after = self.pool.stats();
        assert_eq!(before.calls, after.calls, "get counts in no statistic");
        if let Some(h) = &got {
            assert_eq!(&**h, &key(k)[..], "get returned another value");
        }
        match (self.entries.get(&k).copied(), &got) {
            (Some(Entry::Present(p)), Some(h)) => {
                assert_eq!(p, Interned::as_ptr(h), "get returns the canonical instance")
            }
            (Some(Entry::Present(_)), None) => panic!("get missed a held entry"),
            (None, Some(_)) => panic!("get found an absent entry"),
            (None, None) => {}
            (Some(Entry::Unknown), Some(h)) => {
                if self.holds(k, Interned::as_ptr(h)) || self.policy != Policy::Weak {
                    self.entries.insert(k, Entry::Present(Interned::as_ptr(h)));
                }
            }
            (Some(Entry::Unknown), None) => {
                self.entries.remove(&k);
                self.order.retain(|&o| o != k);
            }
        }
        if got.is_some() && matches!(self.policy, Policy::Lru { .. }) {
            self.touch(k);
        }
    }

    fn set_policy(&mut self, arg: u8) {
        let policy = match arg % 4 {
            0 => Policy::Inline,
            1 => Policy::Unbounded,
            2 => Policy::Lru {
                capacity: 1 + usize::from(arg / 4) % 8,
            },
            _ => Policy::Weak,
        };
        let was_lru = matches!(self.policy, Policy::Lru { .. });
        self.pool.set_policy(policy);
        assert_eq!(self.pool.policy(), policy);
        match policy {
            Policy::Inline => {
                self.entries.clear();
                self.order.clear();
                self.order_known = true;
            }
            Policy::Unbounded => {}
            Policy::Weak => self.forget_unheld(),
            Policy::Lru { capacity } => {
                self.lru_used = true;
                if !(was_lru && self.order_known) {
                    self.order_known = false;
                    for e in self.entries.values_mut() {
                        *e = Entry::Unknown;
                    }
                }
                if self.order_known {
                    while self.entries.len() > capacity {
                        let victim = self.order.remove(0);
                        self.entries.remove(&victim);
                    }
                }
            }
        }
        self.policy = policy;
    }

    fn purge(&mut self) {
        let exact = self.entries.values().all(|e| *e != Entry::Unknown);
        let expect = self
            .entries
            .iter()
            .filter(|(&k, &e)| self.entry_held(k, e) == Some(false))
            .count();
        let released = self.pool.purge();
        if exact {
            assert_eq!(
                released, expect,
                "purge releases exactly the unheld entries"
            );
        }
        self.forget_unheld();
    }

    fn clear(&mut self) {
        self.pool.clear();
        self.entries.clear();
        self.order.clear();
        self.order_known = true;
        assert_eq!(self.pool.len(), 0, "clear empties the pool");
    }

    fn check(&mut self) {
        let len = self.pool.len();
        if self.policy == Policy::Weak {
            // `len` released every unheld entry first.
            self.forget_unheld();
        }
        let snapshot = self.pool.snapshot();
        assert_eq!(snapshot.len(), len, "snapshot and len agree");
        let mut seen = HashMap::new();
        let mut payload = 0u64;
        for h in &snapshot {
            let k = key_of(h).expect("the pool holds a value nobody interned");
            assert!(
                seen.insert(k, Interned::as_ptr(h)).is_none(),
                "two entries for one value"
            );
            payload += h.len() as u64;
        }
        for (k, e) in &self.entries {
            if let Entry::Present(p) = e {
                assert_eq!(
                    seen.get(k),
                    Some(p),
                    "a held entry is missing from the snapshot"
                );
            }
        }
        for (k, p) in &seen {
            assert!(
                self.entries.contains_key(k),
                "the pool holds an entry the model lost"
            );
            self.entries.insert(*k, Entry::Present(*p));
        }
        self.entries.retain(|k, _| seen.contains_key(k));
        self.order.retain(|k| seen.contains_key(k));
        drop(snapshot);
        if let Policy::Lru { capacity } = self.policy {
            assert!(
                len <= capacity,
                "LRU holds {len} entries over capacity {capacity}"
            );
        }
        if self.policy == Policy::Inline {
            assert_eq!(len, 0, "Inline holds nothing");
        }
        let st: Stats = self.pool.stats();
        assert_eq!(st.calls, self.calls, "calls");
        assert_eq!(st.hits + st.misses, st.calls, "hits + misses = calls");
        assert!(st.inserts <= st.misses, "an insert is always a miss");
        assert_eq!(st.bytes_saved, self.saved, "bytes_saved");
        if !self.lru_used {
            assert_eq!(st.evictions, 0, "evictions without Lru");
        }
        assert_eq!(st.live_entries, len as u64, "live_entries");
        assert_eq!(st.payload_bytes, payload, "payload_bytes");
        assert!(
            st.heap_bytes >= st.table_bytes,
            "heap_bytes counts the tables"
        );
        if len > 0 {
            assert!(
                st.heap_bytes >= st.table_bytes + payload,
                "heap_bytes counts the values"
            );
        }
    }
}

/// Runs the operation sequence `data` (see the module documentation), panicking on the first
/// disagreement between the pool and the model.
pub fn run(data: &[u8]) {
    let mut m = Model {
        pool: Pool::with_shards(Policy::Unbounded, 1),
        policy: Policy::Unbounded,
        entries: HashMap::new(),
        order: Vec::new(),
        order_known: true,
        handles: Vec::new(),
        calls: 0,
        saved: 0,
        lru_used: false,
    };
    for op in data.chunks(2) {
        let (code, arg) = (op[0], op.get(1).copied().unwrap_or(0));
        let k = arg % 32;
        match code % 9 {
            0 | 1 => m.intern(k, true),
            2 => m.intern(k, false),
            3 => m.drop_handle(arg),
            4 => m.get(k),
            5 => m.set_policy(arg),
            6 => m.purge(),
            7 => m.check(),
            _ => m.clear(),
        }
    }
    m.check();
}
