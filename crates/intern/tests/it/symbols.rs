//! `SymbolPool`: one symbol per value, lock-free reads, exact counts under concurrency.

use std::hint::black_box;

use allocation_counter::measure;
use ribcage_intern::{Interned, Symbol, SymbolPool};

use crate::key;

#[test]
fn one_symbol_per_value_in_insertion_order() {
    let pool: SymbolPool<str> = SymbolPool::with_shards(4);
    let a = pool.intern("a").unwrap();
    let b = pool.intern("b").unwrap();
    assert_eq!((a, b), (Symbol(0), Symbol(1)));
    assert_eq!(pool.intern("a").unwrap(), a);
    assert_eq!(pool.get("b"), Some(b));
    assert_eq!(pool.get("c"), None);
    assert_eq!(pool.resolve(b), Some("b"));
    assert_eq!(pool.resolve(Symbol(7)), None);
    let h = pool.handle(a).unwrap();
    drop(pool);
    assert_eq!(&*h, "a");
    assert_eq!(Interned::strong_count(&h), 1);
}

#[test]
fn stats_and_iteration() {
    let pool: SymbolPool<[u8]> = SymbolPool::new();
    for v in [&b"a"[..], b"bb", b"a", b"ccc", b"bb", b"a"] {
        pool.intern(v).unwrap();
    }
    let st = pool.stats();
    assert_eq!((st.calls, st.hits, st.misses, st.inserts), (6, 3, 3, 3));
    assert_eq!(
        (st.live_entries, st.payload_bytes, st.bytes_saved),
        (3, 6, 4)
    );
    assert_eq!((st.evictions, st.released), (0, 0));
    let all: Vec<(Symbol, Vec<u8>)> = pool.iter().map(|(s, v)| (s, v.to_vec())).collect();
    assert_eq!(
        all,
        [
            (Symbol(0), b"a".to_vec()),
            (Symbol(1), b"bb".to_vec()),
            (Symbol(2), b"ccc".to_vec())
        ]
    );
}

#[test]
fn eight_threads_agree_on_every_symbol() {
    let pool: SymbolPool<[u8]> = SymbolPool::new();
    let seen: Vec<Vec<Symbol>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..8u64)
            .map(|t| {
                let pool = &pool;
                s.spawn(move || {
                    let mut mine = vec![Symbol(u32::MAX); 1_000];
                    for i in 0..100_000u64 {
                        let v = (i * [1, 3, 7, 9, 11, 13, 17, 19][t as usize] + t) % 1_000;
                        let sym = pool.intern(&key(v)).unwrap();
                        assert_eq!(pool.resolve(sym), Some(&key(v)[..]));
                        mine[v as usize] = sym;
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    for mine in &seen {
        assert_eq!(mine, &seen[0]);
    }
    let mut distinct = seen[0].clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 1_000);
    let st = pool.stats();
    assert_eq!(
        (st.calls, st.misses, st.live_entries),
        (800_000, 1_000, 1_000)
    );
    assert_eq!(pool.len(), 1_000);
}

#[test]
fn hits_and_reads_allocate_nothing() {
    let pool: SymbolPool<str> = SymbolPool::new();
    let sym = pool.intern("65000 65001").unwrap();
    let info = measure(|| {
        for _ in 0..1_000 {
            black_box(pool.intern(black_box("65000 65001")).unwrap());
            black_box(pool.resolve(black_box(sym)));
        }
    });
    assert_eq!(info.count_total, 0);
}
