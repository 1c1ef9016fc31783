//! Arbitrary bytes into every decoder, built-in and fallback: no panic, and no allocation
//! larger than the input.

use std::io::Write;

use proptest::prelude::*;
use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Family, Registry, Safi, DEFAULT_FAMILIES};

/// Every family a built-in decoder lists, plus one nobody decodes (the opaque fallback).
fn families() -> Vec<Family> {
    let mut f: Vec<Family> = DEFAULT_FAMILIES
        .iter()
        .flat_map(|d| d.families().iter().copied())
        .collect();
    f.push(Family::new(Afi(3), Safi(77)));
    f
}

/// Splits and decodes everything in `wire`, printing each NLRI to a sink; returns how many
/// NLRI and errors were seen.
fn exercise(registry: &Registry, family: Family, wire: &[u8], ctx: &DecodeContext) -> usize {
    let mut seen = 0;
    let mut sink = std::io::sink();
    for n in registry.iter(family, Cursor::with_base(wire, 7), ctx) {
        seen += 1;
        if let Ok(n) = n {
            assert!(n.offset() >= 7 && n.offset() - 7 + n.wire().len() <= wire.len());
            // The fast prefix path agrees with the full decode.
            assert_eq!(
                n.prefix(),
                n.decode().ok().and_then(|d| d.prefix()),
                "{n:?}"
            );
            let _ = n.decode();
            let _ = write!(sink, "{n} {n:?}");
        }
    }
    // Decoding bytes that did not come from `split` must not panic either, and the fast
    // prefix path agrees with the full decode on them too.
    let decoder = registry.decoder(family);
    assert_eq!(
        decoder.prefix(family, wire, 0, ctx),
        decoder
            .decode(family, wire, 0, ctx)
            .ok()
            .and_then(|d| d.prefix()),
        "{family} {wire:02x?}"
    );
    if let Ok(d) = decoder.decode(family, wire, 0, ctx) {
        let _ = write!(sink, "{d} {d:?}");
    }
    seen
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_nor_allocate(
        wire in proptest::collection::vec(any::<u8>(), 0..300),
        family_index in 0usize..64,
        add_path in any::<bool>(),
        max_labels in 1u8..4,
    ) {
        let registry = Registry::default();
        let fams = families();
        let family = fams[family_index % fams.len()];
        let ctx = DecodeContext::default()
            .with_add_path_all(add_path)
            .with_max_labels(max_labels);
        let mut seen = 0;
        let info = allocation_counter::measure(|| {
            seen = exercise(&registry, family, &wire, &ctx);
        });
        prop_assert!(seen <= wire.len());
        prop_assert!(info.bytes_total <= wire.len() as u64, "{family}: {info:?}");
        prop_assert_eq!(info.count_total, 0, "{}: {:?}", family, info);
    }

    #[test]
    fn structured_prefixes_of_every_family_never_panic(
        lead in proptest::collection::vec(0u8..=255, 1..4),
        tail in proptest::collection::vec(any::<u8>(), 0..40),
        family_index in 0usize..64,
    ) {
        // A plausible first octet or two (lengths, route types) followed by random bytes hits
        // the field decoders rather than the framing.
        let registry = Registry::default();
        let fams = families();
        let family = fams[family_index % fams.len()];
        let mut wire = lead;
        wire.extend(tail);
        exercise(&registry, family, &wire, &DecodeContext::default());
    }
}

/// Every prefix length of IPv4 and IPv6 unicast and multicast, with octets of several
/// patterns: the fast prefix path gives the full decode's prefix, host bits cleared.
#[test]
fn prefix_path_agrees_on_every_length() {
    let registry = Registry::BUILTIN;
    let ctx = DecodeContext::default();
    let families = [
        (Family::IPV4_UNICAST, 32u8),
        (Family::IPV4_MULTICAST, 32),
        (Family::IPV6_UNICAST, 128),
        (Family::IPV6_MULTICAST, 128),
    ];
    let patterns: [fn(usize) -> u8; 3] =
        [|_| 0xff, |i| 0xa5 ^ i as u8, |i| (i as u8).wrapping_mul(37)];
    for (family, max) in families {
        let decoder = registry.decoder(family);
        for len in 0..=max {
            for pattern in patterns {
                let mut wire = vec![len];
                wire.extend((0..usize::from(len).div_ceil(8)).map(pattern));
                let fast = decoder.prefix(family, &wire, 0, &ctx);
                let full = decoder
                    .decode(family, &wire, 0, &ctx)
                    .ok()
                    .and_then(|d| d.prefix());
                assert!(fast.is_some(), "{family} {wire:02x?}");
                assert_eq!(fast, full, "{family} {wire:02x?}");
                // One octet too few or too many: no prefix.
                let mut long = wire.clone();
                long.push(0);
                assert_eq!(decoder.prefix(family, &long, 0, &ctx), None);
                if len > 0 {
                    assert_eq!(
                        decoder.prefix(family, &wire[..wire.len() - 1], 0, &ctx),
                        None
                    );
                }
            }
        }
    }
}
