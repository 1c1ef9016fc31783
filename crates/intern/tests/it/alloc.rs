//! A hit allocates nothing (counted by the global allocator, on this thread only).

use std::hint::black_box;

use allocation_counter::measure;
use ribcage_intern::{Policy, Pool};

fn hits_allocate_nothing<T: ribcage_intern::Internable + ?Sized>(pool: &Pool<T>, value: &T) {
    drop(pool.intern(value));
    let info = measure(|| {
        for _ in 0..1_000 {
            black_box(pool.intern(black_box(value)));
            black_box(pool.get(black_box(value)));
        }
    });
    assert_eq!(info.count_total, 0, "{info:?}");
}

#[test]
fn a_hit_allocates_nothing_under_every_pooled_policy() {
    for policy in [
        Policy::Unbounded,
        Policy::Lru { capacity: 1_000 },
        Policy::Weak,
    ] {
        let bytes: Pool<[u8]> = Pool::new(policy);
        let long = vec![7u8; 4096];
        // Hold one handle so a Weak pool keeps the entries.
        let _held = (bytes.intern(b"65000 65001 65002"), bytes.intern(&long));
        hits_allocate_nothing(&bytes, b"65000 65001 65002".as_slice());
        hits_allocate_nothing(&bytes, long.as_slice());

        let strs: Pool<str> = Pool::new(policy);
        let _held = strs.intern("192.0.2.0/24");
        hits_allocate_nothing(&strs, "192.0.2.0/24");

        let vecs: Pool<Vec<u32>> = Pool::new(policy);
        let v = vec![65000, 65001, 65002];
        let _held = vecs.intern(&v);
        hits_allocate_nothing(&vecs, &v);
    }
}

#[test]
fn a_miss_allocates_exactly_the_entry_once_the_table_has_room() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Unbounded, 1);
    pool.intern(b"warm-up"); // Allocates the table, the slab and the scratch buffer.
    let info = measure(|| {
        black_box(pool.intern(b"second"));
    });
    assert_eq!(info.count_total, 1);
    assert_eq!(info.bytes_total, 32); // 16 (counts) + 8 (hash) + 6, padded to 8.
}
