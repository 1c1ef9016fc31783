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
