//! RFC 7606 outcomes of malformed UPDATEs. Each starts from a real UPDATE of the RIS fixtures
//! (picked by `find_update`), taken apart into its attributes, deliberately corrupted in one
//! way (the comment on each test says how), and put back together with correct outer lengths
//! unless the test is about those lengths. One message is malformed as recorded.

use ribcage_attributes::{AttrType, Error, ErrorAction, Update};
use ribcage_nlri::{DecodeContext, Registry};

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
    let ctx = DecodeContext::default();
    let registry = Registry::default();
    let body = p.body();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    let prob = u.problems().next().unwrap();
    assert!(matches!(prob.error, Error::Flags { .. }));
    assert_eq!(prob.flags.0, 0xc0);
    assert_eq!(prob.offset, 4 + p.withdrawn.len());
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
    let ctx = DecodeContext::default().with_four_byte_as(false);
    let registry = Registry::default();
    let body = p.body();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    assert!(u.atomic_aggregate().is_err());
    assert!(u.as_path().unwrap().is_some());
    assert!(u.all_announced().count() > 0);
    assert!(!u.outcome().withdraws());
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
    let ctx = DecodeContext::default().with_four_byte_as(false);
    let registry = Registry::default();
    let body = p.body();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    let merged = u.merged_as_path().unwrap();
    assert!(!merged.merged());
    assert_eq!(
        merged.to_string(),
        u.as_path().unwrap().unwrap().to_string()
    );
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
fn prefix_sid_tlv_overrun_is_treat_as_withdraw() {
    // A Prefix-SID whose Label-Index TLV claims 9 bytes but carries 7 (RFC 8669 §6).
    let mut p = Parts::ipv4();
    p.push(
        0xc0,
        AttrType::PREFIX_SID,
        &[1, 0, 9, 0, 0, 0, 0, 0, 0, 100],
    );
    check(&p, ErrorAction::TreatAsWithdraw, AttrType::PREFIX_SID);
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
    let ctx = DecodeContext::default();
    let registry = Registry::default();
    let body = p.body();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    assert_eq!(u.communities().unwrap().unwrap().wire(), &c[..]);
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
    let ctx = DecodeContext::default();
    let registry = Registry::default();
    let body = p.body();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    assert!(u.outcome().is_clean());
    assert_eq!(u.all_withdrawn().count(), 1);
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
}

#[test]
fn mp_reach_nlri_overrun_is_afi_safi_disable() {
    // A /129 prefix appended to MP_REACH_NLRI's IPv6 NLRI (RFC 7606 §5.3).
    let mut p = Parts::ipv6();
    p.value(AttrType::MP_REACH_NLRI)
        .extend_from_slice(&[129, 0x20, 0x01]);
    check(&p, ErrorAction::AfiSafiDisable, AttrType::MP_REACH_NLRI);
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
    let ctx = DecodeContext::default().with_four_byte_as(false);
    let registry = Registry::default();
    let body = p.body();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    assert_eq!(u.outcome().action, Some(ErrorAction::TreatAsWithdraw));
    assert_eq!(u.outcome().problems, 2);
    assert!(u.outcome().withdraws());
}
