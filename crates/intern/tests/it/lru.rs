//! An adversarial stream of unique values keeps an LRU pool within capacity and its heap flat.

use allocation_counter::measure;
use ribcage_intern::{Policy, Pool};

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
