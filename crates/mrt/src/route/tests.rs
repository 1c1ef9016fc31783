//! The block interner's own pieces: the inline byte comparison, the block hash, and ids that
//! tell decode contexts and peers apart.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};

use ribcage_buffer::Cursor;
use ribcage_nlri::{Family, Prefix};

use super::*;

/// `n` bytes that differ from position to position.
fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 37 + 11) as u8).collect()
}

#[test]
fn same_bytes_sees_every_differing_byte() {
    for n in 0..80 {
        let a = pattern(n);
        assert!(same_bytes(&a, &a.clone()), "{n}");
        for i in 0..n {
            let mut b = a.clone();
            b[i] ^= 0x80;
            assert!(!same_bytes(&a, &b), "length {n}, byte {i}");
        }
        let longer = pattern(n + 1);
        assert!(!same_bytes(&a, &longer), "{n}");
    }
}

#[test]
fn block_hash_spreads_blocks_and_prefixes() {
    // Every block of one to 64 bytes that differs from the pattern in one bit, under two
    // prefixes: all hashes distinct (a broken mix collides at once), top 7 bits well spread.
    let mut hashes = HashSet::new();
    let mut tags = HashSet::new();
    let mut total = 0;
    for n in 0..=64 {
        let a = pattern(n);
        for prefix in [0x0001_0004, 0x0001_0005] {
            for bit in 0..=n * 8 {
                let mut b = a.clone();
                if bit < n * 8 {
                    b[bit / 8] ^= 1 << (bit % 8);
                }
                let h = block_hash(prefix, &b);
                hashes.insert(h);
                tags.insert(h >> 57);
                total += 1;
            }
        }
    }
    assert_eq!(hashes.len(), total);
    assert_eq!(tags.len(), 128);
}

/// A RIB route of `peer` (AS `asn`) over `attrs`; `four_byte_as` picks the context.
fn route(attrs: &[u8], base: usize, peer: u8, asn: u32, four_byte_as: bool) -> Route<'_> {
    let prefix = Prefix::new(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 0)), 8).unwrap();
    Route {
        timestamp: 0,
        microseconds: None,
        peer_ip: IpAddr::V4(Ipv4Addr::new(192, 0, 2, peer)),
        peer_as: asn,
        action: Action::Rib,
        family: Family::IPV4_UNICAST,
        nlri: RouteNlri::Prefix(prefix),
        path_id: None,
        next_hop: NextHopAt::RibAttributes,
        attributes: Cursor::with_base(attrs, base),
        context: static_context(four_byte_as, false),
        originated: None,
    }
}

#[test]
fn ids_follow_bytes_and_context_across_peers() {
    // ORIGIN IGP, AS_PATH of one 2-byte AS; the same bytes again elsewhere in the input.
    let a: &[u8] = &[0x40, 1, 1, 0, 0x40, 2, 4, 2, 1, 0xfd, 0xe8];
    let copy = a.to_vec();
    let b: &[u8] = &[0x40, 1, 1, 2];
    let mut sets = SetInterner::new();
    let first = sets.block(&route(a, 0, 1, 65000, false));
    // The same bytes at another address and offset, from another peer: the same id.
    assert_eq!(sets.block(&route(&copy, 100, 2, 65001, false)), first);
    // The peer's next block differs: a new id, and the peer's memory moves on.
    let other = sets.block(&route(b, 200, 1, 65000, false));
    assert_ne!(other, first);
    assert_eq!(sets.block(&route(a, 300, 1, 65000, false)), first);
    // The same bytes read with 4-byte AS numbers are another block.
    let wide = sets.block(&route(a, 400, 1, 65000, true));
    assert_ne!(wide, first);
    assert_eq!(sets.block_bytes(wide), a);
    assert_eq!(sets.raw_blocks(), 3);
    assert_eq!(sets.lookups(), 5);
    // The same bytes and context in an UPDATE (not a RIB entry), and back: apart.
    let mut update = route(a, 450, 1, 65000, false);
    update.action = Action::Announce;
    let announced = sets.block(&update);
    assert_ne!(announced, first);
    assert_eq!(sets.block(&route(a, 460, 1, 65000, false)), first);
    // An IPv6 RIB entry: its abbreviated MP_REACH_NLRI reads differently.
    let mut v6 = route(a, 470, 1, 65000, false);
    v6.family = Family::IPV6_UNICAST;
    assert_ne!(sets.block(&v6), first);
    assert_eq!(sets.raw_blocks(), 5);
    // Two peers sharing a slot of the per-peer memory only miss it.
    for peer in 0..=255 {
        assert_eq!(
            sets.block(&route(b, 500 + usize::from(peer), peer, 7, false)),
            other
        );
    }
    assert_eq!(sets.raw_blocks(), 5);
}

#[test]
fn keys_move_to_the_heap_when_the_map_is_full() {
    // A map of 32 bytes: the first key fits, the second does not and moves every key to the
    // heap, where both stay at their offsets.
    let mut keys = Keys {
        map: memmap2::MmapMut::map_anon(32).ok(),
        tried: true,
        advised: true,
        heap: Vec::new(),
        len: 0,
    };
    assert!(keys.map.is_some());
    let a = keys.push(12, [b"abcd", b"efgh", b"ijkl"]);
    assert_eq!((a, keys.bytes()), (0, &b"abcdefghijkl"[..]));
    let b = keys.push(24, [&[1; 8], &[2; 4], &[3; 12]]);
    assert!(keys.map.is_none());
    assert_eq!(b, 12);
    assert_eq!(&keys.bytes()[..12], b"abcdefghijkl");
    assert_eq!(
        &keys.bytes()[12..],
        &[[1; 8].as_slice(), &[2; 4], &[3; 12]].concat()[..]
    );
    // Without a map from the start, the heap holds them.
    let mut heap = Keys {
        tried: true,
        ..Keys::default()
    };
    assert_eq!(heap.push(3, [b"a", b"b", b"c"]), 0);
    assert_eq!(heap.push(3, [b"d", b"e", b"f"]), 3);
    assert_eq!(heap.bytes(), b"abcdef");
    heap.clear();
    assert_eq!(heap.push(1, [b"z", b"", b""]), 0);
    assert_eq!(heap.bytes(), b"z");
}
