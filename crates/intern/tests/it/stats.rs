//! Every statistic checked on a known workload, against a counting allocator for the bytes.

use allocation_counter::measure;
use ribcage_intern::{heap_size_of, Policy, Pool};

#[test]
fn every_figure_on_a_known_workload() {
    // Warm this thread's scratch buffer so the measurement sees only the pool.
    drop(Pool::<[u8]>::new(Policy::Unbounded).intern(b"warm"));
    let mut heap = 0;
    let info = measure(|| {
        let pool: Pool<[u8]> = Pool::new(Policy::Unbounded);
        // "a" three times, "bb" twice, "ccc" once.
        for v in [&b"a"[..], b"bb", b"a", b"ccc", b"bb", b"a"] {
            pool.intern(v);
        }
        let st = pool.stats();
        assert_eq!(st.calls, 6);
        assert_eq!(st.hits, 3);
        assert_eq!(st.misses, 3);
        assert_eq!(st.inserts, 3);
        assert_eq!(st.evictions, 0);
        assert_eq!(st.released, 0);
        assert_eq!(st.live_entries, 3);
        assert_eq!(st.payload_bytes, 1 + 2 + 3);
        // Two hits on "a" (1 byte each) and one on "bb" (2 bytes).
        assert_eq!(st.bytes_saved, 2 + 2);
        assert!((st.dedup_rate() - 0.5).abs() < 1e-12);
        let entries: usize = [&b"a"[..], b"bb", b"ccc"]
            .iter()
            .map(|v| heap_size_of(*v))
            .sum();
        assert_eq!(entries, 3 * 32);
        assert_eq!(st.heap_bytes, st.table_bytes + entries as u64);
        // The pool's own account of its heap equals what the allocator handed out.
        heap = st.heap_bytes;
        let during = measure(|| {});
        assert_eq!(during.bytes_total, 0);
        assert_eq!(pool.heap_bytes() as u64, heap);
        let json = serde_json::to_value(st).unwrap();
        assert_eq!(json["calls"], 6);
        assert_eq!(json["dedup_rate"], 0.5);
        std::mem::forget(pool);
    });
    assert_eq!(info.bytes_current as u64, heap);
}

#[test]
fn lru_and_inline_figures() {
    let pool: Pool<u32> = Pool::with_shards(Policy::Lru { capacity: 2 }, 1);
    for v in [1u32, 2, 1, 3, 2] {
        pool.intern(&v);
    }
    // 1, 2 miss; 1 hits; 3 misses and evicts 2; 2 misses and evicts 1.
    let st = pool.stats();
    assert_eq!(
        (st.calls, st.hits, st.misses, st.inserts, st.evictions),
        (5, 1, 4, 4, 2)
    );
    assert_eq!(st.live_entries, 2);
    assert_eq!(st.payload_bytes, 8);
    assert_eq!(st.bytes_saved, 4);

    pool.set_policy(Policy::Inline);
    pool.intern(&9);
    let st = pool.stats();
    assert_eq!(
        (st.calls, st.misses, st.inserts, st.live_entries),
        (6, 5, 4, 0)
    );
}
