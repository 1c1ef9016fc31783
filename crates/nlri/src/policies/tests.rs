//! Field policy defaults and text form.

use ribcage_intern::Policy;

use super::FieldPolicies;

#[test]
fn defaults_follow_the_break_even_rule() {
    // Every field of the built-in families is at most 16 bytes: inline.
    assert_eq!(FieldPolicies::default(), FieldPolicies::all(Policy::Inline));
    // A long NLRI held by many tables is worth pooling.
    assert_eq!(FieldPolicies::recommended(40, 100).nlri, Policy::Weak);
    assert_eq!(
        FieldPolicies::recommended(40, 100).route_distinguisher,
        Policy::Inline
    );
}

#[test]
fn serde_names_each_field() {
    let p = FieldPolicies {
        nlri: Policy::Lru { capacity: 10 },
        ..FieldPolicies::default()
    };
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        r#"{"route_distinguisher":"inline","labels":"inline","path_id":"inline","prefix":"inline","nlri":"lru:10"}"#
    );
    let back: FieldPolicies = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
}
