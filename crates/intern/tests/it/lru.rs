//! An adversarial stream of unique values keeps an LRU pool within capacity and its heap flat.

use allocation_counter::measure;
use ribcage_intern::{Interned, Policy, Pool};

use crate::key;

const CAPACITY: usize = 10_000;
const STREAM: u64 = 10_000_000;
const WARM: u64 = 200_000;

#[test]
fn ten_million_unique_values_stay_within_capacity_and_flat_heap() {
    let mut made = None;
    let mut after_warm = 0;
    let info = measure(|| {
        let pool: Pool<[u8]> = Pool::new(Policy::Lru { capacity: CAPACITY });
        for n in 0..WARM {
            pool.intern(&key(n));
        }
        after_warm = measure(|| {}).bytes_current; // zero: nested scopes start empty
        assert_eq!(pool.len(), CAPACITY);
        made = Some(pool);
    });
    let pool = made.unwrap();
    assert_eq!(after_warm, 0);
    let warm_bytes = info.bytes_current;
    assert!(warm_bytes > 0);

    // Every further value is new: a miss, an insert and an eviction each.
    let rest = measure(|| {
        for n in WARM..STREAM {
            pool.intern(&key(n));
            if n % 1_000_000 == 0 {
                assert!(pool.len() <= CAPACITY);
            }
        }
    });
    // Flat: the stream allocated and freed as much, and the pool's heap did not grow.
    assert_eq!(
        rest.bytes_current, 0,
        "heap grew by {} bytes",
        rest.bytes_current
    );
    assert_eq!(rest.count_current, 0);
    assert!(rest.count_total >= STREAM - WARM);

    let st = pool.stats();
    assert_eq!(st.live_entries, CAPACITY as u64);
    assert_eq!(st.calls, STREAM);
    assert_eq!(st.misses, STREAM);
    assert_eq!(st.inserts, STREAM);
    assert_eq!(st.evictions, STREAM - CAPACITY as u64);
    assert_eq!(st.hits, 0);
    assert!(st.heap_bytes <= warm_bytes as u64);
    // The newest values are the ones kept.
    assert!(pool.get(&key(STREAM - 1)).is_some());
    assert!(pool.get(&key(0)).is_none());
}

#[test]
fn shrinking_capacity_at_runtime_evicts_down_to_it() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Unbounded, 4);
    for n in 0..1_000 {
        pool.intern(&key(n));
    }
    pool.set_policy(Policy::Lru { capacity: 100 });
    assert_eq!(pool.len(), 100);
    assert_eq!(pool.stats().evictions, 900);
    for n in 1_000..2_000 {
        pool.intern(&key(n));
    }
    assert_eq!(pool.len(), 100);
}

#[test]
fn unbounded_to_lru_keeps_the_most_recently_inserted_and_evicted_handles_stay_valid() {
    // Under `Unbounded` hits do not reorder the recency list (the hit path stays cheap), so a
    // switch to `Lru` keeps each shard's most recently *inserted* entries.
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Unbounded, 1);
    let held: Vec<_> = (0..100).map(|n| pool.intern(&key(n))).collect();
    let again = pool.intern(&key(0)); // a hit: not moved to the front
    pool.set_policy(Policy::Lru { capacity: 10 });
    assert_eq!(pool.len(), 10);
    let mut kept: Vec<u64> = pool
        .iter()
        .map(|h| u64::from_le_bytes(h[..].try_into().unwrap()))
        .collect();
    kept.sort_unstable();
    assert_eq!(kept, (90..100).collect::<Vec<_>>());
    let st = pool.stats();
    assert_eq!((st.evictions, st.live_entries), (90, 10));
    // Evicted values stay readable through their handles, and equal to a new copy.
    assert_eq!(&*held[0], &key(0));
    let copy = pool.intern(&key(0));
    assert!(!Interned::ptr_eq(&copy, &again));
    assert_eq!(copy, again);
    assert_eq!(pool.len(), 10);
    // From now on hits do reorder: 0 is the most recent, 91 (the oldest left) goes next.
    pool.intern(&key(0));
    pool.intern(&key(1_000));
    assert!(pool.get(&key(91)).is_none());
    assert!(pool.get(&key(0)).is_some());
    assert!(pool.len() <= 10);
}

#[test]
fn weak_to_lru_and_back() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Weak, 2);
    let held: Vec<_> = (0..50).map(|n| pool.intern(&key(n))).collect();
    // To `Lru`: the pool now holds its entries itself, down to the capacity.
    pool.set_policy(Policy::Lru { capacity: 20 });
    assert_eq!(pool.len(), 20);
    drop(held);
    assert_eq!(pool.len(), 20, "Lru entries do not go with their handles");
    // Back to `Weak`: entries no handle holds go at once.
    let one = pool.iter().next().unwrap();
    pool.set_policy(Policy::Weak);
    assert_eq!(pool.len(), 1);
    let st = pool.stats();
    assert_eq!((st.live_entries, st.released), (1, 19));
    drop(one);
    assert_eq!(pool.stats().live_entries, 0);
}

#[test]
fn capacity_is_never_exceeded_and_figures_add_up_under_eight_threads() {
    const CAP: usize = 64;
    let pool: Pool<[u8]> = Pool::new(Policy::Lru { capacity: CAP });
    std::thread::scope(|s| {
        for t in 0..8u64 {
            let pool = &pool;
            s.spawn(move || {
                for i in 0..20_000u64 {
                    let h = pool.intern(&key((i * 7 + t * 13) % 500));
                    assert_eq!(&*h, &key((i * 7 + t * 13) % 500));
                    if i % 1_000 == 0 {
                        assert!(pool.stats().live_entries <= CAP as u64);
                    }
                }
            });
        }
    });
    let st = pool.stats();
    assert_eq!(st.calls, 8 * 20_000);
    assert_eq!(st.hits + st.misses, st.calls);
    // Every shard has room (64 over at most 64 shards), so every miss inserts.
    assert_eq!(st.inserts, st.misses);
    assert_eq!(st.inserts - st.evictions, st.live_entries);
    assert!(st.live_entries <= CAP as u64);
    assert_eq!(pool.len() as u64, st.live_entries);
    assert_eq!(st.payload_bytes, 8 * st.live_entries);
}

#[test]
fn a_capacity_below_the_shard_count_leaves_some_shards_without_room() {
    let pool: Pool<u64> = Pool::with_shards(Policy::Lru { capacity: 2 }, 4);
    for v in 0..1_000u64 {
        pool.intern(&v);
    }
    let st = pool.stats();
    assert_eq!(st.live_entries, 2);
    // Values of the two shards without room are handed out but never stored.
    assert_eq!(st.inserts - st.evictions, 2);
    assert!(st.inserts < st.misses);
}
