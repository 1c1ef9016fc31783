//! Many threads interning the same values get exactly one canonical instance each.

use std::collections::{HashMap, HashSet};

use ribcage_intern::{Interned, Policy, Pool};

use crate::key;

const THREADS: u64 = 8;
const PER_THREAD: u64 = 100_000;
const DISTINCT: u64 = 1_000;
/// Strides coprime to `DISTINCT`, so each thread's walk meets every value.
const STEPS: [u64; THREADS as usize] = [1, 3, 7, 9, 11, 13, 17, 19];

fn hammer(policy: Policy) {
    let pool: Pool<[u8]> = Pool::new(policy);
    // Each thread keeps the handle of every value it met, so no entry is ever unused.
    let per_thread: Vec<Vec<Option<Interned<[u8]>>>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let pool = &pool;
                s.spawn(move || {
                    let mut held = vec![None; DISTINCT as usize];
                    for i in 0..PER_THREAD {
                        // A different walk per thread over the same shared set.
                        let v = (i * STEPS[t as usize] + t * 131) % DISTINCT;
                        let h = pool.intern(&key(v));
                        assert_eq!(&*h, &key(v));
                        held[v as usize] = Some(h);
                    }
                    held
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });

    // One allocation per distinct value: every thread's handle for v is the same pointer.
    let mut canon: HashMap<u64, *const u8> = HashMap::new();
    let mut pointers = HashSet::new();
    for held in &per_thread {
        for (v, h) in held.iter().enumerate() {
            let h = h.as_ref().expect("every thread meets every value");
            let p = Interned::as_ptr(h);
            pointers.insert(p as usize);
            assert_eq!(*canon.entry(v as u64).or_insert(p), p, "value {v}");
            let g = pool.get(&key(v as u64)).unwrap();
            assert!(Interned::ptr_eq(h, &g));
        }
    }
    assert_eq!(pointers.len() as u64, DISTINCT);

    let st = pool.stats();
    assert_eq!(st.calls, THREADS * PER_THREAD);
    assert_eq!(st.misses, DISTINCT);
    assert_eq!(st.inserts, DISTINCT);
    assert_eq!(st.hits, THREADS * PER_THREAD - DISTINCT);
    assert_eq!(st.live_entries, DISTINCT);
    assert_eq!(st.evictions, 0);
    assert_eq!(st.released, 0);
    assert_eq!(st.payload_bytes, DISTINCT * 8);
    assert_eq!(st.bytes_saved, (THREADS * PER_THREAD - DISTINCT) * 8);
    assert_eq!(pool.len() as u64, DISTINCT);
}

#[test]
fn eight_threads_unbounded() {
    hammer(Policy::Unbounded);
}

#[test]
fn eight_threads_weak() {
    hammer(Policy::Weak);
}

#[test]
fn weak_intern_racing_release_never_loses_a_held_entry() {
    let pool: Pool<[u8]> = Pool::with_shards(Policy::Weak, 2);
    std::thread::scope(|s| {
        for t in 0..4u64 {
            let pool = &pool;
            s.spawn(move || {
                for i in 0..20_000u64 {
                    let v = (i + t) % 8;
                    let h = pool.intern(&key(v));
                    // While `h` is held its entry cannot be released: `get` finds this very
                    // allocation, even with other threads dropping theirs and purging.
                    let g = pool.get(&key(v)).expect("held entry is present");
                    assert!(Interned::ptr_eq(&h, &g));
                    if i % 64 == 0 {
                        pool.purge();
                    }
                }
            });
        }
    });
    assert_eq!(pool.len(), 0);
    let st = pool.stats();
    assert_eq!(st.live_entries, 0);
    assert_eq!(st.payload_bytes, 0);
    assert_eq!(st.inserts, st.released);
}
