//! Unit tests: policy parsing, attribute set encoding and route tables.

use crate::attrs::{AttrStore, SetHeader};
use crate::config::{FieldMode, InternConfig};
use crate::nlri_store::canonical;
use crate::table::RouteTable;
use crate::Source;
use ribcage_nlri::Family;

#[test]
fn policy_strings_parse() {
    let off: InternConfig = "off".parse().unwrap();
    assert!(off.is_off());
    assert_eq!(off.to_string(), "off");
    let d: InternConfig = "default".parse().unwrap();
    assert_eq!(d, InternConfig::default());
    assert!(d.sets);
    assert_eq!(d.field(2), FieldMode::Tail);
    assert_eq!(d.to_string(), "all");
    let c: InternConfig = "default,-as_path,next_hop,no-sets".parse().unwrap();
    assert!(!c.sets);
    assert_eq!(c.field(2), FieldMode::Inline);
    assert_eq!(c.field(3), FieldMode::Whole);
    let c: InternConfig = "sets,as_path=whole,8".parse().unwrap();
    assert_eq!(c.field(2), FieldMode::Whole);
    assert_eq!(c.field(8), FieldMode::Whole);
    assert_eq!(c.to_string(), "sets,as_path=whole,communities=whole");
    assert_eq!(c.to_string().parse::<InternConfig>().unwrap(), c);
    assert!("communities=tail".parse::<InternConfig>().is_err());
    assert!("nonsense".parse::<InternConfig>().is_err());
    assert!("as_path=sideways".parse::<InternConfig>().is_err());
}

/// An attribute block: ORIGIN, AS_PATH (2-byte ASNs, two segments), NEXT_HOP, COMMUNITIES,
/// an unknown optional attribute with the extended-length flag, then three stray bytes.
fn block() -> Vec<u8> {
    let mut b = vec![0x40, 1, 1, 0];
    b.extend_from_slice(&[0x40, 2, 10, 2, 2, 0, 1, 0, 2, 1, 1, 0, 3]);
    b.extend_from_slice(&[0x40, 3, 4, 192, 0, 2, 1]);
    b.extend_from_slice(&[0xc0, 8, 4, 0, 1, 0, 2]);
    b.extend_from_slice(&[0xd0, 99, 0, 2, 0xaa, 0xbb]);
    b.extend_from_slice(&[0x40, 5, 9]);
    b
}

#[test]
fn attribute_sets_round_trip_under_every_policy() {
    let header = SetHeader {
        source: Source::TABLE_DUMP_ROUTE,
        time: 1_027_381_055,
        micros: None,
    };
    for policy in ["off", "default", "all", "sets,as_path=whole", "as_path"] {
        let mut store = AttrStore::new(policy.parse().unwrap());
        let b = block();
        let id = store.intern(header, &b).unwrap();
        let mut out = Vec::new();
        assert_eq!(store.decode(id, &mut out), Some(header), "{policy}");
        assert_eq!(out, b, "{policy}");
        let again = store.intern(header, &b).unwrap();
        assert_eq!(again == id, store.config().sets, "{policy}");
        // A path of one AS (its own segment) and one led by an AS_SET round-trip too.
        for path in [&[2u8, 1, 0, 9][..], &[1, 2, 0, 1, 0, 2, 2, 1, 0, 3], &[]] {
            let mut b = vec![0x40, 2, path.len() as u8];
            b.extend_from_slice(path);
            let id = store.intern(header, &b).unwrap();
            out.clear();
            store.decode(id, &mut out).unwrap();
            assert_eq!(out, b, "{policy} {path:?}");
        }
    }
}

#[test]
fn as_path_tails_are_shared_across_prepends() {
    let mut store = AttrStore::new("default".parse().unwrap());
    let header = SetHeader {
        source: Source::table_dump_v2(false),
        time: 1,
        micros: None,
    };
    for first in 64512u32..64532 {
        let mut path = vec![2, 3];
        for asn in [first, 1239, 80] {
            path.extend_from_slice(&asn.to_be_bytes());
        }
        let mut b = vec![0x40, 2, path.len() as u8];
        b.extend_from_slice(&path);
        store.intern(header, &b).unwrap();
    }
    let stats = store.stats();
    let as_path = stats.iter().find(|c| c.name == "as_path").unwrap();
    assert_eq!((as_path.lookups, as_path.entries), (20, 1));
    assert_eq!(stats[0].entries, 20);
}

#[test]
fn bgp4mp_sets_drop_nlri() {
    let mut store = AttrStore::new("default".parse().unwrap());
    let header = SetHeader {
        source: Source::bgp4mp(true, true, false, false),
        time: 7,
        micros: Some(123),
    };
    // MP_REACH_NLRI: IPv6 unicast, 16-byte next hop, no SNPA, one /32; then MP_UNREACH_NLRI.
    let mut reach = vec![0, 2, 1, 16];
    reach.extend_from_slice(&[0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    reach.push(0);
    let nlri = [32, 0x20, 1, 0x0d, 0xb8];
    let mut b = vec![0x80, 14, (reach.len() + nlri.len()) as u8];
    b.extend_from_slice(&reach);
    b.extend_from_slice(&nlri);
    b.extend_from_slice(&[0x80, 15, 3, 0, 2, 1]);
    let id = store.intern(header, &b).unwrap();
    // Another UPDATE with other NLRI but the same attributes shares the set.
    let mut b2 = b.clone();
    b2[3 + reach.len() + 1] = 0x30;
    assert_eq!(store.intern(header, &b2), Some(id));
    let mut out = Vec::new();
    assert_eq!(store.decode(id, &mut out), Some(header));
    let mut want = vec![0x80, 14, reach.len() as u8];
    want.extend_from_slice(&reach);
    assert_eq!(out, want);
}

#[test]
fn tables_turn_dense_and_back_to_empty() {
    let mut t = RouteTable::<u32>::new();
    let universe = 1000;
    for i in (0..universe as u32).rev() {
        assert_eq!(t.insert(i, None, i * 2, universe), None);
    }
    assert_eq!(t.len(), universe);
    assert_eq!(t.insert(5, None, 1, universe), Some(10));
    assert_eq!(t.get(5), Some(1));
    assert_eq!(t.insert(5, Some(7), 3, universe), None);
    assert_eq!(t.get_paths(5), [(7, 3)]);
    assert_eq!(t.len(), universe + 1);
    let e = t.entries();
    assert_eq!(e[5], (5, None, 1));
    assert_eq!(e[6], (5, Some(7), 3));
    for i in 0..universe as u32 {
        assert!(t.remove(i, None).is_some());
        assert!(t.remove(i, None).is_none());
    }
    assert_eq!(t.remove(5, Some(7)), Some(3));
    assert_eq!(t.len(), 0);
    assert!(t.entries().is_empty());
    t.shrink_to_fit();
    assert_eq!(t.heap_bytes(), 0);
    // A small table among many NLRI stays sparse: 8 bytes a route.
    let mut s = RouteTable::<u32>::new();
    for i in 0..300u32 {
        s.insert(i * 100, None, i, 100_000);
    }
    s.shrink_to_fit();
    assert_eq!(s.heap_bytes(), 300 * 8);
}

#[test]
fn labeled_keys_leave_the_labels_out() {
    let mut key = Vec::new();
    // VPNv4 (RFC 4364 §4.3.4): 24 label bits (label 1000, bottom of stack), RD 0:65000:1,
    // 192.0.2.0/24: 24 + 64 + 24 = 112 bits.
    let wire = [
        112, 0x00, 0x3e, 0x81, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 192, 0, 2,
    ];
    let labels = canonical(Family::IPV4_MPLS_VPN, &wire, &mut key);
    assert_eq!(labels, [0x00, 0x3e, 0x81]);
    assert_eq!(key, [88, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 192, 0, 2]);
    // The withdrawal's compatibility label (RFC 8277 §2.4) gives the same key.
    let mut withdraw = wire;
    withdraw[1..4].copy_from_slice(&[0x80, 0, 0]);
    let mut key2 = Vec::new();
    canonical(Family::IPV4_MPLS_VPN, &withdraw, &mut key2);
    assert_eq!(key2, key);
    // Labeled unicast with two labels and host bits set: 48 + 23 bits.
    let wire = [71, 0, 0x10, 0x00, 0, 0x20, 0x01, 198, 51, 101];
    let labels = canonical(Family::IPV4_LABELED_UNICAST, &wire, &mut key);
    assert_eq!(labels.len(), 6);
    assert_eq!(key, [23, 198, 51, 100]);
    // No bottom of stack: kept whole.
    let wire = [48, 0, 0, 0x10, 0, 0, 0x20];
    assert!(canonical(Family::IPV4_LABELED_UNICAST, &wire, &mut key).is_empty());
    assert_eq!(key, wire);
    // IPv4 unicast: padded to five bytes, host bits cleared.
    canonical(Family::IPV4_UNICAST, &[23, 198, 51, 101], &mut key);
    assert_eq!(key, [23, 198, 51, 100, 0]);
}
