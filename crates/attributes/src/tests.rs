//! Unit tests: text forms, AS path merging, extended communities, next hops, End-of-RIB,
//! abbreviated MP_REACH, canonical sets and the caches.

use std::net::IpAddr;

use ribcage_intern::Interned;
use ribcage_nlri::{DecodeContext, Family, Registry};

use crate::bgpdump::Ip;
use crate::*;

fn ip(s: &str) -> String {
    Ip(s.parse::<IpAddr>().unwrap()).to_string()
}

#[test]
fn bgpdump_ip_forms() {
    assert_eq!(ip("2001:7f8:30:0:2:1:0:8447"), "2001:7f8:30::2:1:0:8447");
    assert_eq!(ip("fe80::"), "fe80::");
    assert_eq!(ip("::"), "::");
    assert_eq!(ip("::1"), "::1");
    assert_eq!(ip("2001:db8::1"), "2001:db8::1");
    assert_eq!(ip("::ffff:192.168.2.1"), "::ffff:192.168.2.1");
    assert_eq!(ip("::192.168.1.2"), "::192.168.1.2");
    // The first of two equally long runs is compressed.
    assert_eq!(ip("1:0:0:2:3:0:0:4"), "1::2:3:0:0:4");
    assert_eq!(ip("192.0.2.1"), "192.0.2.1");
}

#[test]
fn names_and_numbers() {
    assert_eq!(AttrType::AS_PATH.to_string(), "AS_PATH");
    assert_eq!(format!("{:?}", AttrType(99)), "AttrType(99)");
    assert_eq!(AttrType(99).to_string(), "99");
    assert_eq!(AttrFlags(0x50).to_string(), "-T-E(0x50)");
    assert_eq!(Origin::INCOMPLETE.to_string(), "INCOMPLETE");
    assert_eq!(Origin(9).to_string(), "9");
    assert_eq!(Community(0xFFFF_FF03).to_string(), "no-export-subconfed");
    assert_eq!(Community(0xFFFF_FF03).bgpdump().to_string(), "local-AS");
    assert_eq!(Community(0x0001_0002).bgpdump().to_string(), "1:2");
    assert_eq!(
        ErrorAction::TreatAsWithdraw.to_string(),
        "treat-as-withdraw"
    );
    assert!(ErrorAction::SessionReset > ErrorAction::AfiSafiDisable);
    assert!(ErrorAction::TreatAsWithdraw > ErrorAction::AttributeDiscard);
}

fn path(code: AttrType, wire: &[u8], four: bool) -> AsPath<'_> {
    AsPath::parse(code, wire, 0, four).unwrap()
}

#[test]
fn rfc6793_merge() {
    // AS_PATH 1 2 23456 23456 {3,4}; AS4_PATH 70000 70001 {3,4}: keep 2 leading ASes.
    let p2 = [2, 4, 0, 1, 0, 2, 0x5b, 0xa0, 0x5b, 0xa0, 1, 2, 0, 3, 0, 4];
    let p4 = [
        2, 2, 0, 1, 0x11, 0x70, 0, 1, 0x11, 0x71, 1, 2, 0, 0, 0, 3, 0, 0, 0, 4,
    ];
    let a = path(AttrType::AS_PATH, &p2, false);
    let b = path(AttrType::AS4_PATH, &p4, true);
    assert_eq!(a.path_len(), 5);
    assert_eq!(b.path_len(), 3);
    let m = MergedAsPath::reconcile(a, Some(b), None);
    assert!(m.merged());
    assert_eq!(m.to_string(), "1 2 70000 70001 {3,4}");
    assert_eq!(m.path_len(), 5);
    let mut wire = Vec::new();
    m.write_wire4(&mut wire);
    assert_eq!(
        path(AttrType::AS_PATH, &wire, true).to_string(),
        "1 2 70000 70001 {3,4}"
    );
    // An AGGREGATOR other than AS_TRANS disables the merge.
    assert!(!MergedAsPath::reconcile(a, Some(b), Some(65000)).merged());
    assert!(MergedAsPath::reconcile(a, Some(b), Some(AS_TRANS)).merged());
    // A longer AS4_PATH is ignored.
    let short = [2, 1, 0, 1];
    let s = path(AttrType::AS_PATH, &short, false);
    assert_eq!(MergedAsPath::reconcile(s, Some(b), None).to_string(), "1");
    // Confederation segments in AS4_PATH are dropped and the rest merged (RFC 6793 §6); the
    // whole AS4_PATH was ignored before.
    let confed4 = [
        3, 1, 0, 0, 0, 9, 2, 2, 0, 1, 0x11, 0x70, 0, 1, 0x11, 0x71, 1, 2, 0, 0, 0, 3, 0, 0, 0, 4,
    ];
    let c = path(AttrType::AS4_PATH, &confed4, true);
    let m = MergedAsPath::reconcile(a, Some(c), None);
    assert_eq!(m.to_string(), "1 2 70000 70001 {3,4}");
    assert_eq!(m.path_len(), 5);
}

#[test]
fn rfc6793_merge_keeps_adjacent_confederation_segments() {
    // RFC 6793 §4.2.3: a confederation segment of AS_PATH is prepended when it leads or
    // follows a prepended segment. Both were dropped before.
    let as4 = [2, 2, 0, 0, 0, 1, 0, 1, 0x11, 0x70]; // 1 70000
    let b = path(AttrType::AS4_PATH, &as4, true);
    // AS_PATH (65001) 1 23456: nothing to keep but the leading confederation segment.
    let leading = [3, 1, 0xfd, 0xe9, 2, 2, 0, 1, 0x5b, 0xa0];
    let a = path(AttrType::AS_PATH, &leading, false);
    let m = MergedAsPath::reconcile(a, Some(b), None);
    assert_eq!(m.to_string(), "(65001) 1 70000");
    // AS_PATH 5 (65001) 1 23456: 5 is kept, and the segment after it.
    let after = [2, 1, 0, 5, 3, 1, 0xfd, 0xe9, 2, 2, 0, 1, 0x5b, 0xa0];
    let a = path(AttrType::AS_PATH, &after, false);
    assert_eq!(
        MergedAsPath::reconcile(a, Some(b), None).to_string(),
        "5 (65001) 1 70000"
    );
    // AS_PATH 5 6 (65001) 23456 with AS4_PATH 6 70000: 5 is cut from its sequence, so the
    // confederation segment (after 6) is not adjacent to anything prepended.
    let cut = [2, 2, 0, 5, 0, 6, 3, 1, 0xfd, 0xe9, 2, 1, 0x5b, 0xa0];
    let as4 = [2, 2, 0, 0, 0, 6, 0, 1, 0x11, 0x70];
    let a = path(AttrType::AS_PATH, &cut, false);
    let b = path(AttrType::AS4_PATH, &as4, true);
    assert_eq!(
        MergedAsPath::reconcile(a, Some(b), None).to_string(),
        "5 6 70000"
    );
}

#[test]
fn canonical_set_keeps_a_two_byte_path_too_long_for_four_bytes() {
    // A 2-byte AS_PATH of 65 full sequences (33,280 bytes) is 66,430 bytes in 4-byte form,
    // more than an attribute holds. It was cut at 65,535 bytes (a malformed AS_PATH in the
    // set) before; now the set keeps the attributes as received, in 2-byte form.
    let mut value = Vec::new();
    for i in 0..65u16 {
        value.extend_from_slice(&[2, 255]);
        for j in 0..255u16 {
            value.extend_from_slice(&(i * 255 + j + 1).to_be_bytes());
        }
    }
    let mut attrs = vec![0x40, 1, 1, 0, 0x50, 2];
    attrs.extend_from_slice(&(value.len() as u16).to_be_bytes());
    attrs.extend_from_slice(&value);
    attrs.extend_from_slice(&[0x40, 3, 4, 192, 0, 2, 1]);
    let reg = Registry::default();
    let two = DecodeContext::default().with_four_byte_as(false);
    let pa = PathAttributes::new(&attrs, 0, &two, &reg);
    let set = AttributeSet::from_attributes(&pa);
    assert!(!set.four_byte());
    let got = set.attributes();
    let p = got.as_path().unwrap().unwrap();
    assert_eq!(p.segments().count(), 65);
    assert_eq!(p.path_len(), 65 * 255);
    assert_eq!(p.origin_as(), Some(65 * 255));
}

#[test]
fn pmsi_display_shows_the_whole_label_field() {
    // The label field carries an MPLS label in its high 20 bits, or a VXLAN VNI in all 24
    // (RFC 8365 §5.1.3); Display printed only `label >> 4` (6 for VNI 100) before.
    let value = [0, 6, 0, 0, 100, 192, 0, 2, 1];
    let raw = RawAttribute {
        flags: AttrFlags(0xc0),
        code: AttrType::PMSI_TUNNEL,
        value: &value,
        offset: 0,
        wire: &value,
    };
    let p = PmsiTunnel::from_raw(&raw).unwrap();
    assert_eq!(
        p.to_string(),
        "type 6 flags 0 label 6 (field 100) id c0000201"
    );
}

#[test]
fn as_path_accessors() {
    let p = [3, 1, 0, 9, 2, 2, 0, 1, 0, 2];
    let a = path(AttrType::AS_PATH, &p, false);
    assert_eq!(a.to_string(), "(9) 1 2");
    assert_eq!(a.path_len(), 2);
    assert_eq!(a.origin_as(), Some(2));
    assert_eq!(a.first_as(), None);
    assert!(AsPath::parse(AttrType::AS_PATH, &[2, 2, 0, 1], 0, false).is_err());
    assert!(AsPath::parse(AttrType::AS_PATH, &[2], 0, false).is_err());
    assert_eq!(AsPath::EMPTY.to_string(), "");
}

#[test]
fn extended_community_kinds() {
    let rt2 = ExtendedCommunity([0x00, 0x02, 0xfd, 0xe8, 0, 0, 0, 100]);
    assert_eq!(rt2.to_string(), "RT:65000:100");
    assert!(rt2.transitive());
    let ro4 = ExtendedCommunity([0x02, 0x03, 0, 1, 0x11, 0x70, 0, 7]);
    assert_eq!(ro4.to_string(), "SoO:70000:7");
    let rtip = ExtendedCommunity([0x01, 0x02, 192, 0, 2, 1, 0, 5]);
    assert_eq!(rtip.to_string(), "RT:192.0.2.1:5");
    let color = ExtendedCommunity([0x03, 0x0b, 0, 0, 0, 0, 0, 42]);
    assert_eq!(color.kind(), ExtCommunityKind::Color { color: 42 });
    // Link bandwidth: 2-byte AS 1, 1.25e6 bytes/s (10 Mb/s) as an IEEE float. It was taken
    // for an AS-specific community with local number 0x4998_9680 before.
    let bw = ExtendedCommunity([0x40, 0x04, 0, 1, 0x49, 0x98, 0x96, 0x80]);
    assert!(!bw.transitive());
    assert_eq!(
        bw.kind(),
        ExtCommunityKind::LinkBandwidth {
            asn: 1,
            bandwidth: 1.25e6f32.to_bits()
        }
    );
    assert_eq!(bw.to_string(), "bw:1:1250000");
    // OSPF route type (RFC 4577): area 0.0.0.1, external type 5, metric type 2.
    let ospf = ExtendedCommunity([0x03, 0x06, 0, 0, 0, 1, 5, 1]);
    assert_eq!(ospf.to_string(), "ospf-rt:0.0.0.1:5:1");
    // OSPF domain ID (RFC 4577), an IPv4-address-specific community: shown decoded.
    let domain = ExtendedCommunity([0x01, 0x05, 192, 0, 2, 1, 0, 0]);
    assert!(matches!(domain.kind(), ExtCommunityKind::Specific { .. }));
    assert_eq!(domain.to_string(), "0x0105:192.0.2.1:0");
    // A non-transitive AS-specific route target is not a route target.
    let nt = ExtendedCommunity([0x40, 0x02, 0, 1, 0, 0, 0, 2]);
    assert_eq!(nt.to_string(), "0x4002:1:2");
    let other = ExtendedCommunity([0x06, 0x00, 1, 2, 3, 4, 5, 6]);
    assert_eq!(other.to_string(), "0x0600:010203040506");
}

#[test]
fn mp_next_hops() {
    let code = AttrType::MP_REACH_NLRI;
    let mut b = [0u8; 48];
    b[15] = 1;
    b[16] = 0xfe;
    b[17] = 0x80;
    b[31] = 2;
    let nh = MpNextHop::parse(code, &b[..32], 0).unwrap();
    assert_eq!(nh.to_string(), "::1 fe80::2");
    assert_eq!(nh.link_local().unwrap().to_string(), "fe80::2");
    assert!(matches!(
        MpNextHop::parse(code, &b[..24], 0).unwrap(),
        MpNextHop::VpnIpv6 { rd: 0, .. }
    ));
    assert!(matches!(
        MpNextHop::parse(code, &b[..12], 0).unwrap(),
        MpNextHop::VpnIpv4 { .. }
    ));
    assert_eq!(MpNextHop::parse(code, &[], 0).unwrap(), MpNextHop::None);
    let e = MpNextHop::parse(code, &b[..5], 9).unwrap_err();
    assert_eq!(e.action(), ErrorAction::AfiSafiDisable);
    assert_eq!(e.offset(), 9);
}

#[test]
fn end_of_rib() {
    let ctx = DecodeContext::default();
    let reg = Registry::default();
    let v4 = [0, 0, 0, 0];
    assert_eq!(
        Update::parse(&v4, 0, &ctx, &reg).unwrap().is_end_of_rib(),
        Some(Family::IPV4_UNICAST)
    );
    let v6 = [0, 0, 0, 6, 0x80, 15, 3, 0, 2, 1];
    let u = Update::parse(&v6, 0, &ctx, &reg).unwrap();
    assert_eq!(u.is_end_of_rib(), Some(Family::IPV6_UNICAST));
    assert!(u.outcome().is_clean());
    // An MP_UNREACH_NLRI that withdraws something is not End-of-RIB.
    let wd = [0, 0, 0, 8, 0x80, 15, 5, 0, 2, 1, 16, 0x20];
    assert_eq!(
        Update::parse(&wd, 0, &ctx, &reg).unwrap().is_end_of_rib(),
        None
    );
}

#[test]
fn whole_message_header_is_checked() {
    let ctx = DecodeContext::default();
    let reg = Registry::default();
    let mut msg = vec![0xff; 16];
    msg.extend_from_slice(&[0, 23, 2, 0, 0, 0, 0]);
    let u = Update::from_message(&msg, 100, &ctx, &reg).unwrap();
    assert_eq!(u.offset(), 119);
    msg[18] = 4;
    assert!(matches!(
        Update::from_message(&msg, 0, &ctx, &reg),
        Err(Error::Header { kind: 4, .. })
    ));
    assert!(matches!(
        Update::from_message(&msg[..10], 0, &ctx, &reg),
        Err(Error::Truncated { .. })
    ));
}

#[test]
fn abbreviated_mp_reach_of_rib_entries() {
    let ctx = DecodeContext::default();
    let reg = Registry::default();
    // MP_REACH_NLRI holding only next hop length 16 and an IPv6 address (RFC 6396 §4.3.4).
    let mut attrs = vec![0x80, 14, 17, 16, 0x20, 0x01, 0x0d, 0xb8];
    attrs.extend_from_slice(&[0; 11]);
    attrs.push(1);
    let a = PathAttributes::for_rib(&attrs, 0, &ctx, &reg, Family::IPV6_UNICAST);
    let m = a.mp_reach().unwrap().unwrap();
    assert_eq!(m.family(), Family::IPV6_UNICAST);
    assert_eq!(m.next_hop().to_string(), "2001:db8::1");
    assert_eq!(m.nlri().count(), 0);
}

fn body(attrs: &[u8], nlri: &[u8]) -> Vec<u8> {
    let mut b = vec![0, 0];
    b.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
    b.extend_from_slice(attrs);
    b.extend_from_slice(nlri);
    b
}

#[test]
fn canonical_sets_are_shared_across_as_widths_and_peers() {
    let reg = Registry::default();
    let two = DecodeContext::default().with_four_byte_as(false);
    let four = DecodeContext::default();
    // 2-byte: AS_PATH 1 23456, AS4_PATH 70000; 4-byte: AS_PATH 1 70000. Same route.
    let b2 = body(
        &[
            0x40, 1, 1, 0, 0x40, 2, 6, 2, 2, 0, 1, 0x5b, 0xa0, 0x40, 3, 4, 192, 0, 2, 1, 0xc0, 17,
            6, 2, 1, 0, 1, 0x11, 0x70,
        ],
        &[24, 198, 51, 100],
    );
    let b4 = body(
        &[
            0x40, 1, 1, 0, 0x40, 2, 10, 2, 2, 0, 0, 0, 1, 0, 1, 0x11, 0x70, 0x40, 3, 4, 192, 0, 2,
            1,
        ],
        &[24, 203, 0, 113],
    );
    let u2 = Update::parse(&b2, 0, &two, &reg).unwrap();
    let u4 = Update::parse(&b4, 0, &four, &reg).unwrap();
    let s2 = AttributeSet::from_attributes(&u2);
    let s4 = AttributeSet::from_attributes(&u4);
    assert_eq!(s2, s4);
    assert_eq!(
        s2.attributes().as_path().unwrap().unwrap().to_string(),
        "1 70000"
    );
    let cache = AttributeCache::default();
    let (h2, h4) = (cache.intern_set(&u2), cache.intern_set(&u4));
    assert!(Interned::ptr_eq(&h2, &h4));
    let st = cache.stats();
    assert_eq!(
        (st.sets.calls, st.sets.hits, st.sets.live_entries),
        (2, 1, 1)
    );

    // The switch: interning off, equal sets stay equal but are no longer shared.
    let off = AttributeCache::new(CacheConfig::disabled());
    let (o2, o4) = (off.intern_set(&u2), off.intern_set(&u4));
    assert_eq!(o2, o4);
    assert!(!Interned::ptr_eq(&o2, &o4));
    assert_eq!(off.stats().sets.live_entries, 0);
    assert!(!off.stats().enabled);

    // Switched on at run time, through a shared reference.
    off.set_enabled(true);
    let (p2, p4) = (off.intern_set(&u2), off.intern_set(&u4));
    assert!(Interned::ptr_eq(&p2, &p4));
    assert!(off.config().enabled);
    cache.set_enabled(false);
    assert!(!Interned::ptr_eq(
        &cache.intern_set(&u2),
        &cache.intern_set(&u2)
    ));
}

#[test]
fn canonical_sets_strip_mp_nlri() {
    let reg = Registry::default();
    let ctx = DecodeContext::default();
    // MP_REACH_NLRI IPv6, next hop 2001:db8::1, NLRI 2001:db8::/32 and MP_UNREACH_NLRI.
    let mut reach = vec![0, 2, 1, 16, 0x20, 0x01, 0x0d, 0xb8];
    reach.extend_from_slice(&[0; 11]);
    reach.extend_from_slice(&[1, 0, 32, 0x20, 0x01, 0x0d, 0xb8]);
    let mut attrs = vec![0x40, 1, 1, 0, 0x40, 2, 0, 0x80, 14, reach.len() as u8];
    attrs.extend_from_slice(&reach);
    attrs.extend_from_slice(&[0x80, 15, 6, 0, 2, 1, 16, 0x20, 0x02]);
    let b = body(&attrs, &[]);
    let u = Update::parse(&b, 0, &ctx, &reg).unwrap();
    assert!(
        u.outcome().is_clean(),
        "{:?}",
        u.problems().collect::<Vec<_>>()
    );
    assert_eq!(u.all_announced().count(), 1);
    assert_eq!(u.all_withdrawn().count(), 1);
    let s = AttributeSet::from_attributes(&u);
    let a = s.attributes();
    assert!(a.mp_unreach().unwrap().is_none());
    let m = a.mp_reach().unwrap().unwrap();
    assert_eq!(m.next_hop().to_string(), "2001:db8::1");
    assert_eq!(m.nlri().count(), 0);
    assert_eq!(
        a.next_hop_for(Family::IPV6_UNICAST).unwrap(),
        Some("2001:db8::1".parse().unwrap())
    );
    assert_eq!(a.next_hop_for(Family::IPV4_UNICAST).unwrap(), None);
    // The same attributes announcing another prefix give the same set.
    let mut attrs2 = attrs.clone();
    let at = attrs2.len() - 9 - 2;
    attrs2[at] = 0xff;
    let b2 = body(&attrs2, &[]);
    let u2 = Update::parse(&b2, 0, &ctx, &reg).unwrap();
    assert_eq!(AttributeSet::from_attributes(&u2), s);
}

#[test]
fn per_attribute_caches_share_values() {
    let cache = AttributeCache::default();
    let wire = [0xfd, 0xe8, 0, 1];
    let c = Communities::from_wire(&wire);
    let a = cache.intern_communities(&c);
    let b = cache.intern_communities(&c);
    assert!(Interned::ptr_eq(&a, &b));
    let st = serde_json::to_value(cache.stats()).unwrap();
    assert_eq!(st["communities"]["hits"], 1);
}

#[test]
fn add_path_body_nlri() {
    let reg = Registry::default();
    let ctx = DecodeContext::default().with_add_path(Family::IPV4_UNICAST);
    // Withdrawn: path id 7, 192.0.2.0/24. Attributes: ORIGIN, AS_PATH empty, NEXT_HOP.
    // NLRI: path id 9, 198.51.100.0/24.
    let mut b = vec![0, 8, 0, 0, 0, 7, 24, 192, 0, 2];
    let attrs = [0x40, 1, 1, 0, 0x40, 2, 0, 0x40, 3, 4, 192, 0, 2, 1];
    b.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
    b.extend_from_slice(&attrs);
    b.extend_from_slice(&[0, 0, 0, 9, 24, 198, 51, 100]);
    let u = Update::parse(&b, 0, &ctx, &reg).unwrap();
    assert!(
        u.outcome().is_clean(),
        "{:?}",
        u.problems().collect::<Vec<_>>()
    );
    let w: Vec<_> = u.all_withdrawn().map(Result::unwrap).collect();
    assert_eq!(
        (w[0].path_id(), w[0].to_string()),
        (Some(7), "192.0.2.0/24".into())
    );
    let a: Vec<_> = u.all_announced().map(Result::unwrap).collect();
    assert_eq!(
        (a[0].path_id(), a[0].to_string()),
        (Some(9), "198.51.100.0/24".into())
    );
    // Without ADD-PATH the same bytes do not split as two clean runs.
    let plain = DecodeContext::default();
    assert!(!Update::parse(&b, 0, &plain, &reg)
        .unwrap()
        .outcome()
        .is_clean());
}

#[test]
fn ipv4_nlri_with_ipv6_next_hop() {
    // RFC 8950: MP_REACH_NLRI for IPv4 unicast with a 32-byte IPv6 next hop.
    let reg = Registry::default();
    let ctx = DecodeContext::default().with_extended_next_hop(true);
    let mut reach = vec![0, 1, 1, 32];
    reach.extend_from_slice(
        &"2001:db8::1"
            .parse::<std::net::Ipv6Addr>()
            .unwrap()
            .octets(),
    );
    reach.extend_from_slice(&"fe80::1".parse::<std::net::Ipv6Addr>().unwrap().octets());
    reach.extend_from_slice(&[0, 24, 192, 0, 2]);
    let mut attrs = vec![0x40, 1, 1, 0, 0x40, 2, 0, 0x80, 14, reach.len() as u8];
    attrs.extend_from_slice(&reach);
    let b = body(&attrs, &[]);
    let u = Update::parse(&b, 0, &ctx, &reg).unwrap();
    assert!(u.outcome().is_clean());
    let m = u.mp_reach().unwrap().unwrap();
    assert_eq!(m.family(), Family::IPV4_UNICAST);
    assert_eq!(m.next_hop().to_string(), "2001:db8::1 fe80::1");
    assert_eq!(
        u.all_announced().next().unwrap().unwrap().to_string(),
        "192.0.2.0/24"
    );
}

#[test]
fn unknown_attributes_round_trip_with_their_flags() {
    let reg = Registry::default();
    let ctx = DecodeContext::default();
    let attrs = [0x40, 1, 1, 0, 0x40, 2, 0, 0xf0, 200, 0, 2, 0xab, 0xcd];
    let b = body(&attrs, &[]);
    let u = Update::parse(&b, 0, &ctx, &reg).unwrap();
    let Some(Ok(Attribute::Unknown(raw))) = u.attributes().nth(2) else {
        panic!("no unknown attribute");
    };
    assert!(raw.flags.partial() && raw.flags.extended_length());
    assert_eq!(raw.code, AttrType(200));
    assert_eq!(raw.value, [0xab, 0xcd]);
    assert_eq!(raw.wire, &attrs[7..]);
    assert_eq!(raw.offset, 4 + 7);
    // The canonical set keeps it byte for byte.
    let s = AttributeSet::from_attributes(&u);
    assert!(s.wire().ends_with(&attrs[7..]));
}

#[test]
fn shared_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<AttributeCache>();
    check::<AttributeSet>();
    check::<Interned<AttributeSet>>();
    check::<Update<'static>>();
    check::<PathAttributes<'static>>();
    check::<Error>();
    // The check is at compile time; at run time the cache really is shared across threads.
    let cache = std::sync::Arc::new(AttributeCache::default());
    let wire = [0u8, 1, 0, 2];
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let cache = std::sync::Arc::clone(&cache);
            std::thread::spawn(move || cache.intern_communities(&Communities::from_wire(&wire)))
        })
        .map(|t| t.join().unwrap())
        .collect();
    assert!(Interned::ptr_eq(&handles[0], &handles[1]));
}

/// `UpdateFields::split` reads both length fields first and hands what does not fit to
/// `split_checked`: both give the same fields or error for every pair of lengths around the
/// body's size and every truncation.
#[test]
fn direct_update_split_agrees_with_split_checked() {
    let show = |r: Result<UpdateFields<'_>, Error>| format!("{r:?}");
    let mut body = vec![0u8; 24];
    for (i, b) in body.iter_mut().enumerate() {
        *b = i as u8 ^ 0x5a;
    }
    for wd in [0u16, 1, 2, 5, 9, 19, 20, 21, 22, 23, 300, 0xffff] {
        for at in [0u16, 1, 3, 10, 17, 18, 19, 20, 21, 22, 0x8000] {
            let mut b = body.clone();
            b[..2].copy_from_slice(&wd.to_be_bytes());
            let a = 2 + usize::from(wd);
            if a + 2 <= b.len() {
                b[a..a + 2].copy_from_slice(&at.to_be_bytes());
            }
            for cut in 0..=b.len() {
                let w = &b[..cut];
                assert_eq!(
                    show(UpdateFields::split(w, 3)),
                    show(UpdateFields::split_checked(w, 3)),
                    "withdrawn {wd} attributes {at} cut {cut}"
                );
            }
        }
    }
}
