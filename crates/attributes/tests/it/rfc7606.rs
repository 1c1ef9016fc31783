//! RFC 7606 outcomes of malformed UPDATEs. Each starts from a real UPDATE of the RIS fixtures
//! (picked by `find_update`), taken apart into its attributes, deliberately corrupted in one
//! way (the comment on each test says how), and put back together with correct outer lengths
//! unless the test is about those lengths. One message is malformed as recorded.

use ribcage_attributes::{
    malformed_action, malformed_action_in, AttrType, Error, ErrorAction, Update,
};
use ribcage_nlri::{DecodeContext, Registry, Session};

use crate::snapshots::find_update;

/// An UPDATE taken apart: withdrawn routes, attributes (flags, code, value), NLRI.
#[derive(Clone)]
struct Parts {
    withdrawn: Vec<u8>,
    attrs: Vec<(u8, u8, Vec<u8>)>,
    nlri: Vec<u8>,
    four_byte: bool,
}

impl Parts {
    fn of(body: &[u8], four_byte: bool) -> Self {
        let ctx = DecodeContext::default().with_four_byte_as(four_byte);
        let registry = Registry::default();
        let u = Update::parse(body, 0, &ctx, &registry).unwrap();
        let wl = usize::from(u16::from_be_bytes([body[0], body[1]]));
        let al = usize::from(u16::from_be_bytes([body[2 + wl], body[3 + wl]]));
        Parts {
            withdrawn: body[2..2 + wl].to_vec(),
            attrs: u
                .raw()
                .map(|r| {
                    let r = r.unwrap();
                    (r.flags.0 & !0x10, r.code.0, r.value.to_vec())
                })
                .collect(),
            nlri: body[4 + wl + al..].to_vec(),
            four_byte,
        }
    }

    /// A real IPv4 UPDATE of a 4-byte session: ORIGIN, AS_PATH, NEXT_HOP, MED, COMMUNITIES,
    /// EXTENDED_COMMUNITIES, two prefixes (updates.20160811.1600).
    fn ipv4() -> Self {
        let (b, f) = find_update("updates.20160811.1600.gz", |u| {
            matches!(u.get(AttrType::EXTENDED_COMMUNITIES), Ok(Some(_)))
        });
        Self::of(&b, f)
    }

    /// A real IPv6 MP_REACH UPDATE of a 2-byte session (updates.20070211.0141).
    fn ipv6() -> Self {
        let (b, f) = find_update("updates.20070211.0141.gz", |u| {
            matches!(u.mp_reach(), Ok(Some(m)) if m.family() == ribcage_nlri::Family::IPV6_UNICAST)
                && !u.has_body_nlri()
        });
        Self::of(&b, f)
    }

    /// A real 2-byte UPDATE with AGGREGATOR and ATOMIC_AGGREGATE (updates.20020722.2238).
    fn aggregated() -> Self {
        let (b, f) = find_update("updates.20020722.2238.gz", |u| {
            matches!(u.get(AttrType::AGGREGATOR), Ok(Some(_)))
                && matches!(u.get(AttrType::ATOMIC_AGGREGATE), Ok(Some(_)))
        });
        Self::of(&b, f)
    }

    fn value(&mut self, code: AttrType) -> &mut Vec<u8> {
        &mut self.attrs.iter_mut().find(|a| a.1 == code.0).unwrap().2
    }

    fn remove(&mut self, code: AttrType) {
        self.attrs.retain(|a| a.1 != code.0);
    }

    fn push(&mut self, flags: u8, code: AttrType, value: &[u8]) {
        self.attrs.push((flags, code.0, value.to_vec()));
    }

    fn attr_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (flags, code, v) in &self.attrs {
            if v.len() > 255 {
                out.extend_from_slice(&[flags | 0x10, *code]);
                out.extend_from_slice(&(v.len() as u16).to_be_bytes());
            } else {
                out.extend_from_slice(&[*flags, *code, v.len() as u8]);
            }
            out.extend_from_slice(v);
        }
        out
    }

    fn body(&self) -> Vec<u8> {
        let attrs = self.attr_bytes();
        let mut out = Vec::new();
        out.extend_from_slice(&(self.withdrawn.len() as u16).to_be_bytes());
        out.extend_from_slice(&self.withdrawn);
        out.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
        out.extend_from_slice(&attrs);
        out.extend_from_slice(&self.nlri);
        out
    }
}

/// Parses `body` and checks the outcome and the single problem's attribute and action.
fn expect(parts: &Parts, body: &[u8], action: ErrorAction, code: AttrType) {
    let ctx = DecodeContext::default().with_four_byte_as(parts.four_byte);
    let registry = Registry::default();
    let u = Update::parse(body, 0, &ctx, &registry).unwrap();
    assert_eq!(
        u.outcome().action,
        Some(action),
        "{:?}",
        u.problems().collect::<Vec<_>>()
    );
    let p: Vec<_> = u.problems().collect();
    assert!(
        p.iter().any(|p| p.code == code && p.action == action),
        "{p:?}"
    );
    assert_eq!(u.outcome().problems as usize, p.len());
}

/// Parses the reassembled message and hands it to `f`.
fn with_update<R>(p: &Parts, f: impl FnOnce(&Update<'_>) -> R) -> R {
    let ctx = DecodeContext::default().with_four_byte_as(p.four_byte);
    let registry = Registry::default();
    let body = p.body();
    f(&Update::parse(&body, 0, &ctx, &registry).unwrap())
}

/// The first problem of the reassembled message.
fn first_problem(parts: &Parts) -> ribcage_attributes::Problem {
    with_update(parts, |u| u.problems().next().unwrap())
}

fn check(parts: &Parts, action: ErrorAction, code: AttrType) {
    expect(parts, &parts.body(), action, code);
}

#[test]
fn clean_messages_have_no_problems() {
    for p in [Parts::ipv4(), Parts::ipv6(), Parts::aggregated()] {
        let ctx = DecodeContext::default().with_four_byte_as(p.four_byte);
        let registry = Registry::default();
        let body = p.body();
        let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
        assert!(
            u.outcome().is_clean(),
            "{:?}",
            u.problems().collect::<Vec<_>>()
        );
    }
}

#[test]
fn origin_undefined_value_is_treat_as_withdraw() {
    // ORIGIN value set to 3 (RFC 7606 §7.1).
    let mut p = Parts::ipv4();
    *p.value(AttrType::ORIGIN) = vec![3];
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::ORIGIN);
}

#[test]
fn origin_bad_length_is_treat_as_withdraw() {
    // ORIGIN value grown to two bytes (RFC 7606 §7.1).
    let mut p = Parts::ipv4();
    p.value(AttrType::ORIGIN).push(0);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::ORIGIN);
}

#[test]
fn origin_optional_flag_is_treat_as_withdraw() {
    // ORIGIN flags changed from well-known transitive 0x40 to optional transitive 0xc0
    // (RFC 7606 §3 c).
    let mut p = Parts::ipv4();
    p.attrs.iter_mut().find(|a| a.1 == 1).unwrap().0 = 0xc0;
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::ORIGIN);
    with_update(&p, |u| {
        let prob = u.problems().next().unwrap();
        assert!(matches!(prob.error, Error::Flags { .. }));
        assert_eq!(prob.flags.0, 0xc0);
        assert_eq!(prob.offset, 4 + p.withdrawn.len());
    });
}

#[test]
fn aggregator_wrong_flags_is_treat_as_withdraw() {
    // AGGREGATOR flags changed from optional transitive 0xc0 to optional non-transitive 0x80.
    // RFC 7606 §3 c: a flags conflict is treat-as-withdraw unless the attribute's own
    // specification says otherwise (§7.7 speaks only of the length); it was attribute-discard
    // (AGGREGATOR's approach to a bad length) before.
    let mut p = Parts::aggregated();
    p.attrs.iter_mut().find(|a| a.1 == 7).unwrap().0 = 0x80;
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::AGGREGATOR);
}

#[test]
fn mp_reach_wrong_flags_is_treat_as_withdraw() {
    // MP_REACH_NLRI flags changed from optional non-transitive 0x80 to optional transitive
    // 0xc0; its NLRI still split, so treat-as-withdraw applies (RFC 7606 §3 c).
    let mut p = Parts::ipv6();
    p.attrs.iter_mut().find(|a| a.1 == 14).unwrap().0 = 0xc0;
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::MP_REACH_NLRI);
}

#[test]
fn mp_reach_wrong_flags_and_bad_nlri_is_afi_safi_disable() {
    // Both wrong flags and a /129 prefix in MP_REACH_NLRI: the NLRI error is the more severe
    // and must not be hidden by the flags error (RFC 7606 §3 h, §5.3).
    let mut p = Parts::ipv6();
    p.attrs.iter_mut().find(|a| a.1 == 14).unwrap().0 = 0xc0;
    p.value(AttrType::MP_REACH_NLRI)
        .extend_from_slice(&[129, 0x20, 0x01]);
    check(&p, ErrorAction::AfiSafiDisable, AttrType::MP_REACH_NLRI);
    assert_eq!(
        first_problem(&p).family,
        Some(ribcage_nlri::Family::IPV6_UNICAST)
    );
}

#[test]
fn unrecognized_well_known_attribute_is_session_reset() {
    // An attribute of unassigned type 99 with flags 0x40 (well-known transitive) added: a
    // well-known attribute the receiver does not recognise (RFC 4271 §6.3, not revised by
    // RFC 7606). It was kept as an unknown attribute with no problem before. The same type
    // with the optional bit set is fine.
    let mut p = Parts::ipv4();
    p.push(0x40, AttrType(99), &[1, 2]);
    check(&p, ErrorAction::SessionReset, AttrType(99));
    p.attrs.last_mut().unwrap().0 = 0xc0;
    with_update(&p, |u| assert!(u.outcome().is_clean()));
}

#[test]
fn as_path_bad_segment_type_is_treat_as_withdraw() {
    // First AS_PATH segment type changed from AS_SEQUENCE (2) to 5 (RFC 7606 §7.2).
    let mut p = Parts::ipv4();
    p.value(AttrType::AS_PATH)[0] = 5;
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::AS_PATH);
}

#[test]
fn as_path_zero_length_segment_is_treat_as_withdraw() {
    // An empty AS_SEQUENCE segment appended (RFC 7606 §7.2).
    let mut p = Parts::ipv4();
    p.value(AttrType::AS_PATH).extend_from_slice(&[2, 0]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::AS_PATH);
}

#[test]
fn as_path_segment_overrun_is_treat_as_withdraw() {
    // First segment's count raised by one, so it overruns the value (RFC 7606 §7.2).
    let mut p = Parts::ipv4();
    p.value(AttrType::AS_PATH)[1] += 1;
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::AS_PATH);
}

#[test]
fn as_path_one_byte_underrun_is_treat_as_withdraw() {
    // One stray byte appended after the last segment (RFC 7606 §7.2).
    let mut p = Parts::ipv4();
    p.value(AttrType::AS_PATH).push(2);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::AS_PATH);
}

#[test]
fn as_path_with_as_zero_is_treat_as_withdraw() {
    // The first AS of the path set to 0 (RFC 7607 §2); the path still decodes for display.
    let mut p = Parts::ipv4();
    p.value(AttrType::AS_PATH)[2..6].copy_from_slice(&[0, 0, 0, 0]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::AS_PATH);
    with_update(&p, |u| {
        assert_eq!(u.as_path().unwrap().unwrap().first_as(), Some(0));
    });
}

#[test]
fn aggregator_with_as_zero_is_attribute_discard() {
    // AGGREGATOR's AS set to 0 (RFC 7607 §2).
    let mut p = Parts::aggregated();
    p.value(AttrType::AGGREGATOR)[..2].copy_from_slice(&[0, 0]);
    check(&p, ErrorAction::AttributeDiscard, AttrType::AGGREGATOR);
}

#[test]
fn next_hop_bad_length_is_treat_as_withdraw() {
    // NEXT_HOP value cut to three bytes (RFC 7606 §7.3).
    let mut p = Parts::ipv4();
    p.value(AttrType::NEXT_HOP).pop();
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::NEXT_HOP);
}

#[test]
fn med_bad_length_is_treat_as_withdraw() {
    // MULTI_EXIT_DISC value grown to five bytes (RFC 7606 §7.4).
    let mut p = Parts::ipv4();
    p.value(AttrType::MULTI_EXIT_DISC).push(0);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::MULTI_EXIT_DISC);
}

#[test]
fn local_pref_bad_length_is_treat_as_withdraw() {
    // A three-byte LOCAL_PREF added (RFC 7606 §7.5).
    let mut p = Parts::ipv4();
    p.push(0x40, AttrType::LOCAL_PREF, &[0, 0, 100]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::LOCAL_PREF);
}

#[test]
fn atomic_aggregate_bad_length_is_attribute_discard() {
    // ATOMIC_AGGREGATE given a one-byte value (RFC 7606 §7.6); the rest still decodes.
    let mut p = Parts::aggregated();
    p.value(AttrType::ATOMIC_AGGREGATE).push(1);
    check(
        &p,
        ErrorAction::AttributeDiscard,
        AttrType::ATOMIC_AGGREGATE,
    );
    with_update(&p, |u| {
        assert!(u.atomic_aggregate().is_err());
        assert!(u.as_path().unwrap().is_some());
        assert!(u.all_announced().count() > 0);
        assert!(!u.outcome().withdraws());
    });
}

#[test]
fn aggregator_bad_length_is_attribute_discard() {
    // AGGREGATOR of a 2-byte session grown to 7 bytes (RFC 7606 §7.7).
    let mut p = Parts::aggregated();
    p.value(AttrType::AGGREGATOR).push(0);
    check(&p, ErrorAction::AttributeDiscard, AttrType::AGGREGATOR);
}

#[test]
fn aggregator_four_byte_length_on_two_byte_session_is_attribute_discard() {
    // The 8-byte AGGREGATOR of a 4-byte session is wrong on a 2-byte one (RFC 7606 §7.7).
    let mut p = Parts::aggregated();
    p.value(AttrType::AGGREGATOR).splice(0..0, [0, 0]);
    check(&p, ErrorAction::AttributeDiscard, AttrType::AGGREGATOR);
}

#[test]
fn communities_bad_length_is_treat_as_withdraw() {
    // Two bytes appended to COMMUNITIES (RFC 7606 §7.8).
    let mut p = Parts::ipv4();
    p.value(AttrType::COMMUNITIES).extend_from_slice(&[0, 1]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::COMMUNITIES);
}

#[test]
fn communities_empty_is_treat_as_withdraw() {
    // COMMUNITIES emptied (RFC 7606 §7.8).
    let mut p = Parts::ipv4();
    p.value(AttrType::COMMUNITIES).clear();
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::COMMUNITIES);
}

#[test]
fn originator_id_bad_length_is_treat_as_withdraw() {
    // A five-byte ORIGINATOR_ID added (RFC 7606 §7.9).
    let mut p = Parts::ipv4();
    p.push(0x80, AttrType::ORIGINATOR_ID, &[10, 0, 0, 1, 0]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::ORIGINATOR_ID);
}

#[test]
fn cluster_list_bad_length_is_treat_as_withdraw() {
    // A six-byte CLUSTER_LIST added (RFC 7606 §7.10).
    let mut p = Parts::ipv4();
    p.push(0x80, AttrType::CLUSTER_LIST, &[10, 0, 0, 1, 0, 0]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::CLUSTER_LIST);
}

#[test]
fn extended_communities_bad_length_is_treat_as_withdraw() {
    // Four bytes appended to EXTENDED_COMMUNITIES (RFC 7606 §7.14).
    let mut p = Parts::ipv4();
    p.value(AttrType::EXTENDED_COMMUNITIES)
        .extend_from_slice(&[0, 2, 0, 1]);
    check(
        &p,
        ErrorAction::TreatAsWithdraw,
        AttrType::EXTENDED_COMMUNITIES,
    );
}

#[test]
fn extended_communities_empty_is_treat_as_withdraw() {
    // EXTENDED_COMMUNITIES emptied (RFC 7606 §7.14: "not a non-zero multiple of 8"); it was
    // accepted before.
    let mut p = Parts::ipv4();
    p.value(AttrType::EXTENDED_COMMUNITIES).clear();
    check(
        &p,
        ErrorAction::TreatAsWithdraw,
        AttrType::EXTENDED_COMMUNITIES,
    );
}

#[test]
fn ipv6_ext_communities_empty_is_treat_as_withdraw() {
    // An empty IPv6 address-specific extended community attribute added (RFC 7606 §7.13:
    // "not a non-zero multiple of 20"); it was accepted before.
    let mut p = Parts::ipv4();
    p.push(0xc0, AttrType::IPV6_EXT_COMMUNITIES, &[]);
    check(
        &p,
        ErrorAction::TreatAsWithdraw,
        AttrType::IPV6_EXT_COMMUNITIES,
    );
}

#[test]
fn ipv6_ext_communities_bad_length_is_treat_as_withdraw() {
    // A ten-byte IPv6 address-specific extended community added (RFC 7606 §7.13).
    let mut p = Parts::ipv4();
    p.push(0xc0, AttrType::IPV6_EXT_COMMUNITIES, &[0; 10]);
    check(
        &p,
        ErrorAction::TreatAsWithdraw,
        AttrType::IPV6_EXT_COMMUNITIES,
    );
}

#[test]
fn large_community_bad_length_is_treat_as_withdraw() {
    // A 13-byte LARGE_COMMUNITY added (RFC 8092 §5).
    let mut p = Parts::ipv4();
    p.push(0xc0, AttrType::LARGE_COMMUNITY, &[0; 13]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::LARGE_COMMUNITY);
}

#[test]
fn as4_path_malformed_is_attribute_discard() {
    // An AS4_PATH whose segment overruns added to a 2-byte UPDATE (RFC 6793 §6); the merged
    // path falls back to AS_PATH.
    let mut p = Parts::aggregated();
    p.push(0xc0, AttrType::AS4_PATH, &[2, 3, 0, 0, 0, 1]);
    check(&p, ErrorAction::AttributeDiscard, AttrType::AS4_PATH);
    with_update(&p, |u| {
        let merged = u.merged_as_path().unwrap();
        assert!(!merged.merged());
        assert_eq!(
            merged.to_string(),
            u.as_path().unwrap().unwrap().to_string()
        );
    });
}

#[test]
fn as4_aggregator_bad_length_is_attribute_discard() {
    // A six-byte AS4_AGGREGATOR added (RFC 6793 §6).
    let mut p = Parts::aggregated();
    p.push(0xc0, AttrType::AS4_AGGREGATOR, &[0; 6]);
    check(&p, ErrorAction::AttributeDiscard, AttrType::AS4_AGGREGATOR);
}

#[test]
fn aigp_bad_tlv_is_attribute_discard() {
    // An AIGP whose TLV length says 12 instead of 11 (RFC 7311 §5).
    let mut p = Parts::ipv4();
    p.push(0x80, AttrType::AIGP, &[1, 0, 12, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    check(&p, ErrorAction::AttributeDiscard, AttrType::AIGP);
}

#[test]
fn otc_bad_length_is_treat_as_withdraw() {
    // A three-byte OTC added (RFC 9234 §5).
    let mut p = Parts::ipv4();
    p.push(0xc0, AttrType::OTC, &[0, 0, 1]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::OTC);
}

#[test]
fn prefix_sid_tlv_overrun_is_attribute_discard() {
    // A Prefix-SID whose Label-Index TLV claims 9 bytes but carries 7 (RFC 8669 §6: "This is
    // equivalent to the 'attribute discard' action"; it was treat-as-withdraw here before).
    let mut p = Parts::ipv4();
    p.push(
        0xc0,
        AttrType::PREFIX_SID,
        &[1, 0, 9, 0, 0, 0, 0, 0, 0, 100],
    );
    check(&p, ErrorAction::AttributeDiscard, AttrType::PREFIX_SID);
}

#[test]
fn prefix_sid_bad_srgb_length_is_attribute_discard() {
    // A Prefix-SID with an Originator SRGB TLV of flags and a 5-byte range (RFC 8669 §3.2:
    // 2 bytes of flags, then 6-byte ranges); it was accepted before.
    let mut p = Parts::ipv4();
    p.push(0xc0, AttrType::PREFIX_SID, &[3, 0, 7, 0, 0, 0, 0, 1, 0, 0]);
    check(&p, ErrorAction::AttributeDiscard, AttrType::PREFIX_SID);
}

#[test]
fn well_formed_prefix_sid_with_srgb_is_clean() {
    // Label-Index 100 and an Originator SRGB of one range (16000, 8000) (RFC 8669 §3).
    let mut p = Parts::ipv4();
    p.push(
        0xc0,
        AttrType::PREFIX_SID,
        &[
            1, 0, 7, 0, 0, 0, 0, 0, 0, 100, 3, 0, 8, 0, 0, 0, 0x3e, 0x80, 0, 0x1f, 0x40,
        ],
    );
    with_update(&p, |u| {
        assert!(
            u.outcome().is_clean(),
            "{:?}",
            u.problems().collect::<Vec<_>>()
        );
        assert_eq!(u.prefix_sid().unwrap().unwrap().label_index(), Some(100));
    });
}

#[test]
fn pmsi_tunnel_short_is_treat_as_withdraw() {
    // A two-byte PMSI_TUNNEL added (RFC 6514 §5 needs at least five).
    let mut p = Parts::ipv4();
    p.push(0xc0, AttrType::PMSI_TUNNEL, &[0, 6]);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::PMSI_TUNNEL);
}

#[test]
fn duplicate_attribute_is_attribute_discard() {
    // COMMUNITIES repeated at the end (RFC 7606 §3 g): the first one is used.
    let mut p = Parts::ipv4();
    let c = p.value(AttrType::COMMUNITIES).clone();
    p.push(0xc0, AttrType::COMMUNITIES, &[0xff, 0xff, 0xff, 0x01]);
    check(&p, ErrorAction::AttributeDiscard, AttrType::COMMUNITIES);
    with_update(&p, |u| {
        assert_eq!(u.communities().unwrap().unwrap().wire(), &c[..]);
    });
}

#[test]
fn duplicate_mp_reach_is_session_reset() {
    // MP_REACH_NLRI repeated (RFC 7606 §3 g).
    let mut p = Parts::ipv6();
    let m = p.value(AttrType::MP_REACH_NLRI).clone();
    p.push(0x80, AttrType::MP_REACH_NLRI, &m);
    check(&p, ErrorAction::SessionReset, AttrType::MP_REACH_NLRI);
}

#[test]
fn missing_as_path_is_treat_as_withdraw() {
    // AS_PATH removed (RFC 7606 §3 d).
    let mut p = Parts::ipv4();
    p.remove(AttrType::AS_PATH);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::AS_PATH);
}

#[test]
fn missing_origin_is_treat_as_withdraw() {
    // ORIGIN removed (RFC 7606 §3 d).
    let mut p = Parts::ipv6();
    p.remove(AttrType::ORIGIN);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::ORIGIN);
}

#[test]
fn missing_next_hop_with_body_nlri_is_treat_as_withdraw() {
    // NEXT_HOP removed from an UPDATE with body NLRI (RFC 7606 §3 d, RFC 4760 §3).
    let mut p = Parts::ipv4();
    p.remove(AttrType::NEXT_HOP);
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::NEXT_HOP);
}

#[test]
fn mp_only_update_needs_no_next_hop() {
    // The real IPv6 UPDATE has no NEXT_HOP and no body NLRI: nothing is missing.
    let p = Parts::ipv6();
    assert!(!p.attrs.iter().any(|a| a.1 == 3));
    let ctx = DecodeContext::default().with_four_byte_as(false);
    let registry = Registry::default();
    let body = p.body();
    assert!(Update::parse(&body, 0, &ctx, &registry)
        .unwrap()
        .outcome()
        .is_clean());
}

#[test]
fn withdraw_only_update_needs_no_attributes() {
    // All attributes and NLRI removed, body withdrawn routes kept (RFC 7606 §3 d applies only
    // to UPDATEs that announce).
    let mut p = Parts::ipv4();
    p.attrs.clear();
    p.nlri.clear();
    p.withdrawn = vec![24, 192, 0, 2];
    with_update(&p, |u| {
        assert!(u.outcome().is_clean());
        assert_eq!(u.all_withdrawn().count(), 1);
    });
}

#[test]
fn mp_reach_bad_next_hop_length_is_afi_safi_disable() {
    // MP_REACH_NLRI next hop length changed from 16 to 15, its last byte dropped: the
    // family can be read (RFC 7606 §7.11).
    let mut p = Parts::ipv6();
    let v = p.value(AttrType::MP_REACH_NLRI);
    let nh_len = usize::from(v[3]);
    v[3] = (nh_len - 1) as u8;
    v.remove(4 + nh_len - 1);
    check(&p, ErrorAction::AfiSafiDisable, AttrType::MP_REACH_NLRI);
    assert_eq!(
        first_problem(&p).family,
        Some(ribcage_nlri::Family::IPV6_UNICAST)
    );
}

#[test]
fn mp_reach_next_hop_wrong_for_family_is_afi_safi_disable() {
    // The IPv6 next hop replaced by a 4-byte IPv4 address, lengths kept consistent: a length
    // IPv6 unicast does not allow (RFC 7606 §7.11, RFC 2545 §3).
    let mut p = Parts::ipv6();
    let v = p.value(AttrType::MP_REACH_NLRI);
    let nh_len = usize::from(v[3]);
    v.splice(4..4 + nh_len, [192, 0, 2, 1]);
    v[3] = 4;
    check(&p, ErrorAction::AfiSafiDisable, AttrType::MP_REACH_NLRI);
}

#[test]
fn mp_reach_nlri_overrun_is_afi_safi_disable() {
    // A /129 prefix appended to MP_REACH_NLRI's IPv6 NLRI (RFC 7606 §5.3).
    let mut p = Parts::ipv6();
    p.value(AttrType::MP_REACH_NLRI)
        .extend_from_slice(&[129, 0x20, 0x01]);
    check(&p, ErrorAction::AfiSafiDisable, AttrType::MP_REACH_NLRI);
    assert_eq!(
        first_problem(&p).family,
        Some(ribcage_nlri::Family::IPV6_UNICAST)
    );
}

#[test]
fn mp_reach_without_family_is_session_reset() {
    // MP_REACH_NLRI cut to two bytes: not even the family can be read (RFC 7606 §7.11).
    let mut p = Parts::ipv6();
    p.value(AttrType::MP_REACH_NLRI).truncate(2);
    check(&p, ErrorAction::SessionReset, AttrType::MP_REACH_NLRI);
}

#[test]
fn mp_unreach_nlri_overrun_is_afi_safi_disable() {
    // MP_UNREACH_NLRI for IPv6 added with a prefix that overruns (RFC 7606 §5.3).
    let mut p = Parts::ipv6();
    p.push(0x80, AttrType::MP_UNREACH_NLRI, &[0, 2, 1, 64, 0x20, 0x01]);
    check(&p, ErrorAction::AfiSafiDisable, AttrType::MP_UNREACH_NLRI);
}

#[test]
fn attribute_length_overrun_is_treat_as_withdraw() {
    // The last attribute's length byte raised by 3 without changing the total attribute
    // length, so it overruns the attribute block (RFC 7606 §4).
    let p = Parts::ipv4();
    let mut body = p.body();
    let wl = p.withdrawn.len();
    let al = usize::from(u16::from_be_bytes([body[2 + wl], body[3 + wl]]));
    let (_, _, last) = p.attrs.last().unwrap();
    let len_at = 4 + wl + al - last.len() - 1;
    body[len_at] += 3;
    expect(
        &p,
        &body,
        ErrorAction::TreatAsWithdraw,
        AttrType::EXTENDED_COMMUNITIES,
    );
}

/// Offset in `p.body()` of the length octet of attribute `i` (short headers only).
fn length_octet(p: &Parts, i: usize) -> usize {
    let before: usize = p.attrs[..i].iter().map(|a| 3 + a.2.len()).sum();
    4 + p.withdrawn.len() + before + 2
}

#[test]
fn attribute_overrun_hiding_mp_reach_is_session_reset() {
    // The real IPv6 UPDATE carries its routes only in MP_REACH_NLRI. The attribute before it
    // given a length that runs past the attribute block: MP_REACH_NLRI can no longer be found,
    // so the routes to treat as withdrawn are unknown (RFC 7606 §3 j). It was
    // treat-as-withdraw, which withdraws nothing, before.
    let p = Parts::ipv6();
    let i = p.attrs.iter().position(|a| a.1 == 14).unwrap() - 1;
    let left: usize = p.attrs[i + 1..].iter().map(|a| 3 + a.2.len()).sum();
    assert!(p.attrs[i].2.len() + left < 255);
    let mut body = p.body();
    body[length_octet(&p, i)] = 255;
    expect(&p, &body, ErrorAction::SessionReset, AttrType(p.attrs[i].1));
}

#[test]
fn mp_reach_overrun_is_session_reset() {
    // MP_REACH_NLRI's own length raised by 3 past the attribute block: its NLRI cannot be
    // located (RFC 7606 §3 j, §7.11); it was treat-as-withdraw before.
    let p = Parts::ipv6();
    let i = p.attrs.iter().position(|a| a.1 == 14).unwrap();
    let mut body = p.body();
    body[length_octet(&p, i)] += 3;
    expect(
        &p,
        &body,
        ErrorAction::SessionReset,
        AttrType::MP_REACH_NLRI,
    );
}

#[test]
fn attribute_overrun_after_mp_reach_is_treat_as_withdraw() {
    // MP_REACH_NLRI moved first (as RFC 7606 §5.1 asks), then the last attribute overruns:
    // the routes are known, so treat-as-withdraw (RFC 7606 §4).
    let mut p = Parts::ipv6();
    let mp = p.attrs.pop().unwrap();
    p.attrs.insert(0, mp);
    let last = p.attrs.len() - 1;
    let mut body = p.body();
    body[length_octet(&p, last)] += 3;
    let code = AttrType(p.attrs[last].1);
    expect(&p, &body, ErrorAction::TreatAsWithdraw, code);
}

#[test]
fn total_attribute_length_overrun_is_session_reset() {
    // Total Path Attribute Length raised past the end of the body (RFC 7606 §4).
    let p = Parts::ipv4();
    let mut body = p.body();
    let wl = p.withdrawn.len();
    let al = u16::from_be_bytes([body[2 + wl], body[3 + wl]]) + 100;
    body[2 + wl..4 + wl].copy_from_slice(&al.to_be_bytes());
    let ctx = DecodeContext::default();
    let registry = Registry::default();
    let e = Update::parse(&body, 7, &ctx, &registry).unwrap_err();
    assert!(matches!(e, Error::AttributesLength { offset, .. } if offset == 7 + 2 + wl));
    assert_eq!(e.action(), ErrorAction::SessionReset);
}

#[test]
fn withdrawn_length_overrun_is_session_reset() {
    // Withdrawn Routes Length set to 0xffff (RFC 7606 §4).
    let p = Parts::ipv4();
    let mut body = p.body();
    body[0] = 0xff;
    body[1] = 0xff;
    let ctx = DecodeContext::default();
    let registry = Registry::default();
    let e = Update::parse(&body, 0, &ctx, &registry).unwrap_err();
    assert!(matches!(e, Error::WithdrawnLength { length: 0xffff, .. }));
    assert_eq!(e.action(), ErrorAction::SessionReset);
}

#[test]
fn body_nlri_overrun_is_session_reset() {
    // A /33 prefix appended to the body NLRI (RFC 7606 §5.3).
    let mut p = Parts::ipv4();
    p.nlri.extend_from_slice(&[33, 10, 0, 0, 0, 0]);
    check(&p, ErrorAction::SessionReset, AttrType(0));
}

#[test]
fn recorded_truncated_nlri_is_session_reset_and_keeps_the_good_route() {
    // updates.nlri_mask_trailing_bits.gz as recorded: its NLRI field ends in a truncated
    // prefix. bgpdump prints the one good route; so can the caller.
    let (body, four) = find_update("updates.nlri_mask_trailing_bits.gz", |_| true);
    let p = Parts::of(&body, four);
    expect(&p, &body, ErrorAction::SessionReset, AttrType(0));
    let ctx = DecodeContext::default().with_four_byte_as(four);
    let registry = Registry::default();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    let got: Vec<_> = u.all_announced().collect();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].as_ref().unwrap().to_string(), "11.8.0.0/13");
    assert!(got[1].is_err());
}

#[test]
fn several_problems_take_the_most_severe_action() {
    // ATOMIC_AGGREGATE given a value (discard) and ORIGIN set to 7 (withdraw).
    let mut p = Parts::aggregated();
    p.value(AttrType::ATOMIC_AGGREGATE).push(1);
    *p.value(AttrType::ORIGIN) = vec![7];
    with_update(&p, |u| {
        assert_eq!(u.outcome().action, Some(ErrorAction::TreatAsWithdraw));
        assert_eq!(u.outcome().problems, 2);
        assert!(u.outcome().withdraws());
    });
}

/// Parses the reassembled message as received on a `session` and hands it to `f`.
fn in_session<R>(p: &Parts, session: Session, f: impl FnOnce(&Update<'_>) -> R) -> R {
    let ctx = DecodeContext::default()
        .with_four_byte_as(p.four_byte)
        .with_session(session);
    let registry = Registry::default();
    let body = p.body();
    f(&Update::parse(&body, 0, &ctx, &registry).unwrap())
}

/// The announced prefixes of the message as text.
fn announced(u: &Update<'_>) -> Vec<String> {
    u.announced().map(|n| n.unwrap().to_string()).collect()
}

/// The three attributes whose handling depends on the session (RFC 7606 §7.5, §7.9, §7.10),
/// each malformed as the tests above corrupt them, and each well-formed.
const INTERNAL_ONLY: [(u8, AttrType, &[u8], &[u8]); 3] = [
    (0x40, AttrType::LOCAL_PREF, &[0, 0, 100], &[0, 0, 0, 100]),
    (
        0x80,
        AttrType::ORIGINATOR_ID,
        &[10, 0, 0, 1, 0],
        &[10, 0, 0, 1],
    ),
    (
        0x80,
        AttrType::CLUSTER_LIST,
        &[10, 0, 0, 1, 0, 0],
        &[10, 0, 0, 1, 10, 0, 0, 2],
    ),
];

#[test]
fn internal_only_attribute_malformed_depends_on_the_session() {
    // Each attribute added with a bad length to a real UPDATE: from an internal (or unknown)
    // neighbor treat-as-withdraw, from an external one attribute discard with the routes
    // still announced (RFC 7606 §7.5, §7.9, §7.10).
    let clean = Parts::ipv4();
    let routes = in_session(&clean, Session::External, announced);
    assert_eq!(routes.len(), 2, "{routes:?}");
    for (flags, code, bad, _) in INTERNAL_ONLY {
        let mut p = clean.clone();
        p.push(flags, code, bad);
        for (session, action) in [
            (Session::Unknown, ErrorAction::TreatAsWithdraw),
            (Session::Internal, ErrorAction::TreatAsWithdraw),
            (Session::External, ErrorAction::AttributeDiscard),
        ] {
            in_session(&p, session, |u| {
                let problems: Vec<_> = u.problems().collect();
                assert_eq!(problems.len(), 1, "{code} {session:?}: {problems:?}");
                assert_eq!(problems[0].code, code);
                assert_eq!(problems[0].action, action, "{code} {session:?}");
                assert!(
                    matches!(problems[0].error, Error::Length { code: c, .. } if c == code),
                    "{:?}",
                    problems[0].error
                );
                assert_eq!(problems[0].error.action_in(u.context()), action);
                assert_eq!(u.outcome().action, Some(action));
                assert_eq!(
                    u.outcome().withdraws(),
                    action == ErrorAction::TreatAsWithdraw
                );
                // The announcements are the same; only the verdict on them differs.
                assert_eq!(announced(u), routes);
            });
        }
    }
}

#[test]
fn internal_only_attribute_well_formed_from_external_peer_is_discarded() {
    // Each attribute added well-formed: clean from an internal or unknown neighbor; from an
    // external one discarded whatever its contents (RFC 7606 §7.5, §7.9, §7.10; RFC 4271
    // §5.1.5), reported as FromExternalPeer with attribute discard, the routes kept.
    let clean = Parts::ipv4();
    let mut all = clean.clone();
    for (flags, code, _, good) in INTERNAL_ONLY {
        let mut p = clean.clone();
        p.push(flags, code, good);
        all.push(flags, code, good);
        for session in [Session::Unknown, Session::Internal] {
            in_session(&p, session, |u| {
                assert!(u.outcome().is_clean(), "{code} {session:?}");
            });
        }
        in_session(&p, Session::External, |u| {
            let problems: Vec<_> = u.problems().collect();
            assert_eq!(problems.len(), 1, "{problems:?}");
            let pr = &problems[0];
            assert_eq!((pr.code, pr.action), (code, ErrorAction::AttributeDiscard));
            assert_eq!(
                pr.error,
                Error::FromExternalPeer {
                    code,
                    offset: pr.offset
                }
            );
            assert_eq!(pr.error.offset(), pr.offset);
            assert_eq!(pr.error.code(), Some(code));
            assert_eq!(pr.error.action(), ErrorAction::AttributeDiscard);
            assert!(!u.outcome().withdraws());
            assert_eq!(announced(u).len(), 2);
            // The accessor still returns the value as on the wire.
            if code == AttrType::LOCAL_PREF {
                assert_eq!(u.local_pref().unwrap().map(|l| l.0), Some(100));
            }
        });
    }
    in_session(&all, Session::External, |u| {
        assert_eq!(u.outcome().problems, 3);
        assert_eq!(u.outcome().action, Some(ErrorAction::AttributeDiscard));
    });
    in_session(&all, Session::Internal, |u| assert!(u.outcome().is_clean()));
}

#[test]
fn local_pref_wrong_flags_from_external_peer_is_attribute_discard() {
    // LOCAL_PREF marked optional (RFC 7606 §3 c: treat-as-withdraw), except from an external
    // neighbor, where §7.5 discards the attribute whatever it holds.
    let mut p = Parts::ipv4();
    p.push(0xc0, AttrType::LOCAL_PREF, &[0, 0, 0, 100]);
    for (session, action) in [
        (Session::Unknown, ErrorAction::TreatAsWithdraw),
        (Session::Internal, ErrorAction::TreatAsWithdraw),
        (Session::External, ErrorAction::AttributeDiscard),
    ] {
        in_session(&p, session, |u| {
            let problems: Vec<_> = u.problems().collect();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(matches!(problems[0].error, Error::Flags { .. }));
            assert_eq!(problems[0].action, action, "{session:?}");
        });
    }
}

#[test]
fn external_session_changes_nothing_else() {
    // A five-byte MULTI_EXIT_DISC (RFC 7606 §7.4) and a repeated ORIGIN stay what they are
    // from any neighbor; so does the action of every other attribute type.
    let mut p = Parts::ipv4();
    p.value(AttrType::MULTI_EXIT_DISC).push(0);
    for session in [Session::Unknown, Session::Internal, Session::External] {
        in_session(&p, session, |u| {
            assert_eq!(u.outcome().action, Some(ErrorAction::TreatAsWithdraw));
        });
    }
    let external = DecodeContext::default().with_session(Session::External);
    let internal = DecodeContext::default().with_session(Session::Internal);
    for code in 0..=255u8 {
        let code = AttrType(code);
        let unknown = malformed_action(code);
        assert_eq!(
            malformed_action_in(code, &DecodeContext::default()),
            unknown
        );
        assert_eq!(malformed_action_in(code, &internal), unknown);
        let three = [
            AttrType::LOCAL_PREF,
            AttrType::ORIGINATOR_ID,
            AttrType::CLUSTER_LIST,
        ];
        if three.contains(&code) {
            assert_eq!(unknown, ErrorAction::TreatAsWithdraw);
            assert_eq!(
                malformed_action_in(code, &external),
                ErrorAction::AttributeDiscard
            );
        } else {
            assert_eq!(malformed_action_in(code, &external), unknown, "{code}");
        }
    }
}
