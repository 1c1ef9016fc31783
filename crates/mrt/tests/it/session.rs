//! The session of BGP4MP routes: internal when the peer AS equals the local AS, external when
//! they differ, unknown for RIB dumps; and what that changes in the RFC 7606 verdict
//! (RFC 7606 §7.5: LOCAL_PREF from an external neighbor is discarded, not treat-as-withdraw).

use ribcage_attributes::{AttrType, ErrorAction, Update};
use ribcage_buffer::View;
use ribcage_mrt::mrt::t16_bgp4mp::Message;
use ribcage_mrt::{Action, Body, Decoder, Element, Records};
use ribcage_nlri::{Registry, Session};

use crate::{ris, RIS_FILES};

/// The session every route of `rec` should carry: that of its BGP4MP message, else unknown.
fn expected_session(rec: &ribcage_buffer::MrtRecord, registry: &Registry) -> Session {
    match Body::decode(rec.mrt_type, rec.subtype, rec.body.cursor(), registry) {
        Ok(Body::Message(m)) => Session::between(m.peering.local_as, m.peering.peer_as),
        _ => Session::Unknown,
    }
}

#[test]
fn routes_carry_the_session_of_their_record() {
    // RIS collectors (AS 12654) peer over eBGP: every BGP4MP route is external; RIB dumps do
    // not say, so theirs stay unknown. Both walks (elements and visit) agree.
    let registry = Registry::default();
    for name in RIS_FILES {
        let mut decoder = Decoder::new();
        let mut visitor = Decoder::new();
        let mut seen = [0usize; 3];
        for rec in Records::new(View::from(ris(name))) {
            let rec = rec.unwrap();
            let want = expected_session(&rec, &registry);
            let mut check = |r: &ribcage_mrt::Route<'_>| {
                assert_eq!(r.context.session(), want, "{name} at {}", rec.offset);
                assert_eq!(
                    r.path_attributes(&registry).context().session(),
                    want,
                    "{name}"
                );
                if r.action == Action::Rib {
                    assert_eq!(want, Session::Unknown);
                }
                seen[match want {
                    Session::Internal => 1,
                    Session::External => 2,
                    _ => 0,
                }] += 1;
            };
            if let Ok(els) = decoder.elements(&rec) {
                for e in els.flatten() {
                    if let Element::Route(r) = e {
                        check(&r);
                    }
                }
            }
            let _ = visitor.visit(&rec, |e| {
                if let Ok(Element::Route(r)) = e {
                    check(&r);
                }
            });
        }
        if name.starts_with("updates.") {
            assert!(seen[2] > 0 && seen[0] == 0, "{name}: {seen:?}");
        } else {
            assert!(seen[0] > 0 && seen[2] == 0, "{name}: {seen:?}");
        }
    }
}

/// A real BGP4MP_MESSAGE_AS4 UPDATE of updates.20160811.1600 that announces IPv4 prefixes in
/// its body: its UPDATE body, taken apart into attributes and the rest.
fn real_update() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let registry = Registry::default();
    for rec in Records::new(View::from(ris("updates.20160811.1600.gz"))) {
        let rec = rec.unwrap();
        if (rec.mrt_type.0, rec.subtype) != (16, 4) {
            continue;
        }
        let Ok(Body::Message(m)) =
            Body::decode(rec.mrt_type, rec.subtype, rec.body.cursor(), &registry)
        else {
            continue;
        };
        let body = m.body.rest();
        let ctx = m.context();
        let Ok(u) = Update::parse(body, 0, &ctx, &registry) else {
            continue;
        };
        if !u.has_body_nlri() || !u.outcome().is_clean() || u.has_body_withdrawn() {
            continue;
        }
        let al = usize::from(u16::from_be_bytes([body[2], body[3]]));
        return (
            body[..2].to_vec(),
            body[4..4 + al].to_vec(),
            body[4 + al..].to_vec(),
        );
    }
    panic!("no plain IPv4 UPDATE in the capture")
}

/// An MRT BGP4MP MESSAGE_AS4 record (RFC 6396 §4.4.3) between `peer_as` and `local_as`
/// carrying the UPDATE made of `withdrawn_len`, `attrs` and `nlri`.
fn record(peer_as: u32, local_as: u32, (wl, attrs, nlri): (&[u8], &[u8], &[u8])) -> Vec<u8> {
    let mut update = Vec::new();
    update.extend_from_slice(wl);
    update.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
    update.extend_from_slice(attrs);
    update.extend_from_slice(nlri);
    let mut body = Vec::new();
    body.extend_from_slice(&peer_as.to_be_bytes());
    body.extend_from_slice(&local_as.to_be_bytes());
    body.extend_from_slice(&[0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2]);
    body.extend_from_slice(&[0xff; 16]);
    body.extend_from_slice(&((19 + update.len()) as u16).to_be_bytes());
    body.push(2);
    body.extend_from_slice(&update);
    let mut rec = Vec::new();
    rec.extend_from_slice(&1_470_931_200u32.to_be_bytes());
    rec.extend_from_slice(&16u16.to_be_bytes());
    rec.extend_from_slice(&4u16.to_be_bytes());
    rec.extend_from_slice(&(body.len() as u32).to_be_bytes());
    rec.extend_from_slice(&body);
    rec
}

#[test]
fn bgp4mp_session_decides_the_verdict_on_a_malformed_local_pref() {
    // The real UPDATE with a three-byte LOCAL_PREF appended. Between different ASes (eBGP) the
    // attribute is discarded and the routes stay announced; within one AS (iBGP) the routes
    // are treated as withdrawn (RFC 7606 §7.5).
    let (wl, mut attrs, nlri) = real_update();
    attrs.extend_from_slice(&[0x40, 5, 3, 0, 0, 100]);
    let registry = Registry::default();
    for (peer_as, local_as, session, action) in [
        (
            3333,
            12654,
            Session::External,
            ErrorAction::AttributeDiscard,
        ),
        (
            12654,
            12654,
            Session::Internal,
            ErrorAction::TreatAsWithdraw,
        ),
    ] {
        let bytes = record(peer_as, local_as, (&wl, &attrs, &nlri));
        let rec = Records::new(View::from(bytes)).next().unwrap().unwrap();
        let Ok(Body::Message(m)) =
            Body::decode(rec.mrt_type, rec.subtype, rec.body.cursor(), &registry)
        else {
            panic!("a BGP4MP message")
        };
        let m: Message<'_> = m;
        assert_eq!(m.session(), session);
        let ctx = m.context();
        let u = Update::parse(m.body.rest(), m.body.position(), &ctx, &registry).unwrap();
        assert_eq!(u.outcome().action, Some(action), "{session:?}");
        assert_eq!(
            u.outcome().withdraws(),
            action == ErrorAction::TreatAsWithdraw
        );

        let mut decoder = Decoder::new();
        let mut routes = 0;
        for e in decoder.elements(&rec).unwrap() {
            let Element::Route(r) = e.unwrap() else {
                panic!("an UPDATE gives routes")
            };
            assert_eq!(r.action, Action::Announce);
            assert_eq!(r.context.session(), session);
            let problems: Vec<_> = r.path_attributes(&registry).problems(true, true).collect();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(
                (problems[0].code, problems[0].action),
                (AttrType::LOCAL_PREF, action)
            );
            routes += 1;
        }
        assert!(routes > 0);
    }
}

/// The twelve static decode contexts (built at compile time) are what the builder methods give
/// for each (4-byte AS, ADD-PATH, session), and `static_context` is the unknown session's.
#[test]
fn static_contexts_match_the_builders() {
    use ribcage_mrt::{static_context, static_context_in};
    use ribcage_nlri::DecodeContext;
    for four in [false, true] {
        for add_path in [false, true] {
            for session in [Session::Unknown, Session::Internal, Session::External] {
                let want = DecodeContext::default()
                    .with_four_byte_as(four)
                    .with_add_path_all(add_path)
                    .with_session(session);
                assert_eq!(*static_context_in(four, add_path, session), want);
            }
            assert_eq!(
                static_context(four, add_path),
                static_context_in(four, add_path, Session::Unknown)
            );
        }
    }
}
