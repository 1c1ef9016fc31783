//! Unit tests: policy parsing, attribute set encoding, route tables and NLRI stores.

use crate::attrs::{AttrStore, SetHeader};
use crate::config::{FieldMode, InternConfig};
use crate::nlri_store::{canonical, NlriStore};
use crate::table::{PackedIds, RouteTable};
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
    let c: InternConfig = "all,-labels".parse().unwrap();
    assert!(!c.labels && c.rd && c.sets);
    assert_eq!(c.to_string().parse::<InternConfig>().unwrap(), c);
    assert!(!c.to_string().contains("labels"));
    assert!(!off.labels && InternConfig::all().labels);
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

#[test]
fn packed_ids_widen_and_keep_free_slots() {
    let mut col = PackedIds::default();
    col.resize(5);
    assert_eq!(col.width(), 1);
    assert!((0..5).all(|i| col.get(i) == Some(u32::MAX)));
    col.set(0, 254);
    assert_eq!(col.width(), 1);
    // 255 is one byte's free pattern: it needs two bytes.
    col.set(1, 255);
    assert_eq!(col.width(), 2);
    col.set(2, 70_000);
    assert_eq!(col.width(), 3);
    col.set(3, u32::MAX - 1);
    assert_eq!(col.width(), 4);
    let want = [254, 255, 70_000, u32::MAX - 1, u32::MAX];
    assert_eq!(
        (0..5).map(|i| col.get(i).unwrap()).collect::<Vec<_>>(),
        want
    );
    assert_eq!(col.get(5), None);
    col.set(1, u32::MAX);
    assert_eq!(col.get(1), Some(u32::MAX));
    col.resize(2);
    col.trim_free();
    assert_eq!(col.len(), 1);
}

#[test]
fn dense_tables_renumber_and_stay_narrow() {
    let universe = 600;
    let mut t = RouteTable::<[u32; 2]>::new();
    for i in 0..universe as u32 {
        t.insert(i, None, [i % 300, i % 7], universe);
    }
    t.insert(3, Some(9), [1, 2], universe);
    // Set ids below 65,535 and label ids below 255: 2 + 1 bytes a slot.
    assert_eq!(t.dense_width(), Some(3));
    let before = t.entries();
    // Reverse the ids.
    let new_id: Vec<u32> = (0..universe as u32).rev().collect();
    t.renumber(&new_id, universe);
    let mut want: Vec<_> = before
        .iter()
        .map(|&(n, p, v)| (new_id[n as usize], p, v))
        .collect();
    want.sort_unstable_by_key(|&(n, p, _)| (n, p));
    assert_eq!(t.entries(), want);
    assert_eq!(t.get(universe as u32 - 1 - 3), Some([3, 3]));
    assert_eq!(t.get_paths(universe as u32 - 1 - 3), [(9, [1, 2])]);
    assert_eq!(t.dense_width(), Some(3));
    // A set id past 65,534 widens that column only.
    t.insert(0, None, [100_000, 1], universe);
    assert_eq!(t.dense_width(), Some(4));
    assert_eq!(t.get(0), Some([100_000, 1]));
}

/// Canonical keys of `wires` in `family`.
fn keys(family: Family, wires: &[&[u8]]) -> Vec<Vec<u8>> {
    wires
        .iter()
        .map(|w| {
            let mut k = Vec::new();
            canonical(family, w, &mut k);
            k
        })
        .collect()
}

/// Interns `keys`, compacts, and checks every key keeps its bytes and is found under its new
/// id; returns the store.
fn compacted(mut store: NlriStore, keys: &[Vec<u8>]) -> NlriStore {
    let ids: Vec<u32> = keys.iter().map(|k| store.intern(k).unwrap()).collect();
    let wires: Vec<Vec<u8>> = ids.iter().map(|&id| store.wire(id).into_owned()).collect();
    let len = store.len();
    let new_id = store.compact().unwrap();
    assert_eq!(store.len(), len);
    let mut seen = std::collections::HashSet::new();
    for ((k, &old), wire) in keys.iter().zip(&ids).zip(&wires) {
        let id = new_id[old as usize];
        assert!(id < len as u32);
        assert_eq!(&*store.wire(id), &wire[..], "{k:?}");
        assert_eq!(store.find(k), Some(id), "{k:?}");
        assert_eq!(store.intern(k), Some(id), "{k:?}");
        seen.insert(id);
    }
    assert_eq!(seen.len(), len, "ids stay distinct");
    assert_eq!(store.len(), len, "nothing stored twice");
    store
}

#[test]
fn nlri_stores_compact_without_losing_a_key() {
    // IPv4 unicast: /0, /8, /24 (host bits set), /32.
    let v4: [&[u8]; 5] = [
        &[24, 198, 51, 100],
        &[0],
        &[8, 10],
        &[24, 192, 0, 2],
        &[32, 192, 0, 2, 7],
    ];
    let k = keys(Family::IPV4_UNICAST, &v4);
    let mut s = compacted(NlriStore::new(Family::IPV4_UNICAST, true), &k);
    // Sorted by length, then address.
    let order: Vec<Vec<u8>> = (0..5).map(|id| s.wire(id).into_owned()).collect();
    assert_eq!(
        order,
        [
            vec![0],
            vec![8, 10],
            vec![24, 192, 0, 2],
            vec![24, 198, 51, 100],
            vec![32, 192, 0, 2, 7]
        ]
    );
    // New NLRI after compaction go to the tail; a second compaction merges them in.
    let more = keys(Family::IPV4_UNICAST, &[&[16, 172, 16], &[24, 192, 0, 1]]);
    assert_eq!(s.intern(&more[0]), Some(5));
    let all: Vec<Vec<u8>> = k.iter().chain(&more).cloned().collect();
    compacted(s, &all);

    // VPNv4 with and without RD interning, plus a key too short to hold an RD (kept in the
    // tail, after the sorted part).
    let rd1 = [0, 0, 0xfd, 0xe8, 0, 0, 0, 1];
    let rd2 = [0, 0, 0xfd, 0xe8, 0, 0, 0, 2];
    let vpn = |rd: &[u8], prefix: &[u8], bits: u8| {
        [&[24 + 64 + bits, 0x00, 0x3e, 0x81][..], rd, prefix].concat()
    };
    let wires = [
        vpn(&rd2, &[192, 0, 2], 24),
        vpn(&rd1, &[192, 0, 2], 24),
        vpn(&rd1, &[10], 8),
        vpn(&rd1, &[192, 0, 2, 128], 25),
        vec![40, 0x00, 0x3e, 0x81, 7, 7],
    ];
    let wires: Vec<&[u8]> = wires.iter().map(|w| &w[..]).collect();
    let k = keys(Family::IPV4_MPLS_VPN, &wires);
    let s = compacted(NlriStore::new(Family::IPV4_MPLS_VPN, true), &k);
    assert_eq!(
        &*s.wire(4),
        &k[4][..],
        "the short key follows the sorted part"
    );
    // Without RD interning every key is sorted as one prefix, RD included.
    compacted(NlriStore::new(Family::IPV4_MPLS_VPN, false), &k);

    // IPv6 unicast.
    let v6: [&[u8]; 3] = [
        &[64, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 1],
        &[32, 0x20, 1, 0xd, 0xb8],
        &[128; 17],
    ];
    compacted(
        NlriStore::new(Family::IPV6_UNICAST, true),
        &keys(Family::IPV6_UNICAST, &v6),
    );

    // Families whose NLRI are not prefixes stay in the tail: nothing to compact.
    let mut evpn = NlriStore::new(Family::L2VPN_EVPN, true);
    evpn.intern(&[3, 17, 0, 0, 0, 1, 0, 0, 0, 0]).unwrap();
    assert_eq!(evpn.compact(), None);
}
