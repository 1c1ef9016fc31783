//! Packed and held NLRI storage.

use std::mem::size_of;

use ribcage_intern::{Interned, Policy};

use super::{HeldNlri, NlriPools, PackedNlri, INLINE_WIRE};
use crate::FieldPolicies;

#[test]
fn sizes() {
    assert_eq!(size_of::<PackedNlri>(), 24);
    assert_eq!(size_of::<HeldNlri>(), 24);
    assert_eq!(size_of::<crate::Nlri>(), 32);
}

#[test]
fn inline_up_to_the_limit_then_boxed() {
    let short = vec![7u8; INLINE_WIRE];
    let long = vec![9u8; INLINE_WIRE + 1];
    let p = PackedNlri::new(&short);
    assert!(p.is_inline());
    assert_eq!(p.wire(), &short[..]);
    assert_eq!(p.heap_bytes(), 0);
    let q = PackedNlri::new(&long);
    assert!(!q.is_inline());
    assert_eq!(q.wire(), &long[..]);
    assert_eq!(q.heap_bytes(), long.len());
    assert_eq!(PackedNlri::new(&[]).wire(), &[] as &[u8]);
}

#[test]
fn hold_follows_the_nlri_policy() {
    let wire = [0x70, 0, 6, 0x41, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 10, 0, 0];
    let inline = NlriPools::default();
    assert!(matches!(inline.hold(&wire), HeldNlri::Packed(_)));
    let shared = NlriPools::new(FieldPolicies {
        nlri: Policy::Unbounded,
        ..FieldPolicies::default()
    });
    let (a, b) = (shared.hold(&wire), shared.hold(&wire));
    match (&a, &b) {
        (HeldNlri::Shared(x), HeldNlri::Shared(y)) => assert!(Interned::ptr_eq(x, y)),
        _ => panic!("expected shared handles: {a:?} {b:?}"),
    }
    assert_eq!(a.wire(), &wire[..]);
    assert_eq!(a, inline.hold(&wire));
    assert_ne!(a, inline.hold(&wire[..14]));
    assert_eq!(shared.nlri.len(), 1);
}
