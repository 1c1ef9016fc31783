//! Unit tests: policy text, hashing layout, slab bookkeeping.

use crate::{Error, Internable, Interned, Policy, Pool, Symbol, SymbolPool};

#[test]
fn policy_text_round_trips() {
    for p in [
        Policy::Inline,
        Policy::Unbounded,
        Policy::Lru { capacity: 10_000 },
        Policy::Weak,
    ] {
        assert_eq!(p.to_string().parse::<Policy>(), Ok(p));
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Policy>(&json).unwrap(), p);
    }
    assert_eq!("LRU:1_000".parse(), Ok(Policy::Lru { capacity: 1000 }));
    assert_eq!(
        " lru:x".parse::<Policy>(),
        Err(Error::BadCapacity {
            text: "x".into(),
            offset: 5
        })
    );
    assert!(matches!(
        "lru:0".parse::<Policy>(),
        Err(Error::BadCapacity { .. })
    ));
    assert!(matches!(
        "arc".parse::<Policy>(),
        Err(Error::UnknownPolicy { .. })
    ));
    assert_eq!(
        serde_json::to_string(&Policy::Lru { capacity: 5 }).unwrap(),
        "\"lru:5\""
    );
}

#[test]
fn stored_hash_matches_intern_hash() {
    for s in ["", "a", "αβγ", "a longer string with some bytes in it"] {
        let h = Interned::<str>::new(s);
        assert_eq!(Interned::stored_hash(&h), s.intern_hash());
        assert_eq!(&*h, s);
        let b = Interned::<[u8]>::new(s.as_bytes());
        assert_eq!(Interned::stored_hash(&b), s.as_bytes().intern_hash());
        assert_eq!(&*b, s.as_bytes());
    }
    let big = "x".repeat(5000);
    assert_eq!(&*Interned::<str>::new(&big), big.as_str());
    assert_eq!(&*Interned::<[u8]>::new(big.as_bytes()), big.as_bytes());
    let v = Interned::new(&vec![1u32, 2, 3]);
    assert_eq!(Interned::stored_hash(&v), vec![1u32, 2, 3].intern_hash());
}

#[test]
fn lru_order_is_exact_with_one_shard() {
    let pool: Pool<u32> = Pool::with_shards(Policy::Lru { capacity: 3 }, 1);
    for v in [1, 2, 3] {
        pool.intern(&v);
    }
    pool.intern(&1); // 1 is now the most recent, 2 the least
    pool.intern(&4); // evicts 2
    assert!(pool.get(&2).is_none());
    for v in [1, 3, 4] {
        assert!(pool.get(&v).is_some(), "{v} kept");
    }
    assert_eq!(pool.len(), 3);
    assert_eq!(pool.stats().evictions, 1);
}

#[test]
fn slots_are_reused_after_removal() {
    let pool: Pool<u64> = Pool::with_shards(Policy::Lru { capacity: 4 }, 1);
    for v in 0..1000u64 {
        pool.intern(&v);
    }
    let st = pool.stats();
    assert_eq!(st.live_entries, 4);
    assert_eq!(st.evictions, 996);
    // Four slots of the slab, whatever was inserted and evicted before.
    let mut seen: Vec<u64> = pool.iter().map(|h| *h).collect();
    seen.sort_unstable();
    assert_eq!(seen, [996, 997, 998, 999]);
}

#[test]
fn set_policy_shrinks_and_empties() {
    let pool: Pool<u32> = Pool::with_shards(Policy::Unbounded, 4);
    let held: Vec<_> = (0..100u32).map(|v| pool.intern(&v)).collect();
    pool.set_policy(Policy::Lru { capacity: 10 });
    assert!(pool.len() <= 10);
    assert_eq!(pool.policy(), Policy::Lru { capacity: 10 });
    pool.set_policy(Policy::Inline);
    assert!(pool.is_empty());
    let a = pool.intern(&7);
    let b = pool.intern(&7);
    assert!(!Interned::ptr_eq(&a, &b));
    assert_eq!(a, b);
    assert!(pool.get(&7).is_none());
    assert_eq!(held.iter().map(|h| **h).sum::<u32>(), 4950);
}

#[test]
fn symbol_pool_stops_at_its_limit_even_under_concurrency() {
    // Eight threads add distinct values to a pool that takes 100: exactly 100 get a symbol, every
    // symbol resolves to the value it was given for, and no value is stored without a symbol.
    let pool: SymbolPool<[u8]> = SymbolPool::with_limit(8, 100);
    let given: Vec<Vec<(u64, Symbol)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..8u64)
            .map(|t| {
                let pool = &pool;
                s.spawn(move || {
                    let mut mine = Vec::new();
                    for i in 0..1_000u64 {
                        let v = t * 1_000 + i;
                        match pool.intern(&v.to_le_bytes()) {
                            Ok(sym) => mine.push((v, sym)),
                            Err(Error::SymbolsExhausted { len }) => assert!(len >= 100),
                            Err(e) => panic!("{e}"),
                        }
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let given: Vec<(u64, Symbol)> = given.into_iter().flatten().collect();
    assert_eq!(given.len(), 100);
    assert_eq!(pool.len(), 100);
    assert_eq!(pool.iter().count(), 100);
    for &(v, sym) in &given {
        assert_eq!(pool.resolve(sym), Some(&v.to_le_bytes()[..]));
        assert_eq!(pool.intern(&v.to_le_bytes()), Ok(sym));
    }
    assert!(given.iter().all(|&(_, s)| s.index() < 100));
    assert_eq!(
        pool.intern(b"one more"),
        Err(Error::SymbolsExhausted { len: 100 })
    );
}

#[test]
fn symbol_pool_limit_holds_when_threads_reach_it_together() {
    // Many short races at the boundary: eight threads released at once add one value each to a
    // pool that takes four.
    for round in 0..300u64 {
        let pool: SymbolPool<u64> = SymbolPool::with_limit(8, 4);
        let barrier = std::sync::Barrier::new(8);
        let ok = std::thread::scope(|s| {
            let workers: Vec<_> = (0..8u64)
                .map(|t| {
                    let (pool, barrier) = (&pool, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        pool.intern(&(round * 8 + t)).is_ok()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap())
                .filter(|&ok| ok)
                .count()
        });
        assert_eq!((ok, pool.len()), (4, 4), "round {round}");
    }
}
