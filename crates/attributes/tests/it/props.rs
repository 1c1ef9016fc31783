//! Property tests: arbitrary bytes as an UPDATE body, and bodies with valid outer framing
//! around arbitrary attributes, never panic whatever is asked of them.

use proptest::prelude::*;
use ribcage_attributes::{AttributeCache, AttributeSet, CacheConfig, Update};
use ribcage_nlri::{DecodeContext, Family, Registry};

/// Asks everything of a body; only panics (which fail the test) matter.
fn exercise(body: &[u8], four_byte: bool, add_path: bool) {
    let mut ctx = DecodeContext::default().with_four_byte_as(four_byte);
    if add_path {
        ctx = ctx.with_add_path(Family::IPV4_UNICAST);
    }
    let registry = Registry::default();
    let Ok(u) = Update::parse(body, 3, &ctx, &registry) else {
        return;
    };
    let problems = u.problems().count();
    assert_eq!(problems, u.outcome().problems as usize);
    for a in u.attributes().flatten() {
        let _ = a.to_string();
        let _ = serde_json::to_string(&a).unwrap();
    }
    let _ = u.all_announced().count();
    let _ = u.all_withdrawn().count();
    let _ = u.is_end_of_rib();
    if let Ok(m) = u.merged_as_path() {
        let _ = m.to_string();
        let _ = m.path_len();
    }
    let _ = u.merged_aggregator();
    let _ = serde_json::to_string(&u).unwrap();
    let set = AttributeSet::from_attributes(&u);
    let _ = set.to_string();
    let cache = AttributeCache::new(CacheConfig::default());
    let a = cache.intern_set(&u);
    let b = cache.intern_set(&u);
    assert_eq!(a, b);
}

/// One attribute: flags, a type code among the known ones (or any), and a value.
fn attribute() -> impl Strategy<Value = (u8, u8, Vec<u8>)> {
    let code = prop_oneof![
        prop::sample::select(vec![
            1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 22, 25, 26, 32, 35, 40
        ]),
        any::<u8>(),
    ];
    (any::<u8>(), code, prop::collection::vec(any::<u8>(), 0..40))
}

fn framed() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(any::<u8>(), 0..12),
        prop::collection::vec(attribute(), 0..8),
        prop::collection::vec(any::<u8>(), 0..12),
    )
        .prop_map(|(wd, attrs, nlri)| {
            let mut a = Vec::new();
            for (flags, code, v) in attrs {
                a.extend_from_slice(&[flags & !0x10, code, v.len() as u8]);
                a.extend_from_slice(&v);
            }
            let mut b = Vec::new();
            b.extend_from_slice(&(wd.len() as u16).to_be_bytes());
            b.extend_from_slice(&wd);
            b.extend_from_slice(&(a.len() as u16).to_be_bytes());
            b.extend_from_slice(&a);
            b.extend_from_slice(&nlri);
            b
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bodies_never_panic(body in prop::collection::vec(any::<u8>(), 0..200), four in any::<bool>(), ap in any::<bool>()) {
        exercise(&body, four, ap);
    }

    #[test]
    fn framed_bodies_never_panic(body in framed(), four in any::<bool>(), ap in any::<bool>()) {
        exercise(&body, four, ap);
    }
}
