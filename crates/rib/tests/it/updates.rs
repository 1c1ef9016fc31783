//! Announcements and withdrawals applied in order: the 2002 update file replayed against a
//! model built from bgpdump's lines, and RFC 7606 treat-as-withdraw on hand-made UPDATEs.

use std::collections::BTreeMap;

use ribcage_buffer::View;
use ribcage_mrt::Records;
use ribcage_rib::{Loader, Rib};

use crate::{dump_lines, expected, ris};

/// Replays bgpdump's A and W lines of `name` into a map and checks the store's end state,
/// and its counts, against it.
fn check_replay(name: &str) {
    let mut model: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let (mut withdrawn, mut unknown, mut announced) = (0u64, 0u64, 0u64);
    for line in expected(name) {
        let f: Vec<&str> = line.split('|').collect();
        let key = || (f[3].to_owned(), f[4].to_owned(), f[5].to_owned());
        match f[2] {
            "A" => {
                announced += 1;
                model.insert(key(), line.clone());
            }
            "W" => {
                if model.remove(&key()).is_some() {
                    withdrawn += 1;
                } else {
                    unknown += 1;
                }
            }
            _ => {}
        }
    }
    let mut rib = Rib::default();
    let stats = rib.load(View::from(ris(name)));
    assert_eq!(stats.errors, 0, "{name}: {:?}", stats.first_errors);
    assert_eq!(stats.treat_as_withdraw, 0, "{name}");
    assert_eq!(stats.announced, announced, "{name}");
    assert_eq!(stats.withdrawn, withdrawn, "{name}");
    assert_eq!(stats.unknown_withdrawals, unknown, "{name}");
    assert!(withdrawn > 0 && unknown > 0, "{name}");
    assert_eq!(rib.routes(), model.len(), "{name}");
    let mut ours = dump_lines(&rib);
    ours.sort_unstable();
    let mut theirs: Vec<String> = model.into_values().collect();
    theirs.sort_unstable();
    assert_eq!(ours, theirs, "{name}");
}

#[test]
fn update_files_end_state_matches_a_replay_of_bgpdump_lines() {
    // 2-byte AS (2002), mixed 2- and 4-byte AS (2010), 4-byte AS with IPv6 (2016).
    for name in [
        "updates.20020722.2238.gz",
        "updates.20100722.2015.gz",
        "updates.20160811.1600.gz",
    ] {
        check_replay(name);
    }
}

#[test]
fn compacting_mid_load_changes_nothing() {
    // Withdrawals and replacements land on compacted NLRI, new NLRI on the tail, and a second
    // compaction merges the two: the end state equals a load without compaction.
    for name in ["updates.20020722.2238.gz", "updates.20160811.1600.gz"] {
        let data = ris(name);
        let mut plain = Rib::default();
        let plain_stats = plain.load(View::from(data.clone()));
        let mut rib = Rib::default();
        let mut loader = Loader::new();
        for (i, record) in Records::new(View::from(data)).enumerate() {
            loader.apply(&mut rib, &record.unwrap());
            if i % 97 == 96 {
                rib.compact();
            }
        }
        let stats = loader.finish();
        assert_eq!(
            (stats.announced, stats.withdrawn, stats.unknown_withdrawals),
            (
                plain_stats.announced,
                plain_stats.withdrawn,
                plain_stats.unknown_withdrawals
            ),
            "{name}"
        );
        assert!(stats.withdrawn > 0, "{name}");
        assert_eq!(rib.routes(), plain.routes(), "{name}");
        assert_eq!(rib.prefixes(), plain.prefixes(), "{name}");
        assert_eq!(rib.counts(), plain.counts(), "{name}");
        let sorted = |rib: &Rib| {
            let mut l = dump_lines(rib);
            l.sort_unstable();
            l
        };
        let want = sorted(&plain);
        assert_eq!(sorted(&rib), want, "{name}");
        rib.compact();
        assert_eq!(sorted(&rib), want, "{name}");
    }
}

/// A BGP4MP MESSAGE_AS4 record (RFC 6396 §4.4.3) from AS 65001 at 192.0.2.1 carrying an UPDATE
/// with these withdrawn routes, attributes and NLRI.
fn update(time: u32, withdrawn: &[u8], attrs: &[u8], nlri: &[u8]) -> Vec<u8> {
    let mut msg = vec![0xff; 16];
    let len = 19 + 2 + withdrawn.len() + 2 + attrs.len() + nlri.len();
    msg.extend_from_slice(&(len as u16).to_be_bytes());
    msg.push(2);
    msg.extend_from_slice(&(withdrawn.len() as u16).to_be_bytes());
    msg.extend_from_slice(withdrawn);
    msg.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
    msg.extend_from_slice(attrs);
    msg.extend_from_slice(nlri);
    let mut body = Vec::new();
    body.extend_from_slice(&65001u32.to_be_bytes());
    body.extend_from_slice(&65000u32.to_be_bytes());
    body.extend_from_slice(&[0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 254]);
    body.extend_from_slice(&msg);
    let mut rec = Vec::new();
    rec.extend_from_slice(&time.to_be_bytes());
    rec.extend_from_slice(&[0, 16, 0, 4]);
    rec.extend_from_slice(&(body.len() as u32).to_be_bytes());
    rec.extend_from_slice(&body);
    rec
}

const ORIGIN: &[u8] = &[0x40, 1, 1, 0];
const AS_PATH: &[u8] = &[0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xe9];
const NEXT_HOP: &[u8] = &[0x40, 3, 4, 192, 0, 2, 1];

#[test]
fn withdrawals_and_treat_as_withdraw_apply_in_order() {
    let clean = [ORIGIN, AS_PATH, NEXT_HOP].concat();
    // NEXT_HOP missing while the body announces NLRI: RFC 7606 §3 d, treat-as-withdraw.
    let broken = [ORIGIN, AS_PATH].concat();
    let a = [24, 192, 0, 2];
    let b = [24, 198, 51, 100];
    let c = [24, 203, 0, 113];
    let d = [8, 10];
    let input = [
        update(1, &[], &clean, &[a, b].concat()),
        update(2, &[], &broken, &a),
        update(3, &c, &[], &[]),
        update(4, &b, &clean, &b),
        update(5, &[], &clean, &d),
        update(6, &d, &[], &[]),
    ]
    .concat();
    for policy in ["default", "off"] {
        let mut rib = Rib::new(policy.parse().unwrap());
        let stats = rib.load(View::from(input.clone()));
        assert_eq!(stats.records, 6);
        assert_eq!(stats.errors, 0, "{:?}", stats.first_errors);
        assert_eq!(stats.treat_as_withdraw, 1);
        assert_eq!(stats.unknown_withdrawals, 1);
        assert_eq!(stats.withdrawn, 3);
        assert_eq!(stats.announced, 4);
        assert_eq!(rib.routes(), 1);
        let routes: Vec<_> = rib.iter().collect();
        assert_eq!(routes[0].prefix().unwrap().to_string(), "198.51.100.0/24");
        assert_eq!(routes[0].header().unwrap().time, 4);
        assert_eq!(
            dump_lines(&rib),
            ["BGP4MP|4|A|192.0.2.1|65001|198.51.100.0/24|65001|IGP|192.0.2.1|0|0||NAG||"]
        );
    }
}

#[test]
fn host_bits_do_not_make_a_second_route() {
    let clean = [ORIGIN, AS_PATH, NEXT_HOP].concat();
    let input = [
        update(1, &[], &clean, &[24, 192, 0, 2]),
        // 198.51.100.0/23 sent with a bit set past its length, then withdrawn without it.
        update(2, &[], &clean, &[23, 198, 51, 101]),
        update(3, &[23, 198, 51, 100], &[], &[]),
    ]
    .concat();
    let mut rib = Rib::default();
    let stats = rib.load(View::from(input));
    assert_eq!(stats.withdrawn, 1);
    assert_eq!(rib.routes(), 1);
}

#[test]
fn vpn_withdrawal_with_a_compatibility_label_removes_the_route() {
    // 192.0.2.0/24 in RD 0:65000:1 with label 1000 (RFC 4364 §4.3.4), then 198.51.100.0/24.
    let a = [
        112, 0x00, 0x3e, 0x81, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 192, 0, 2,
    ];
    let b = [
        112, 0x00, 0x3e, 0x91, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 198, 51, 100,
    ];
    let mut reach = vec![0, 1, 128, 12, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1, 0];
    reach.extend_from_slice(&a);
    reach.extend_from_slice(&b);
    let mut attrs = [ORIGIN, AS_PATH].concat();
    attrs.extend_from_slice(&[0x80, 14, reach.len() as u8]);
    attrs.extend_from_slice(&reach);
    // The withdrawal carries 0x800000 instead of the label (RFC 8277 §2.4).
    let mut gone = a;
    gone[1..4].copy_from_slice(&[0x80, 0, 0]);
    let mut unreach = vec![0x80, 15, 3 + gone.len() as u8, 0, 1, 128];
    unreach.extend_from_slice(&gone);
    let (announce, withdraw) = (update(1, &[], &attrs, &[]), update(2, &[], &unreach, &[]));
    for (policy, compact) in [
        ("default", false),
        ("default", true),
        ("off", false),
        ("off", true),
        ("all,-rd", true),
    ] {
        let mut rib = Rib::new(policy.parse().unwrap());
        let mut stats = rib.load(View::from(announce.clone()));
        if compact {
            // The withdrawal then finds the route in the sorted part.
            rib.compact();
        }
        stats.merge(rib.load(View::from(withdraw.clone())));
        assert_eq!(stats.errors, 0, "{:?}", stats.first_errors);
        assert_eq!((stats.announced, stats.withdrawn), (2, 1));
        assert_eq!(rib.routes(), 1);
        let route = rib.iter().next().unwrap();
        assert_eq!(route.family, ribcage_nlri::Family::IPV4_MPLS_VPN);
        assert_eq!(&*route.nlri_wire(), &b[..]);
        assert_eq!(route.labels(), &b[1..4]);
        assert_eq!(
            route.nlri().to_string(),
            "65000:1:198.51.100.0/24 label 1001"
        );
        assert_eq!(rib.exact(route.family, &b).len(), 1);
        // bgpdump has no line for VPN routes.
        let mut out = Vec::new();
        let dumped = rib.write_bgpdump(&mut out).unwrap();
        assert_eq!((dumped.lines, dumped.skipped), (0, 1));
    }
}
