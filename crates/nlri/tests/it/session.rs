//! `Session` in `DecodeContext`: the default, setting it, and the AS rule of RFC 4271 §1.1.

use ribcage_nlri::{DecodeContext, Family, Session};

#[test]
fn default_is_unknown_and_with_session_sets_only_the_session() {
    let ctx = DecodeContext::default();
    assert_eq!(ctx.session(), Session::Unknown);
    assert_eq!(Session::default(), Session::Unknown);
    let base = DecodeContext::default()
        .with_four_byte_as(false)
        .with_add_path(Family::IPV6_UNICAST)
        .with_max_labels(3);
    for s in [Session::Internal, Session::External, Session::Unknown] {
        let c = base.with_session(s);
        assert_eq!(c.session(), s);
        assert!(!c.four_byte_as());
        assert!(c.add_path(Family::IPV6_UNICAST));
        assert!(!c.add_path(Family::IPV4_UNICAST));
        assert_eq!(c.max_labels(), 3);
        assert_eq!(c.with_session(Session::Unknown), base);
    }
}

#[test]
fn between_compares_the_two_ases() {
    assert_eq!(Session::between(64500, 64500), Session::Internal);
    assert_eq!(Session::between(12654, 3333), Session::External);
    assert_eq!(Session::between(0, 0), Session::Internal);
    assert_eq!(Session::between(65535, 4_200_000_000), Session::External);
}

#[test]
fn the_context_stays_small() {
    // The session takes the byte of padding the other fields left: 32 families of 4 bytes and
    // six one-byte fields, 2-aligned, as before it was added.
    assert_eq!(std::mem::size_of::<Session>(), 1);
    assert_eq!(std::mem::size_of::<DecodeContext>(), 134);
}
