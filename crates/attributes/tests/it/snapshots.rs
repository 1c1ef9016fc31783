//! insta snapshots of decoded UPDATEs: real ones from the RIS fixtures (first UPDATE of a file
//! carrying the attribute or family in question) and hand-built ones for attribute types the
//! RIS files do not carry (see testdata/README.md for the provenance of each).

use ribcage_attributes::{AttrType, Update};
use ribcage_nlri::{DecodeContext, Registry};

use crate::mrt;

/// The body of the first UPDATE of `file` for which `pick` holds, with its AS width.
pub(crate) fn find_update(file: &str, pick: impl Fn(&Update<'_>) -> bool) -> (Vec<u8>, bool) {
    let data = mrt::read_gz(file);
    let registry = Registry::default();
    for m in mrt::messages(&data) {
        if m.msg.get(18) != Some(&2) {
            continue;
        }
        let ctx = DecodeContext::default().with_four_byte_as(m.four_byte);
        let u = Update::from_message(m.msg, 0, &ctx, &registry).unwrap();
        if pick(&u) {
            return (m.msg[19..].to_vec(), m.four_byte);
        }
    }
    panic!("no matching UPDATE in {file}");
}

fn has(code: AttrType) -> impl Fn(&Update<'_>) -> bool {
    move |u| matches!(u.get(code), Ok(Some(_)))
}

fn snap(name: &str, body: &[u8], four_byte: bool) {
    let ctx = DecodeContext::default().with_four_byte_as(four_byte);
    let registry = Registry::default();
    let u = Update::parse(body, 0, &ctx, &registry).unwrap();
    insta::assert_json_snapshot!(name, u);
}

fn real(name: &str, file: &str, pick: impl Fn(&Update<'_>) -> bool) {
    let (body, four) = find_update(file, pick);
    snap(name, &body, four);
}

#[test]
fn ris_2002_aggregator_atomic_aggregate() {
    real(
        "ris_2002_aggregator_atomic",
        "updates.20020722.2238.gz",
        |u| has(AttrType::AGGREGATOR)(u) && has(AttrType::ATOMIC_AGGREGATE)(u),
    );
}

#[test]
fn ris_2002_withdrawal() {
    real("ris_2002_withdrawal", "updates.20020722.2238.gz", |u| {
        u.has_body_withdrawn()
    });
}

#[test]
fn ris_2007_ipv6_mp_reach_med_communities() {
    real("ris_2007_ipv6_mp_reach", "updates.20070211.0141.gz", |u| {
        matches!(u.mp_reach(), Ok(Some(m)) if m.family() == ribcage_nlri::Family::IPV6_UNICAST)
            && has(AttrType::MULTI_EXIT_DISC)(u)
            && has(AttrType::COMMUNITIES)(u)
    });
}

#[test]
fn ris_2007_ipv4_multicast() {
    real(
        "ris_2007_ipv4_multicast",
        "updates.20070211.0141.gz",
        |u| matches!(u.mp_reach(), Ok(Some(m)) if m.family() == ribcage_nlri::Family::IPV4_MULTICAST),
    );
}

#[test]
fn ris_2007_mp_unreach() {
    real(
        "ris_2007_mp_unreach",
        "updates.20070211.0141.gz",
        has(AttrType::MP_UNREACH_NLRI),
    );
}

#[test]
fn ris_2010_as4_path_on_two_byte_session() {
    real(
        "ris_2010_as4_path",
        "updates.20100722.2015.gz",
        has(AttrType::AS4_PATH),
    );
    let (body, four) = find_update("updates.20100722.2015.gz", has(AttrType::AS4_PATH));
    assert!(!four);
    let ctx = DecodeContext::default().with_four_byte_as(false);
    let registry = Registry::default();
    let u = Update::parse(&body, 0, &ctx, &registry).unwrap();
    let merged = u.merged_as_path().unwrap();
    assert!(merged.merged());
    assert_eq!(merged.to_string(), "5385 3356 2914 4230 262685");
    assert_eq!(merged.origin_as(), Some(262_685));
}

#[test]
fn ris_2016_extended_communities() {
    real(
        "ris_2016_extended_communities",
        "updates.20160811.1600.gz",
        has(AttrType::EXTENDED_COMMUNITIES),
    );
}

#[test]
fn ris_nlri_mask_trailing_bits() {
    real(
        "ris_nlri_mask_trailing_bits",
        "updates.nlri_mask_trailing_bits.gz",
        |_| true,
    );
}

/// Hand-built IPv4 UPDATE carrying every attribute type the RIS files lack (see
/// testdata/README.md: built per the RFCs, checked with `exabgp --decode`).
pub(crate) const EVERY_ATTRIBUTE: &str = concat!(
    "0000",     // no withdrawn routes
    "00db",     // total path attribute length
    "40010100", // ORIGIN IGP
    "400224",
    "03010000fde9",
    "04020000fdea0000fdeb", // AS_PATH: (65001) [65002,65003]
    "02020000fde800010000",
    "01020000000a0000000b",                   //   65000 65536 {10,11}
    "400304c0000201",                         // NEXT_HOP 192.0.2.1
    "80040400000064",                         // MED 100
    "400504000000c8",                         // LOCAL_PREF 200
    "400600",                                 // ATOMIC_AGGREGATE
    "c007080000fde8c0000202",                 // AGGREGATOR 65000 192.0.2.2
    "c0080cffffff01fde80001ffff029a",         // COMMUNITIES
    "8009040a000001",                         // ORIGINATOR_ID
    "800a080a0000020a000003",                 // CLUSTER_LIST
    "c010100002fde8000000640103c00002010007", // EXT COMM: RT, RO
    "c019140002",
    "20010db8000000000000000000000001",
    "0064",                           // IPv6 EXT COMM RT
    "801a0b01000b0000000000000100",   // AIGP 256
    "c0200c0000fde80000000100000002", // LARGE 65000:1:2
    "c023040000fde8",                 // OTC 65000
    "c0280a01000700000000000064",     // PREFIX_SID label index 100
    "c016090006000640c0000201",       // PMSI ingress replication
    "e06302abcd",                     // unknown type 99
    "18c63364",                       // NLRI 198.51.100.0/24
);

pub(crate) fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn every_attribute_type() {
    snap("every_attribute", &hex(EVERY_ATTRIBUTE), true);
}
