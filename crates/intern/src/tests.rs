//! Unit tests: policy text, hashing layout, slab bookkeeping.

use crate::{Error, Internable, Interned, Policy, Pool};

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
