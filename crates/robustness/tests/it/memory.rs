//! Adversarial memory: a stream of UPDATEs in which every attribute set, AS path, route
//! distinguisher and label stack is unique keeps every `Lru`-bounded pool at its capacity and the
//! heap within a stated bound; length fields that claim more than their record holds never make
//! a decoder allocate more than the record.
//!
//! The bound (asserted below): with every pool `Lru { capacity: C }` and nothing held by the
//! caller, the heap the pools hold is at most `C × (ENTRY_OVERHEAD_BYTES + value length)` per
//! pool plus its fixed tables, and the whole stream's live heap never exceeds the heap after the
//! first `C` UPDATEs by more than a few KiB, however long the stream.

use std::hint::black_box;

use ribcage_attributes::{AttributeCache, CacheConfig, Update};
use ribcage_buffer::{Cursor, MessageReader, MrtReader, View};
use ribcage_intern::{Policy, ENTRY_OVERHEAD_BYTES};
use ribcage_mrt::{Decoder, Element, MrtType, Records};
use ribcage_nlri::{DecodeContext, FieldPolicies, NlriPools, Registry};
use ribcage_robustness::targets::mrt_wire;

/// LRU capacity of every pool.
const CAPACITY: usize = 4096;

/// UPDATEs in the stream; each carries four unique values (attribute set, AS path, route
/// distinguisher, label stack), so 10 million unique values in all.
const UPDATES: u32 = 2_500_000;

/// Writes UPDATE body number `i` into `out`: ORIGIN, a unique AS_PATH, a unique COMMUNITIES
/// value, and an MP_REACH_NLRI with one VPNv4 route whose two-label stack and route
/// distinguisher are unique (RFC 4271 §4.3, RFC 4760 §3, RFC 8277 §2, RFC 4364 §4.3.4).
fn update_body(i: u32, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(&[0, 0]); // no withdrawn routes
    let attrs_len_at = out.len();
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&[0x40, 1, 1, 0]); // ORIGIN IGP
    out.extend_from_slice(&[0x40, 2, 10, 2, 2]); // AS_PATH: AS_SEQUENCE of two 4-byte ASNs
    out.extend_from_slice(&65000u32.to_be_bytes());
    // AS 0 is malformed (RFC 7607), so the unique AS number starts at 1.
    out.extend_from_slice(&(i + 1).to_be_bytes());
    out.extend_from_slice(&[0xc0, 8, 4]); // COMMUNITIES
    out.extend_from_slice(&i.rotate_left(16).to_be_bytes());
    // MP_REACH_NLRI: AFI 1, SAFI 128, next hop RD 0 + 192.0.2.1, one NLRI.
    let nlri_bits: u8 = 48 + 64 + 24;
    out.extend_from_slice(&[0x80, 14, 5 + 12 + 1 + 17, 0, 1, 128, 12]);
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&[192, 0, 2, 1, 0, nlri_bits]);
    // Two labels: the first unique in its high 20 bits, the second (bottom of stack) in
    // another 20, so the stack is unique for 2^40 routes. The first has a traffic class bit
    // set, so it is never a withdrawal's 0x000000 or 0x800000 (RFC 8277 §2.4).
    let l1 = ((i & 0xfffff) << 4) | 2;
    let l2 = ((i >> 20) << 4) | 1;
    out.extend_from_slice(&l1.to_be_bytes()[1..]);
    out.extend_from_slice(&l2.to_be_bytes()[1..]);
    out.extend_from_slice(&[0, 0]); // RD type 0: admin 65001, assigned i
    out.extend_from_slice(&65001u16.to_be_bytes());
    out.extend_from_slice(&i.to_be_bytes());
    out.extend_from_slice(&[10, (i >> 8) as u8, i as u8]);
    let attrs_len = (out.len() - attrs_len_at - 2) as u16;
    out[attrs_len_at..attrs_len_at + 2].copy_from_slice(&attrs_len.to_be_bytes());
}

#[test]
fn ten_million_unique_values_keep_every_lru_pool_at_capacity() {
    let lru = Policy::Lru { capacity: CAPACITY };
    let cache = AttributeCache::new(CacheConfig {
        enabled: true,
        sets: lru,
        as_path: lru,
        communities: lru,
        large_communities: lru,
        extended_communities: lru,
        cluster_list: lru,
    });
    let pools = NlriPools::new(FieldPolicies::all(lru));
    let registry = Registry::BUILTIN;
    let ctx = DecodeContext::default().with_max_labels(2);
    let mut body = Vec::with_capacity(128);
    let mut routes = 0u64;
    let mut step = |i: u32, body: &mut Vec<u8>| {
        update_body(i, body);
        let u = Update::parse(body, 0, &ctx, &registry).expect("a well-formed UPDATE");
        debug_assert!(
            u.outcome().is_clean(),
            "{:?}",
            u.problems().collect::<Vec<_>>()
        );
        black_box(cache.intern_set(u.path_attributes()));
        black_box(cache.intern_as_path(&u.merged_as_path().unwrap()));
        black_box(cache.intern_communities(&u.communities().unwrap().unwrap()));
        for n in u.all_announced() {
            let n = n.unwrap();
            let d = n.decode().unwrap();
            black_box(pools.route_distinguisher(d.rd().unwrap()));
            black_box(pools.label_stack(d.labels().unwrap()));
            black_box(pools.hold(n.wire()));
            routes += 1;
        }
    };
    // Fill every pool, then measure the rest of the stream.
    for i in 0..CAPACITY as u32 {
        step(i, &mut body);
    }
    // Warm-up: the first evictions settle each pool's table and slab at their final size.
    let warm = allocation_counter::measure(|| {
        for i in CAPACITY as u32..UPDATES / 10 {
            step(i, &mut body);
        }
    });
    let info = allocation_counter::measure(|| {
        for i in UPDATES / 10..UPDATES {
            step(i, &mut body);
        }
    });
    eprintln!("warm-up: {warm:?}\nsteady: {info:?}");
    assert_eq!(routes, u64::from(UPDATES));
    let stats = cache.stats();
    let pools_stats = [
        ("sets", stats.sets, 80),
        ("as_path", stats.as_path, 16),
        ("communities", stats.communities, 4),
        (
            "route_distinguishers",
            pools.route_distinguishers.stats(),
            8,
        ),
        ("labels", pools.labels.stats(), 6),
        ("nlri", pools.nlri.stats(), 18),
    ];
    for (name, st, value_len) in pools_stats {
        assert_eq!(st.live_entries, CAPACITY as u64, "{name}: {st:?}");
        assert_eq!(
            st.misses,
            u64::from(UPDATES),
            "{name}: every value unique: {st:?}"
        );
        assert_eq!(
            st.evictions,
            u64::from(UPDATES) - CAPACITY as u64,
            "{name}: {st:?}"
        );
        let bound = CAPACITY * (ENTRY_OVERHEAD_BYTES + value_len) + 64 * 1024;
        assert!(
            (st.heap_bytes as usize) < bound,
            "{name}: {} heap bytes over the bound {bound}",
            st.heap_bytes
        );
    }
    // The warm-up grows the pools' tables once (by a few hundred KiB in all); past it, every
    // allocation is freed again (each new entry evicts one) and the peak stays within a few
    // entries of the start, however long the stream.
    assert!(
        warm.bytes_current < 1 << 20,
        "warm-up grew the heap by {} bytes",
        warm.bytes_current
    );
    assert!(
        info.bytes_current.unsigned_abs() < 64 * 1024,
        "heap grew by {} bytes over the stream",
        info.bytes_current
    );
    assert!(
        info.bytes_max < 64 * 1024,
        "heap peaked {} bytes above its level at capacity",
        info.bytes_max
    );
}

/// Everything a reader of the record would decode (no text formatting, no caches): framing,
/// the record body, every element, every attribute and every NLRI.
fn decode_everything(wire: &[u8]) {
    let view = View::from(wire.to_vec());
    let registry = Registry::BUILTIN;
    let mut decoder = Decoder::new();
    let mut records = Vec::new();
    let info = allocation_counter::measure(|| {
        for r in Records::new(view.clone()) {
            records.push(r);
        }
    });
    assert!(
        (info.bytes_max as usize) <= 256 + wire.len().max(64) * 2,
        "framing {} bytes allocated {} bytes",
        wire.len(),
        info.bytes_max
    );
    for r in records.into_iter().flatten() {
        let info = allocation_counter::measure(|| {
            let Ok(elements) = decoder.elements(&r) else {
                return;
            };
            for el in elements {
                if let Ok(Element::Route(route)) = el {
                    let attrs = route.path_attributes(&registry);
                    for a in attrs.iter() {
                        black_box(a.is_ok());
                    }
                    black_box(attrs.problems(true, false).count());
                    if let ribcage_mrt::RouteNlri::Wire(n) = route.nlri {
                        black_box(n.decode().is_ok());
                    }
                }
            }
        });
        // A peer table keeps its peers (up to 3 bytes of struct per wire byte); nothing else
        // keeps anything.
        assert!(
            (info.bytes_max as usize) <= 3 * wire.len() + 64,
            "record of {} bytes allocated {} bytes",
            wire.len(),
            info.bytes_max
        );
    }
}

#[test]
fn length_fields_claiming_more_than_the_record_allocate_nothing_beyond_it() {
    // PEER_INDEX_TABLE claiming 65535 peers and a 65535-byte view name, with neither present.
    let mut peers = vec![192, 0, 2, 1, 0xff, 0xff];
    decode_everything(&mrt_wire(MrtType::TABLE_DUMP_V2, 1, &peers));
    peers = vec![192, 0, 2, 1, 0, 0, 0xff, 0xff, 0];
    decode_everything(&mrt_wire(MrtType::TABLE_DUMP_V2, 1, &peers));
    // RIB_IPV4_UNICAST after a one-peer table: 65535 entries claimed, then an entry whose
    // attribute length claims 65535 bytes.
    let table = mrt_wire(
        MrtType::TABLE_DUMP_V2,
        1,
        &[
            192, 0, 2, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 10, 0, 0, 1, 0xfd, 0xe8,
        ],
    );
    let rib = [
        &[0, 0, 0, 1, 24, 10, 1, 2, 0xff, 0xff][..],
        &[0, 0, 0x5f, 0x00, 0x00, 0x01, 0xff, 0xff, 0x40, 1, 1],
    ];
    for body in rib {
        let mut wire = table.clone();
        wire.extend(mrt_wire(MrtType::TABLE_DUMP_V2, 2, body));
        decode_everything(&wire);
    }
    // BGP4MP MESSAGE_AS4 whose BGP message claims 65535 bytes; whose UPDATE claims 65535 bytes
    // of withdrawn routes; whose attribute claims 65535 bytes (extended length); whose AS_PATH
    // segment claims 255 ASNs; whose MP_REACH_NLRI claims a 255-byte next hop; whose NLRI
    // claims a 255-bit prefix.
    let peering = [
        0, 0, 0xfd, 0xe8, 0, 0, 0xfd, 0xe9, 0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2,
    ];
    let bgp = |len: u16, body: &[u8]| -> Vec<u8> {
        let mut m = vec![0xff; 16];
        m.extend_from_slice(&len.to_be_bytes());
        m.push(2);
        m.extend_from_slice(body);
        m
    };
    let bodies: [Vec<u8>; 6] = [
        bgp(65535, &[0, 0, 0, 0]),
        bgp(23 + 4, &[0xff, 0xff, 0, 0]),
        bgp(23 + 6, &[0, 0, 0, 4, 0x50, 2, 0xff, 0xff]),
        bgp(23 + 9, &[0, 0, 0, 7, 0x40, 2, 4, 2, 255, 0, 0]),
        bgp(23 + 11, &[0, 0, 0, 9, 0x80, 14, 6, 0, 1, 1, 255, 0, 0, 24]),
        bgp(23 + 9, &[0, 0, 0, 4, 0x40, 1, 1, 0, 255, 10, 0]),
    ];
    for b in &bodies {
        let body = [&peering[..], b].concat();
        decode_everything(&mrt_wire(MrtType::BGP4MP, 4, &body));
        // The same UPDATE body parsed directly allocates nothing.
        let upd = &b[19..];
        let ctx = DecodeContext::default();
        let registry = Registry::BUILTIN;
        let info = allocation_counter::measure(|| {
            if let Ok(u) = Update::parse(upd, 0, &ctx, &registry) {
                black_box(u.problems().count());
                for n in u.all_announced().chain(u.all_withdrawn()) {
                    black_box(n.map(|n| n.decode().is_ok()).is_ok());
                }
                for a in u.attributes() {
                    black_box(a.is_ok());
                }
            }
        });
        assert_eq!(info.bytes_total, 0, "UPDATE parsing allocated: {info:?}");
    }
}

#[test]
fn stream_readers_do_not_buffer_what_a_length_field_only_claims() {
    // An MRT header claiming 16 MiB - 1 with 100 bytes behind it; one claiming 4 GiB.
    for claim in [(16u32 << 20) - 1, u32::MAX] {
        let mut data = vec![0, 0, 0, 1, 0, 16, 0, 4];
        data.extend_from_slice(&claim.to_be_bytes());
        data.extend_from_slice(&[0; 100]);
        let info = allocation_counter::measure(|| {
            let r: Vec<_> = MrtReader::new(&data[..]).collect();
            assert!(r.last().is_some_and(Result::is_err));
        });
        assert!(
            info.bytes_max < 160 * 1024,
            "claim {claim}: MrtReader peaked at {} bytes",
            info.bytes_max
        );
    }
    // A BGP header claiming 65535 bytes (extended messages on) with 30 bytes behind it.
    let mut msg = vec![0xff; 16];
    msg.extend_from_slice(&[0xff, 0xff, 2]);
    msg.extend_from_slice(&[0; 30]);
    let info = allocation_counter::measure(|| {
        let r: Vec<_> = MessageReader::new(&msg[..])
            .with_extended_messages(true)
            .collect();
        assert!(r.last().is_some_and(Result::is_err));
    });
    assert!(
        info.bytes_max < 160 * 1024,
        "MessageReader peaked at {} bytes",
        info.bytes_max
    );
    // In memory, a cursor never allocates.
    let info = allocation_counter::measure(|| {
        let mut c = Cursor::new(&msg);
        black_box(c.take_slice(65535).is_err());
    });
    assert_eq!(info.bytes_total, 0);
}
