//! `Weak` pools release entries once their handles are gone, back to zero bytes.

use allocation_counter::measure;
use ribcage_intern::{Interned, Policy, Pool};

use crate::key;

#[test]
fn entries_and_bytes_return_to_zero_after_handles_drop() {
    let pool: Pool<[u8]> = Pool::new(Policy::Weak);
    // Warm this thread's scratch buffer so the measurement sees only the pool.
    drop(Pool::<[u8]>::new(Policy::Inline).intern(b"warm"));
    let empty = pool.stats();
    assert_eq!(empty.live_entries, 0);
    let info = measure(|| {
        let handles: Vec<Interned<[u8]>> = (0..10_000).map(|n| pool.intern(&key(n))).collect();
        let full = pool.stats();
        assert_eq!(full.live_entries, 10_000);
        assert_eq!(full.payload_bytes, 80_000);
        assert!(full.heap_bytes > empty.heap_bytes + 80_000);
        drop(handles);
        assert!(pool.is_empty());
        let st = pool.stats();
        assert_eq!(st.live_entries, 0);
        assert_eq!(st.payload_bytes, 0);
        assert_eq!(st.heap_bytes, empty.heap_bytes);
        assert_eq!(st.released, 10_000);
    });
    // Everything the pool allocated for those entries was freed.
    assert_eq!(info.bytes_current, 0);
    assert_eq!(info.count_current, 0);
}

#[test]
fn only_unused_entries_are_released() {
    let pool: Pool<str> = Pool::with_shards(Policy::Weak, 1);
    let keep = pool.intern("keep");
    drop(pool.intern("drop"));
    assert_eq!(pool.len(), 1);
    assert!(pool.get("drop").is_none());
    let again = pool.intern("keep");
    assert!(Interned::ptr_eq(&keep, &again));
    // Two handles plus the pool's own reference.
    assert_eq!(Interned::strong_count(&keep), 3);
}

#[test]
fn weak_pool_under_churn_stays_near_its_live_set() {
    // Interning and dropping a stream of unique values: the amortised purge keeps the table
    // at most about twice the live set, without anyone calling len/stats/purge.
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Weak, 1);
    let mut max_live = 0;
    for n in 0..100_000 {
        drop(pool.intern(&key(n)));
        if n % 997 == 0 {
            max_live = max_live.max(pool.stats().live_entries);
        }
    }
    assert!(max_live <= 130, "{max_live}");
}
