//! Unit tests of the generators: determinism, option checks, and the bytes read back.

use std::collections::HashSet;

use crate::check::{as_path4, attribute, read_table, read_vpn, RibEntry, VpnRoute};
use crate::table::{self, peer_as, peer_community, peer_ip, TableOptions};
use crate::vpn::{self, VpnOptions};
use crate::{GenError, Rng};

#[test]
fn rng_is_fixed_by_its_seed() {
    let a: Vec<u64> = (0..4)
        .scan(Rng::new(5), |r, _| Some(r.next_u64()))
        .collect();
    let b: Vec<u64> = (0..4)
        .scan(Rng::new(5), |r, _| Some(r.next_u64()))
        .collect();
    let c: Vec<u64> = (0..4)
        .scan(Rng::new(6), |r, _| Some(r.next_u64()))
        .collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let mut r = Rng::new(1);
    assert!((0..1000).all(|_| r.below(7) < 7));
}

fn small_vpn(seed: u64) -> VpnOptions {
    VpnOptions {
        routes: 25,
        rds: 3,
        labels: 5,
        seed,
        per_update: 10,
    }
}

fn vpn_bytes(opts: &VpnOptions) -> Vec<u8> {
    let mut out = Vec::new();
    let stats = vpn::generate(opts, &mut out).expect("generates");
    assert_eq!(stats.bytes, out.len() as u64);
    assert_eq!(stats.routes, opts.routes);
    out
}

#[test]
fn vpn_is_deterministic_per_seed() {
    assert_eq!(vpn_bytes(&small_vpn(7)), vpn_bytes(&small_vpn(7)));
    assert_ne!(vpn_bytes(&small_vpn(7)), vpn_bytes(&small_vpn(8)));
}

#[test]
fn vpn_routes_read_back() {
    let data = vpn_bytes(&small_vpn(7));
    let mut routes: Vec<VpnRoute> = Vec::new();
    let summary = read_vpn(&data, |r| routes.push(*r)).expect("reads back");
    assert_eq!((summary.updates, summary.routes), (3, 25));
    assert_eq!(routes.len(), 25);
    let mut keys = HashSet::new();
    for r in &routes {
        assert!((16..21).contains(&r.label), "{r:?}");
        assert!(r.bottom_of_stack);
        // Type 0, administrator 65000, assigned number 1..=3.
        assert_eq!(&r.rd[..4], &[0, 0, 0xfd, 0xe8]);
        let assigned = u32::from_be_bytes([r.rd[4], r.rd[5], r.rd[6], r.rd[7]]);
        assert!((1..=3).contains(&assigned), "{r:?}");
        assert_eq!(r.next_hop, [10, 254, 0, assigned as u8]);
        assert!((24..=32).contains(&r.prefix_len));
        let addr = u32::from_be_bytes(r.prefix);
        assert_eq!(addr & !(u32::MAX << (32 - r.prefix_len)), 0, "{r:?}");
        assert!(
            keys.insert((r.rd, r.prefix, r.prefix_len)),
            "duplicate {r:?}"
        );
    }
    // Round-robin over the RDs: 10 routes of RD 1, 10 of RD 2, 5 of RD 3.
    let per_rd = |n: u8| routes.iter().filter(|r| r.rd[7] == n).count();
    assert_eq!((per_rd(1), per_rd(2), per_rd(3)), (10, 10, 5));
}

#[test]
fn vpn_rejects_options_out_of_range() {
    let cases = [
        (
            VpnOptions {
                rds: 0,
                ..small_vpn(1)
            },
            "rds",
        ),
        (
            VpnOptions {
                labels: 0,
                ..small_vpn(1)
            },
            "labels",
        ),
        (
            VpnOptions {
                labels: 1 << 20,
                ..small_vpn(1)
            },
            "labels",
        ),
        (
            VpnOptions {
                per_update: 0,
                ..small_vpn(1)
            },
            "per-update",
        ),
        (
            VpnOptions {
                per_update: 201,
                ..small_vpn(1)
            },
            "per-update",
        ),
        (
            VpnOptions {
                rds: 1,
                routes: (1 << 24) + 1,
                ..small_vpn(1)
            },
            "routes",
        ),
    ];
    for (opts, want) in cases {
        match vpn::generate(&opts, &mut Vec::new()) {
            Err(GenError::BadOption { name, .. }) => assert_eq!(name, want),
            other => panic!("{opts:?}: {other:?}"),
        }
    }
}

/// Builds one TABLE_DUMP AFI_IPv4 record (RFC 6396 §4.2).
fn td_record(prefix: [u8; 4], len: u8, peer_as: u16, attrs: &[u8]) -> Vec<u8> {
    let mut body = vec![0, 0, 0, 0];
    body.extend_from_slice(&prefix);
    body.extend_from_slice(&[len, 1]);
    body.extend_from_slice(&1_000_000u32.to_be_bytes());
    body.extend_from_slice(&[192, 0, 2, peer_as as u8]);
    body.extend_from_slice(&peer_as.to_be_bytes());
    body.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
    body.extend_from_slice(attrs);
    let mut rec = 1_027_381_055u32.to_be_bytes().to_vec();
    rec.extend_from_slice(&[0, 12, 0, 1]);
    rec.extend_from_slice(&(body.len() as u32).to_be_bytes());
    rec.extend_from_slice(&body);
    rec
}

/// ORIGIN, a two-octet AS_PATH of one segment, NEXT_HOP, then `more`.
fn td_attrs(kind: u8, path: &[u16], more: &[u8]) -> Vec<u8> {
    let mut a = vec![0x40, 1, 1, 0];
    let mut value = vec![kind, path.len() as u8];
    for asn in path {
        value.extend_from_slice(&asn.to_be_bytes());
    }
    crate::mrt::push_attr(&mut a, 0x40, 2, &value);
    a.extend_from_slice(&[0x40, 3, 4, 192, 0, 2, 9]);
    a.extend_from_slice(more);
    a
}

fn small_source() -> Vec<u8> {
    let mut src = Vec::new();
    // Two source peers for 192.0.2.0/24, with the bits past /24 set in the second copy.
    src.extend(td_record(
        [192, 0, 2, 0],
        24,
        100,
        &td_attrs(2, &[100, 200], &[]),
    ));
    src.extend(td_record(
        [192, 0, 2, 7],
        24,
        300,
        &td_attrs(2, &[300, 200], &[]),
    ));
    // A BGP4MP STATE_CHANGE record, to be skipped.
    src.extend_from_slice(&[0, 0, 0, 1, 0, 16, 0, 0, 0, 0, 0, 2, 0xaa, 0xbb]);
    // An AS_SET path, a two-octet AGGREGATOR, communities, and an AS4_PATH to drop.
    let more = [
        0xc0, 7, 6, 0x01, 0x2c, 10, 0, 0, 1, // AGGREGATOR 300 10.0.0.1
        0xc0, 8, 4, 0, 100, 0, 1, // COMMUNITIES 100:1
        0xc0, 17, 6, 2, 1, 0, 0, 0, 100, // AS4_PATH
    ];
    src.extend(td_record(
        [198, 51, 100, 0],
        22,
        100,
        &td_attrs(1, &[100, 400], &more),
    ));
    src
}

type Entries<'a> = Vec<(RibEntry<'a>, Vec<u32>)>;

fn table_entries<'a>(data: &'a [u8]) -> (crate::check::TableSummary, Entries<'a>) {
    let mut entries = Vec::new();
    let summary = read_table(data, |e: RibEntry<'a>| {
        let path = attribute(e.attributes, 2)
            .expect("splits")
            .expect("has AS_PATH");
        let flat = as_path4(path)
            .expect("four-octet path")
            .into_iter()
            .flat_map(|(_, asns)| asns)
            .collect();
        entries.push((e, flat));
    })
    .expect("reads back");
    (summary, entries)
}

#[test]
fn table_gives_each_peer_the_source_with_its_variation() {
    let opts = TableOptions {
        peers: 3,
        seed: 9,
        max_prefixes: None,
    };
    let mut out = Vec::new();
    let stats = table::generate(&small_source(), &opts, &mut out).expect("generates");
    assert_eq!(
        (
            stats.prefixes,
            stats.routes,
            stats.source_routes,
            stats.skipped_source_records
        ),
        (2, 6, 3, 1)
    );
    let (summary, entries) = table_entries(&out);
    assert_eq!((summary.rib_records, summary.routes), (2, 6));
    let peers: Vec<(u32, [u8; 4])> = summary.peers.iter().map(|p| (p.asn, p.ip)).collect();
    assert_eq!(
        peers,
        vec![
            (64512, [10, 0, 0, 1]),
            (64513, [10, 0, 0, 2]),
            (64514, [10, 0, 0, 3])
        ]
    );
    let paths: Vec<(u8, u16, Vec<u32>)> = entries
        .iter()
        .map(|(e, p)| (e.prefix_len, e.peer_index, p.clone()))
        .collect();
    assert_eq!(
        paths,
        vec![
            // 192.0.2.0/24 sorts before 198.51.100.0/22; peer 1 takes the second source route.
            (24, 0, vec![64512, 100, 200]),
            (24, 1, vec![64513, 300, 200]),
            (24, 2, vec![64514, 100, 200]),
            // The AS_SET cannot take the peer AS: a new AS_SEQUENCE goes in front.
            (22, 0, vec![64512, 100, 400]),
            (22, 1, vec![64513, 100, 400]),
            (22, 2, vec![64514, 100, 400]),
        ]
    );
    assert_eq!(entries[0].0.prefix, [192, 0, 2, 0]);
    for (e, path) in &entries {
        let p = e.peer_index;
        let nh = attribute(e.attributes, 3).expect("splits");
        assert_eq!(nh, Some(&peer_ip(p)[..]));
        let ours = peer_community(9, p, path[1]).to_be_bytes();
        let comms = attribute(e.attributes, 8)
            .expect("splits")
            .expect("has communities");
        assert!(comms.ends_with(&ours), "{comms:?}");
        assert_eq!(ours[..2], (peer_as(p) as u16).to_be_bytes());
        assert_eq!(attribute(e.attributes, 17).expect("splits"), None);
    }
    let (set_entry, _) = &entries[3];
    let segs = as_path4(attribute(set_entry.attributes, 2).unwrap().unwrap()).unwrap();
    assert_eq!(segs, vec![(2, vec![64512]), (1, vec![100, 400])]);
    assert_eq!(
        attribute(set_entry.attributes, 7).unwrap(),
        Some(&[0, 0, 0x01, 0x2c, 10, 0, 0, 1][..])
    );
    let comms = attribute(set_entry.attributes, 8).unwrap().unwrap();
    assert_eq!(&comms[..4], &[0, 100, 0, 1]);
    assert_eq!(comms.len(), 8);
}

#[test]
fn table_is_deterministic_and_the_seed_only_moves_communities() {
    let gen = |seed| {
        let mut out = Vec::new();
        let opts = TableOptions {
            peers: 4,
            seed,
            max_prefixes: None,
        };
        table::generate(&small_source(), &opts, &mut out).expect("generates");
        out
    };
    assert_eq!(gen(1), gen(1));
    let (a, b) = (gen(1), gen(2));
    let (_, ea) = table_entries(&a);
    let (_, eb) = table_entries(&b);
    let paths = |e: &[(RibEntry<'_>, Vec<u32>)]| e.iter().map(|x| x.1.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&ea), paths(&eb));
    let comms = |e: &[(RibEntry<'_>, Vec<u32>)]| {
        e.iter()
            .map(|x| attribute(x.0.attributes, 8).unwrap().unwrap().to_vec())
            .collect::<Vec<_>>()
    };
    assert_ne!(comms(&ea), comms(&eb));
}

#[test]
fn table_max_prefixes_cuts_the_table() {
    let opts = TableOptions {
        peers: 2,
        seed: 1,
        max_prefixes: Some(1),
    };
    let mut out = Vec::new();
    let stats = table::generate(&small_source(), &opts, &mut out).expect("generates");
    assert_eq!((stats.prefixes, stats.routes), (1, 2));
    assert_eq!(table_entries(&out).0.routes, 2);
}

#[test]
fn table_rejects_bad_options_and_sources() {
    let src = small_source();
    let zero = TableOptions {
        peers: 0,
        ..TableOptions::default()
    };
    assert!(matches!(
        table::generate(&src, &zero, &mut Vec::new()),
        Err(GenError::BadOption {
            name: "peers",
            value: 0
        })
    ));
    let d = TableOptions::default();
    assert!(matches!(
        table::generate(&[], &d, &mut Vec::new()),
        Err(GenError::EmptySource)
    ));
    // Cut inside the second record's attributes: its body starts at 12 + len1 + 12.
    let first_len = td_record([192, 0, 2, 0], 24, 100, &td_attrs(2, &[100, 200], &[])).len();
    let cut = &src[..first_len + 12 + 22 + 3];
    match table::generate(cut, &d, &mut Vec::new()) {
        Err(GenError::Truncated { offset, .. }) => assert_eq!(offset, first_len + 12),
        other => panic!("{other:?}"),
    }
    // A prefix length over 32.
    let mut bad = td_record([192, 0, 2, 0], 33, 100, &td_attrs(2, &[100], &[]));
    bad.extend(td_record(
        [192, 0, 2, 0],
        24,
        100,
        &td_attrs(2, &[100], &[]),
    ));
    assert!(matches!(
        table::generate(&bad, &d, &mut Vec::new()),
        Err(GenError::BadPrefixLength {
            len: 33,
            offset: 20
        })
    ));
    // An AS_PATH whose segment claims more ASes than it holds.
    let broken = td_record([192, 0, 2, 0], 24, 100, &[0x40, 2, 4, 2, 5, 0, 100]);
    assert!(matches!(
        table::generate(&broken, &d, &mut Vec::new()),
        Err(GenError::BadAttribute {
            code: 2,
            offset: 34
        })
    ));
}

#[test]
fn a_full_first_segment_gets_a_new_one_in_front() {
    let path: Vec<u16> = (1..=255).collect();
    let src = td_record([10, 0, 0, 0], 8, 1, &td_attrs(2, &path, &[]));
    let opts = TableOptions {
        peers: 1,
        seed: 1,
        max_prefixes: None,
    };
    let mut out = Vec::new();
    table::generate(&src, &opts, &mut out).expect("generates");
    let (_, entries) = table_entries(&out);
    let segs = as_path4(attribute(entries[0].0.attributes, 2).unwrap().unwrap()).unwrap();
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[0], (2, vec![64512]));
    assert_eq!(segs[1].1.len(), 255);
}

#[test]
fn a_path_too_long_for_four_octets_is_an_error_not_a_truncation() {
    // 65 full segments: 33,410 bytes with two-octet ASes, over 65,535 with four.
    let mut path = Vec::new();
    for _ in 0..65 {
        path.extend_from_slice(&[2, 255]);
        for asn in 1..=255u16 {
            path.extend_from_slice(&asn.to_be_bytes());
        }
    }
    let mut attrs = vec![0x40, 1, 1, 0];
    crate::mrt::push_attr(&mut attrs, 0x40, 2, &path);
    let src = td_record([10, 0, 0, 0], 8, 1, &attrs);
    match table::generate(&src, &TableOptions::default(), &mut Vec::new()) {
        Err(GenError::Unexpected {
            what,
            value,
            offset,
        }) => {
            assert_eq!(what, "rewritten attribute length");
            assert!(value > 65_535);
            assert_eq!(offset, 12 + 22);
        }
        other => panic!("{other:?}"),
    }
}
