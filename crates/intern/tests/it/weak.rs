//! `Weak` pools release each entry when its last handle drops, back to zero bytes.

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
        // At once, with no `release`, `purge` or `len` first.
        let st = pool.stats();
        assert_eq!(st.live_entries, 0);
        assert_eq!(st.payload_bytes, 0);
        assert_eq!(st.released, 10_000);
        assert_eq!(st.heap_bytes, empty.heap_bytes);
        assert!(pool.is_empty());
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
    // Two handles; the pool's table holds only a weak reference.
    assert_eq!(Interned::strong_count(&keep), 2);
    drop(keep);
    assert_eq!(pool.len(), 1);
    drop(again);
    assert_eq!(pool.len(), 0);
}

#[test]
fn weak_pool_under_churn_holds_exactly_its_live_set() {
    // A stream of unique values, each handle dropped once the next three are interned.
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Weak, 1);
    let mut held = std::collections::VecDeque::new();
    for n in 0..100_000 {
        held.push_back(pool.intern(&key(n)));
        if held.len() > 3 {
            held.pop_front();
        }
        let st = pool.stats();
        assert_eq!(st.live_entries, held.len() as u64);
        assert_eq!(st.payload_bytes, 8 * held.len() as u64);
    }
    let table = pool.stats().table_bytes;
    drop(held);
    let st = pool.stats();
    assert_eq!(
        (st.live_entries, st.inserts, st.released),
        (0, 100_000, 100_000)
    );
    // A few entries at a time never grew the table past the size it keeps when empty.
    assert_eq!(st.table_bytes, table);
}

#[test]
fn nested_handles_release_inner_entries_after_the_outer_one() {
    // A value holding handles of another pool: dropping the outer entry (after its shard is
    // unlocked) drops the inner handles, which release their own entries.
    let inner: Pool<[u8]> = Pool::with_shards(Policy::Weak, 1);
    let outer: Pool<Vec<Interned<[u8]>>> = Pool::with_shards(Policy::Weak, 1);
    let a = outer.intern(&vec![inner.intern(b"x"), inner.intern(b"y")]);
    let b = outer.intern(&vec![inner.intern(b"x"), inner.intern(b"y")]);
    assert!(Interned::ptr_eq(&a, &b));
    assert_eq!((outer.len(), inner.len()), (1, 2));
    drop((a, b));
    assert_eq!((outer.len(), inner.len()), (0, 0));
    // Entries whose values hold handles into their own pool (one shard, one lock): a chain of
    // 1,000 nodes goes entry by entry when its head drops, each removal after the last unlock.
    #[derive(Clone, PartialEq, Eq, Hash)]
    struct Node(u32, Option<Interned<Node>>);
    let nodes: Pool<Node> = Pool::with_shards(Policy::Weak, 1);
    let mut head = nodes.intern(&Node(0, None));
    for n in 1..1_000 {
        head = nodes.intern(&Node(n, Some(head)));
    }
    assert_eq!(nodes.len(), 1_000);
    drop(head);
    let st = nodes.stats();
    assert_eq!((st.live_entries, st.released), (0, 1_000));
}

#[test]
fn a_dropped_pool_leaves_its_handles_valid() {
    let pool: Pool<str> = Pool::new(Policy::Weak);
    let h = pool.intern("outlives");
    drop(pool);
    assert_eq!(&*h, "outlives");
    drop(h); // Its header finds no shard to tell.
}

#[test]
fn release_removes_the_entry_with_its_last_handle() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Weak, 4);
    let a = pool.intern(b"65000 65001");
    let b = pool.intern(b"65000 65001");
    assert!(!pool.release(a));
    assert_eq!(pool.stats().live_entries, 1);
    assert!(pool.release(b));
    // Gone at once: `stats` does not purge.
    let st = pool.stats();
    assert_eq!((st.live_entries, st.payload_bytes, st.released), (0, 0, 1));
    // A handle the pool does not hold is simply dropped.
    assert!(!pool.release(Interned::new(b"other".as_slice())));
    // Under other policies the entry stays.
    pool.set_policy(Policy::Unbounded);
    let c = pool.intern(b"kept");
    assert!(!pool.release(c));
    assert_eq!(pool.len(), 1);
}

#[test]
fn concurrent_releases_remove_every_entry_exactly_once() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Weak, 2);
    std::thread::scope(|s| {
        for t in 0..4u64 {
            let pool = &pool;
            s.spawn(move || {
                for i in 0..20_000u64 {
                    let v = (i * 7 + t) % 16;
                    let h = pool.intern(&key(v));
                    let h2 = h.clone();
                    assert_eq!(&*h2, &key(v));
                    pool.release(h);
                    pool.release(h2);
                }
            });
        }
    });
    // Every holder released, so nothing is left, without any purge.
    let st = pool.stats();
    assert_eq!(st.live_entries, 0, "{st:?}");
    assert_eq!(st.released, st.inserts);
    assert_eq!(st.payload_bytes, 0);
}

#[test]
fn switching_weak_to_inline_and_back_keeps_handles_and_figures_right() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Weak, 2);
    let held: Vec<_> = (0..10).map(|n| pool.intern(&key(n))).collect();
    pool.set_policy(Policy::Inline);
    let st = pool.stats();
    assert_eq!((st.live_entries, st.payload_bytes), (0, 0));
    assert!(pool.get(&key(0)).is_none());
    // Handles of the emptied pool drop without touching it.
    drop(held);
    assert_eq!(pool.stats().live_entries, 0);
    pool.set_policy(Policy::Weak);
    let a = pool.intern(&key(1));
    assert_eq!(pool.len(), 1);
    drop(a);
    let st = pool.stats();
    assert_eq!((st.live_entries, st.payload_bytes), (0, 0));
    // Under `Unbounded` the pool's table holds one strong reference of its own.
    pool.set_policy(Policy::Unbounded);
    let b = pool.intern(&key(2));
    assert_eq!(Interned::strong_count(&b), 2);
    drop(b);
    assert_eq!(pool.len(), 1);
}
