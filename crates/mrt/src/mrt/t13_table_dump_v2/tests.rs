//! PEER_INDEX_TABLE and RIB record parsing.

use ribcage_buffer::Cursor;

use super::*;

/// Collector 10.0.0.1, view "v", two peers: IPv4 2-byte AS 65001, IPv6 4-byte AS 4200000000.
fn peer_table() -> Vec<u8> {
    let mut b = vec![10, 0, 0, 1, 0, 1, b'v', 0, 2];
    b.extend_from_slice(&[0, 1, 1, 1, 1, 192, 0, 2, 1, 0xfd, 0xe9]);
    b.push(3);
    b.extend_from_slice(&[2, 2, 2, 2]);
    b.extend_from_slice(&[0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    b.extend_from_slice(&4_200_000_000u32.to_be_bytes());
    b
}

#[test]
fn parses_the_peer_table() {
    let t = PeerTable::parse(Cursor::new(&peer_table())).unwrap();
    assert_eq!(t.view_name, b"v");
    assert_eq!(t.peers.len(), 2);
    assert_eq!(t.peers[0].ip.to_string(), "192.0.2.1");
    assert_eq!(t.peers[0].asn, 65001);
    assert_eq!(t.peers[1].ip.to_string(), "2001:db8::1");
    assert_eq!(t.peers[1].asn, 4_200_000_000);
    assert_eq!(
        t.peer(2, 9).unwrap_err(),
        Error::PeerIndex {
            index: 2,
            peers: 2,
            offset: 9
        }
    );
}

#[test]
fn a_huge_peer_count_does_not_allocate_it() {
    let mut b = peer_table();
    b[7] = 0xff;
    b[8] = 0xff;
    assert!(matches!(
        PeerTable::parse(Cursor::new(&b)).unwrap_err(),
        Error::Truncated { .. }
    ));
}

/// RIB_IPV4_UNICAST(_ADDPATH) body: seq 5, 10.2.0.0/16, two entries.
fn rib(add_path: bool) -> Vec<u8> {
    let mut b = vec![0, 0, 0, 5, 16, 10, 2, 0, 2];
    for (peer, id) in [(0u16, 7u32), (1, 9)] {
        b.extend_from_slice(&peer.to_be_bytes());
        b.extend_from_slice(&[0, 0, 0, 42]);
        if add_path {
            b.extend_from_slice(&id.to_be_bytes());
        }
        b.extend_from_slice(&[0, 4, 0x40, 1, 1, 2]);
    }
    b
}

#[test]
fn parses_rib_entries_with_and_without_path_ids() {
    let reg = Registry::default();
    for (st, add_path) in [
        (TableDumpV2Subtype::RIB_IPV4_UNICAST, false),
        (TableDumpV2Subtype::RIB_IPV4_UNICAST_ADDPATH, true),
    ] {
        let body = rib(add_path);
        let r = Rib::parse(st, Cursor::with_base(&body, 50), &reg).unwrap();
        assert_eq!(r.sequence, 5);
        assert_eq!(r.family, Family::IPV4_UNICAST);
        assert_eq!(r.nlri, &[16, 10, 2]);
        assert_eq!(r.nlri_offset, 54);
        assert_eq!(r.add_path, add_path);
        assert_eq!(r.context().add_path(Family::IPV4_UNICAST), add_path);
        let entries: Vec<_> = r.entries().map(Result::unwrap).collect();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].peer_index, 1);
        assert_eq!(entries[1].originated, 42);
        assert_eq!(entries[1].path_id, add_path.then_some(9));
        assert_eq!(entries[1].attributes.rest(), &[0x40, 1, 1, 2]);
    }
}

#[test]
fn rib_generic_reads_afi_safi() {
    // RIB_GENERIC: seq, AFI 2, SAFI 1, 2001:db8::/32, no entries.
    let body = [0, 0, 0, 1, 0, 2, 1, 32, 0x20, 1, 0x0d, 0xb8, 0, 0];
    let r = Rib::parse(
        TableDumpV2Subtype::RIB_GENERIC,
        Cursor::new(&body),
        &Registry::default(),
    )
    .unwrap();
    assert_eq!(r.family, Family::IPV6_UNICAST);
    assert_eq!(r.entries().count(), 0);
}

#[test]
fn truncated_entries_stop_with_an_error() {
    let mut body = rib(false);
    body.truncate(body.len() - 2);
    let r = Rib::parse(
        TableDumpV2Subtype::RIB_IPV4_UNICAST,
        Cursor::new(&body),
        &Registry::default(),
    )
    .unwrap();
    let got: Vec<_> = r.entries().collect();
    assert_eq!(got.len(), 2);
    assert!(got[0].is_ok());
    assert!(matches!(got[1], Err(Error::Truncated { .. })));
}

#[test]
fn prefix_too_long_is_an_error() {
    let mut body = rib(false);
    body[4] = 33;
    assert!(matches!(
        Rib::parse(
            TableDumpV2Subtype::RIB_IPV4_UNICAST,
            Cursor::new(&body),
            &Registry::default()
        ),
        Err(Error::Nlri(_) | Error::PrefixLength { .. })
    ));
}

#[test]
fn ip_prefixes_split_as_the_registry_splits_them() {
    // Every length up to one past the maximum, with every number of octets up to one more than
    // the length needs: where the shortcut splits, the registry splits the same bytes.
    let reg = Registry::default();
    let mut shortcut = 0;
    for family in [
        Family::IPV4_UNICAST,
        Family::IPV4_MULTICAST,
        Family::IPV6_UNICAST,
        Family::IPV6_MULTICAST,
    ] {
        let max: u8 = if family.afi == Afi::IPV4 { 32 } else { 128 };
        for len in 0..=max + 1 {
            for octets in 0..=usize::from(len).div_ceil(8) + 1 {
                let mut data = vec![len];
                data.extend((0..octets).map(|i| 0xa0 | i as u8));
                let split = Rib::split_nlri(family, Cursor::new(&data), &reg);
                match ip_prefix(family, &data) {
                    Some(nlri) => {
                        assert_eq!(split, Ok(nlri), "{family:?} /{len} {octets}");
                        shortcut += 1;
                    }
                    None => assert!(split.is_err(), "{family:?} /{len} {octets}"),
                }
            }
        }
    }
    assert_eq!(shortcut, 2 * (33 * 2 + 129 * 2));
    // Other families go to the registry.
    assert_eq!(ip_prefix(Family::new(Afi::IPV4, Safi(128)), &[0, 0]), None);
}
