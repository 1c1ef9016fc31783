//! One canonical instance per value, for every supported kind of value; handle semantics.

use std::collections::HashSet;

use ribcage_intern::{Interned, Policy, Pool};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Community {
    asn: u16,
    value: u16,
}

#[test]
fn equal_values_share_one_instance() {
    let bytes: Pool<[u8]> = Pool::new(Policy::Unbounded);
    let a = bytes.intern(&[1, 2, 3]);
    let b = bytes.intern(&[1, 2, 3]);
    let c = bytes.intern(&[1, 2, 4]);
    assert!(Interned::ptr_eq(&a, &b));
    assert!(!Interned::ptr_eq(&a, &c));
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(&*a, &[1, 2, 3]);

    let strs: Pool<str> = Pool::new(Policy::Weak);
    let s1 = strs.intern("65000:100");
    let s2 = strs.intern("65000:100");
    assert!(Interned::ptr_eq(&s1, &s2));
    assert_eq!(s1.to_string(), "65000:100");
    assert_eq!(format!("{s1:?}"), "\"65000:100\"");

    let vecs: Pool<Vec<u32>> = Pool::new(Policy::Lru { capacity: 100 });
    let v1 = vecs.intern(&vec![65000, 65001]);
    assert!(Interned::ptr_eq(&v1, &vecs.intern(&vec![65000, 65001])));
    assert_eq!(v1.len(), 2);

    let structs: Pool<Community> = Pool::new(Policy::Unbounded);
    let k = Community {
        asn: 65000,
        value: 1,
    };
    assert!(Interned::ptr_eq(&structs.intern(&k), &structs.intern(&k)));
    assert_eq!(structs.len(), 1);
    assert_eq!(std::mem::size_of::<Interned<Community>>(), 8);
    assert_eq!(std::mem::size_of::<Interned<[u8]>>(), 16);
    assert_eq!(std::mem::size_of::<Option<Interned<str>>>(), 16);
}

#[test]
fn equal_values_from_different_pools_compare_and_hash_equal() {
    let p1: Pool<str> = Pool::new(Policy::Unbounded);
    let p2: Pool<str> = Pool::with_shards(Policy::Weak, 1);
    let a = p1.intern("same");
    let b = p2.intern("same");
    assert!(!Interned::ptr_eq(&a, &b));
    assert_eq!(a, b);
    assert_eq!(Interned::stored_hash(&a), Interned::stored_hash(&b));
    let set: HashSet<Interned<str>> = [a, b, Interned::new("other")].into_iter().collect();
    assert_eq!(set.len(), 2);
}

#[test]
fn evicted_value_stays_valid_and_equal_to_its_new_copy() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Lru { capacity: 2 }, 1);
    let old = pool.intern(b"first");
    pool.intern(b"second");
    pool.intern(b"third"); // evicts "first"
    assert!(pool.get(b"first").is_none());
    let new = pool.intern(b"first");
    assert!(!Interned::ptr_eq(&old, &new));
    assert_eq!(old, new);
    assert_eq!(Interned::stored_hash(&old), Interned::stored_hash(&new));
    assert_eq!(&*old, b"first");
    let set: HashSet<_> = [old, new].into_iter().collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn handles_outlive_their_pool() {
    let pool: Pool<str> = Pool::new(Policy::Unbounded);
    let h = pool.intern("kept");
    pool.clear();
    assert!(pool.is_empty());
    drop(pool);
    assert_eq!(&*h, "kept");
    assert_eq!(Interned::strong_count(&h), 1);
}

#[test]
fn inline_policy_returns_unshared_handles() {
    let pool: Pool<[u8]> = Pool::new(Policy::Inline);
    let a = pool.intern(b"x");
    let b = pool.intern(b"x");
    assert!(!Interned::ptr_eq(&a, &b));
    assert_eq!(a, b);
    assert!(pool.get(b"x").is_none());
    assert!(pool.is_empty());
    let st = pool.stats();
    assert_eq!((st.calls, st.hits, st.misses, st.inserts), (2, 0, 2, 0));
}

#[test]
fn handles_serialise_as_their_value_and_order_by_it() {
    let pool: Pool<str> = Pool::new(Policy::Unbounded);
    let b = pool.intern("b");
    let a = pool.intern("a");
    assert_eq!(serde_json::to_string(&a).unwrap(), "\"a\"");
    let mut v = vec![b.clone(), a.clone()];
    v.sort();
    assert_eq!(v, [a, b]);
    let n: Pool<u32> = Pool::new(Policy::Unbounded);
    assert_eq!(serde_json::to_string(&n.intern(&7)).unwrap(), "7");
}

#[test]
fn pools_and_handles_are_send_and_sync() {
    fn check<X: Send + Sync>() {}
    check::<Pool<[u8]>>();
    check::<Pool<str>>();
    check::<Pool<Vec<u32>>>();
    check::<Interned<[u8]>>();
    check::<Interned<str>>();
    check::<Interned<Community>>();
}
