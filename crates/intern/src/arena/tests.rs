//! Unit tests of `ArenaPool`: identity and dedup, fixed width, limits, exact statistics and heap
//! accounting, and a hit that allocates nothing (`allocation-counter` counts per thread, so the
//! other tests of this binary running in parallel do not disturb a measurement).

use std::hint::black_box;

use allocation_counter::measure;

use crate::{ArenaOptions, ArenaPool, Stats};

/// The `n`th of a family of distinct values, 1 to 40 bytes long.
fn value(n: u32) -> Vec<u8> {
    let len = 1 + (n as usize * 7) % 40;
    let mut v = n.to_le_bytes().to_vec();
    v.resize(len.max(4), 0xa5);
    v
}

#[test]
fn equal_values_share_one_index_and_distinct_values_do_not() {
    let mut pool = ArenaPool::new();
    let ids: Vec<u32> = (0..5_000)
        .map(|n| pool.intern(&value(n)).unwrap())
        .collect();
    assert_eq!(ids, (0..5_000).collect::<Vec<u32>>());
    // Again, in another order: every value is found, nothing is added.
    for n in (0..5_000).rev() {
        assert_eq!(pool.intern(&value(n)), Some(n));
        assert_eq!(pool.get(&value(n)), Some(n));
        assert_eq!(pool.resolve(n), Some(value(n).as_slice()));
    }
    assert_eq!(pool.len(), 5_000);
    assert_eq!(pool.get(&value(5_000)), None);
    assert_eq!(pool.resolve(5_000), None);
    // The empty value is a value like any other.
    let empty = pool.intern(b"").unwrap();
    assert_eq!(empty, 5_000);
    assert_eq!(pool.intern(b""), Some(empty));
    assert_eq!(pool.resolve(empty), Some(&b""[..]));
    assert!(pool.iter().map(|(id, v)| (id, v.to_vec())).eq((0..5_000)
        .map(|n| (n, value(n)))
        .chain([(5_000, Vec::new())])));
    // Shrinking rehashes the index from the arena: everything is still found.
    pool.shrink_to_fit();
    assert!((0..5_000).all(|n| pool.get(&value(n)) == Some(n)));
}

#[test]
fn without_dedup_every_call_appends() {
    let mut pool = ArenaPool::with_options(ArenaOptions {
        dedup: false,
        ..ArenaOptions::default()
    });
    assert_eq!(pool.intern(b"x"), Some(0));
    assert_eq!(pool.intern(b"x"), Some(1));
    assert_eq!(pool.get(b"x"), None);
    assert_eq!(pool.resolve(1), Some(&b"x"[..]));
    let st = pool.stats();
    assert_eq!(
        (st.calls, st.hits, st.misses, st.live_entries),
        (2, 0, 2, 2)
    );
    assert_eq!((st.bytes_saved, st.dedup_rate()), (0, 0.0));
}

#[test]
fn fixed_width_keeps_no_offsets_and_refuses_other_lengths() {
    let mut pool = ArenaPool::with_options(ArenaOptions {
        fixed_width: Some(5),
        ..ArenaOptions::default()
    });
    assert_eq!(pool.intern(b"12345"), Some(0));
    assert_eq!(pool.intern(b"1234"), None);
    assert_eq!(pool.intern(b"123456"), None);
    for i in 0..10_000u32 {
        let mut v = [0u8; 5];
        v[1..].copy_from_slice(&i.to_be_bytes());
        assert_eq!(pool.intern(&v), Some(i + 1));
    }
    assert_eq!(pool.intern(b"12345"), Some(0));
    pool.shrink_to_fit();
    assert_eq!(pool.get(&[0, 0, 0, 0x13, 0x88]), Some(5001));
    assert_eq!(pool.resolve(5001), Some(&[0, 0, 0, 0x13, 0x88][..]));
    assert_eq!(pool.resolve(10_001), None);
    // 10,001 slots of 5 bytes, no offsets, and the index.
    let index = pool
        .index
        .as_ref()
        .map_or(0, hashbrown::HashTable::allocation_size);
    assert_eq!(pool.heap_bytes(), 50_005 + index);
    assert!(pool.ends.is_empty());
    let st = pool.stats();
    assert_eq!((st.calls, st.hits, st.misses), (10_004, 1, 10_003));
    assert_eq!(st.inserts, 10_001);
}

#[test]
fn zero_width_entries_resolve_only_when_handed_out() {
    let mut pool = ArenaPool::with_options(ArenaOptions {
        dedup: false,
        fixed_width: Some(0),
        ..ArenaOptions::default()
    });
    assert_eq!(pool.resolve(0), None);
    assert_eq!(pool.intern(b""), Some(0));
    assert_eq!(pool.intern(b""), Some(1));
    assert_eq!(pool.resolve(1), Some(&b""[..]));
    assert_eq!(pool.resolve(2), None);
    assert_eq!(pool.heap_bytes(), 0);
}

#[test]
fn limits_return_none_without_storing_anything() {
    // The entry limit (as `u32::MAX` would be reached, in small).
    let mut pool = ArenaPool::with_options(ArenaOptions {
        max_entries: 3,
        ..ArenaOptions::default()
    });
    for n in 0..3 {
        assert_eq!(pool.intern(&value(n)), Some(n));
    }
    let before = pool.heap_bytes();
    assert_eq!(pool.intern(&value(3)), None);
    assert_eq!(pool.intern(&value(4)), None);
    // Values already held are still found; nothing grew.
    assert_eq!(pool.intern(&value(1)), Some(1));
    assert_eq!(pool.len(), 3);
    assert_eq!(pool.get(&value(3)), None);
    assert_eq!(pool.heap_bytes(), before);
    let st = pool.stats();
    assert_eq!((st.calls, st.hits, st.misses, st.inserts), (6, 1, 5, 3));

    // The byte limit: exactly `max_bytes` fit, one more does not.
    let mut pool = ArenaPool::with_options(ArenaOptions {
        max_bytes: 10,
        ..ArenaOptions::default()
    });
    assert_eq!(pool.intern(b"abcdef"), Some(0));
    assert_eq!(pool.intern(b"ghijk"), None);
    assert_eq!(pool.intern(b"ghij"), Some(1));
    assert_eq!(pool.intern(b""), Some(2));
    assert_eq!(pool.intern(b"z"), None);
    assert_eq!(pool.stats().payload_bytes, 10);

    // Without dedup, and in fixed-width mode, the same.
    let mut pool = ArenaPool::with_options(ArenaOptions {
        dedup: false,
        fixed_width: Some(4),
        max_bytes: 8,
        max_entries: u32::MAX,
    });
    assert_eq!(pool.intern(b"aaaa"), Some(0));
    assert_eq!(pool.intern(b"aaaa"), Some(1));
    assert_eq!(pool.intern(b"aaaa"), None);
    assert_eq!(pool.len(), 2);

    // The defaults are the `u32` range itself.
    let d = ArenaOptions::default();
    assert_eq!((d.max_entries, d.max_bytes), (u32::MAX, u32::MAX));
    assert!(d.dedup && d.fixed_width.is_none());
}

#[test]
fn every_figure_on_a_known_workload_and_the_heap_exact() {
    // 1,000 distinct values of 1..=40 bytes, each interned three times, plus 500 lookups.
    let distinct: Vec<Vec<u8>> = (0..1_000).map(value).collect();
    let payload: u64 = distinct.iter().map(|v| v.len() as u64).sum();
    let mut pool = ArenaPool::new();
    let info = measure(|| {
        for _ in 0..3 {
            for v in &distinct {
                black_box(pool.intern(v));
            }
        }
        for v in &distinct[..500] {
            black_box(pool.get(v));
        }
    });
    let st = pool.stats();
    let index = pool
        .index
        .as_ref()
        .map_or(0, hashbrown::HashTable::allocation_size);
    let heap = (pool.data.capacity() + 4 * pool.ends.capacity() + index) as u64;
    assert_eq!(
        st,
        Stats {
            calls: 3_000,
            hits: 2_000,
            misses: 1_000,
            inserts: 1_000,
            evictions: 0,
            released: 0,
            bytes_saved: 2 * payload,
            live_entries: 1_000,
            payload_bytes: payload,
            table_bytes: heap - payload,
            heap_bytes: heap,
            shards: 1,
        }
    );
    assert!((st.dedup_rate() - 2.0 / 3.0).abs() < 1e-12);
    // What the pool reports is what the allocator saw live.
    assert_eq!(info.bytes_current, st.heap_bytes as i64);
    assert_eq!(info.count_current, 3);

    // After shrinking, the arena and the offsets hold exactly their contents.
    let info = measure(|| pool.shrink_to_fit());
    let index = pool
        .index
        .as_ref()
        .map_or(0, hashbrown::HashTable::allocation_size) as u64;
    let st = pool.stats();
    assert_eq!(st.table_bytes, 4 * 1_000 + index);
    assert_eq!(st.heap_bytes, payload + 4 * 1_000 + index);
    assert_eq!(st.heap_bytes as i64 - heap as i64, info.bytes_current);
}

#[test]
fn a_hit_and_a_read_allocate_nothing() {
    let mut pool = ArenaPool::new();
    let long = vec![7u8; 4096];
    let a = pool.intern(b"65000 65001 65002").unwrap();
    let b = pool.intern(&long).unwrap();
    let info = measure(|| {
        for _ in 0..1_000 {
            black_box(pool.intern(black_box(b"65000 65001 65002")));
            black_box(pool.intern(black_box(&long)));
            black_box(pool.get(black_box(&long)));
            black_box(pool.resolve(black_box(a)));
            black_box(pool.resolve(black_box(b)));
        }
    });
    assert_eq!(info.count_total, 0, "{info:?}");
    assert_eq!(pool.stats().hits, 2_000);
}

#[test]
fn a_miss_allocates_nothing_once_reserved() {
    let values: Vec<Vec<u8>> = (0..100).map(value).collect();
    let mut pool = ArenaPool::new();
    pool.reserve(100, values.iter().map(Vec::len).sum());
    let info = measure(|| {
        for v in &values {
            black_box(pool.intern(v));
        }
    });
    assert_eq!(info.count_total, 0, "{info:?}");
    assert_eq!(pool.len(), 100);
}
