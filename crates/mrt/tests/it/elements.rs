//! Route elements over the RIS captures: counts agree with bgpdump's line counts, contexts come
//! from the subtype.

use ribcage_buffer::View;
use ribcage_mrt::{Action, Decoder, Element, Records};

use crate::{gunzip, ris, RIS_FILES};

#[test]
fn element_counts_match_bgpdump_line_counts() {
    for name in RIS_FILES {
        let mut decoder = Decoder::new();
        let mut n = 0usize;
        let mut errors = 0usize;
        for rec in Records::new(View::from(ris(name))) {
            let rec = rec.expect("frames");
            match decoder.elements(&rec) {
                Ok(els) => {
                    for e in els {
                        match e {
                            Ok(_) => n += 1,
                            Err(_) => errors += 1,
                        }
                    }
                }
                Err(_) => errors += 1,
            }
        }
        let path = format!(
            "{}/../../testdata/ris/expected/{name}.bgp.gz",
            env!("CARGO_MANIFEST_DIR")
        );
        let want = gunzip(&std::fs::read(path).unwrap());
        let lines = want.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(n, lines, "{name}");
        let expect_errors = usize::from(*name == "updates.nlri_mask_trailing_bits.gz");
        assert_eq!(errors, expect_errors, "{name}");
    }
}

#[test]
fn add_path_rib_entries_carry_path_ids() {
    let mut decoder = Decoder::new();
    let mut ids = Vec::new();
    for rec in Records::new(View::from(ris("bview.ipv4_unicast_add_path.gz"))) {
        let rec = rec.unwrap();
        for e in decoder.elements(&rec).unwrap() {
            let Element::Route(r) = e.unwrap() else {
                panic!("RIB records give routes")
            };
            assert_eq!(r.action, Action::Rib);
            assert!(r.context.four_byte_as());
            ids.push((r.nlri.prefix().unwrap().to_string(), r.path_id.unwrap()));
        }
    }
    assert_eq!(ids.len(), 62);
    assert_eq!(ids[0], ("10.0.10.0/24".to_string(), 36));
    assert_eq!(ids[1], ("10.0.10.0/24".to_string(), 38));
}

#[test]
fn two_byte_as_updates_get_a_two_byte_context() {
    let mut decoder = Decoder::new();
    let mut states = 0;
    let mut routes = 0;
    for rec in Records::new(View::from(ris("updates.20020722.2238.gz"))) {
        let rec = rec.unwrap();
        for e in decoder.elements(&rec).unwrap() {
            match e.unwrap() {
                Element::Route(r) => {
                    assert!(!r.context.four_byte_as());
                    routes += 1;
                }
                Element::State(_) => states += 1,
            }
        }
    }
    assert_eq!(states, 93);
    assert_eq!(routes, 3337 - 93);
}

#[test]
fn routes_of_a_record_share_one_interned_attribute_set() {
    use ribcage_attributes::{AttributeCache, CacheConfig};
    use ribcage_intern::Interned;

    let cache = AttributeCache::new(CacheConfig::default());
    let mut decoder = Decoder::new();
    let mut checked = 0;
    for rec in Records::new(View::from(ris("updates.20160811.1600.gz"))).take(2000) {
        let rec = rec.unwrap();
        let elements = decoder.elements(&rec).unwrap();
        let registry = elements.registry();
        let sets: Vec<_> = elements
            .filter_map(|e| match e.unwrap() {
                Element::Route(r) if r.action == Action::Announce => {
                    Some(r.attribute_set(registry, &cache))
                }
                _ => None,
            })
            .collect();
        if sets.len() > 1 {
            assert!(sets.windows(2).all(|w| Interned::ptr_eq(&w[0], &w[1])));
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
    assert!(cache.stats().sets.hits > 0);
}

/// Every element (or error) of `data` as `Decoder::elements` yields it and as `Decoder::visit`
/// hands it over, formatted with `Debug`; the record-level errors too.
fn both_ways(data: Vec<u8>) -> (Vec<String>, Vec<String>) {
    let (mut iterated, mut visited) = (Vec::new(), Vec::new());
    let (mut a, mut b) = (Decoder::new(), Decoder::new());
    for rec in Records::new(View::from(data)) {
        let Ok(rec) = rec else { continue };
        match a.elements(&rec) {
            Ok(els) => iterated.extend(els.map(|e| format!("{e:?}"))),
            Err(e) => iterated.push(format!("record: {e:?}")),
        }
        if let Err(e) = b.visit(&rec, |e| visited.push(format!("{e:?}"))) {
            visited.push(format!("record: {e:?}"));
        }
    }
    assert_eq!(a.unknown, b.unknown);
    (iterated, visited)
}

#[test]
fn visit_hands_over_what_elements_yields() {
    let mut inputs: Vec<(String, Vec<u8>)> =
        RIS_FILES.iter().map(|n| (n.to_string(), ris(n))).collect();
    for path in [
        "../nlri/testdata/gobgp_updates.mrt",
        "../attributes/testdata/bgpdump_crafted.mrt",
    ] {
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        inputs.push((path.to_string(), std::fs::read(&full).unwrap()));
    }
    // Damaged copies: every 251st byte of the first 64 KiB flipped, so records decode with
    // errors in every part (bodies, attributes, NLRI, peer indexes).
    for name in [
        "updates.20160811.1600.gz",
        "bview.ipv6_unicast_add_path.gz",
        "bview.20020722.2337.gz",
    ] {
        let mut data = ris(name);
        for i in (0..data.len().min(65_536)).step_by(251) {
            data[i] ^= 0x5a;
        }
        inputs.push((format!("{name} damaged"), data));
    }
    for (name, data) in inputs {
        let (iterated, visited) = both_ways(data);
        assert!(!iterated.is_empty(), "{name}");
        if name.ends_with("damaged") {
            let errors = iterated
                .iter()
                .filter(|s| s.starts_with("Err") || s.starts_with("record"));
            assert!(errors.count() > 0, "{name}: the damage shows");
        }
        assert_eq!(iterated.len(), visited.len(), "{name}");
        for (i, (a, b)) in iterated.iter().zip(&visited).enumerate() {
            assert_eq!(a, b, "{name}: element {i}");
        }
    }
}

#[test]
fn set_interner_blocks_and_lazy_sets() {
    use ribcage_attributes::AttributeCache;
    use ribcage_mrt::SetInterner;
    use ribcage_nlri::Registry;
    static BUILTIN: Registry = Registry::BUILTIN;
    let data = ris("updates.20160811.1600.gz");
    let mut decoder = Decoder::new();
    let mut sets = SetInterner::new();
    let cache = AttributeCache::default();
    let mut by_id = std::collections::HashMap::new();
    let mut announced = 0;
    for rec in Records::new(View::from(data)) {
        let rec = rec.unwrap();
        let _ = decoder.visit(&rec, |e| {
            let Ok(Element::Route(r)) = e else { return };
            if r.action == Action::Withdraw {
                return;
            }
            announced += 1;
            let id = sets.block(&r);
            // Equal ids, equal bytes; the bytes are the route's own.
            assert_eq!(sets.block_bytes(id), r.attributes.rest());
            let before = by_id.insert(id, r.attributes.rest().to_vec());
            assert!(before.is_none_or(|b| b == r.attributes.rest()));
            if announced % 3 == 0 {
                let set = sets.set(&r, &BUILTIN, &cache).clone();
                assert_eq!(set, cache.intern_set(&r.path_attributes(&BUILTIN)));
            }
        });
    }
    // One id per distinct block, and sets only where asked for.
    assert_eq!(by_id.len(), sets.raw_blocks());
    let distinct: std::collections::HashSet<_> = by_id.values().collect();
    assert_eq!(distinct.len(), by_id.len());
    assert!(sets.sets_built() > 0 && sets.sets_built() < sets.raw_blocks());
}

#[test]
fn set_interner_ids_follow_bytes_in_rib_dumps() {
    use ribcage_mrt::SetInterner;
    for name in [
        "bview.20020722.2337.gz",
        "bview.ipv4_unicast_add_path.gz",
        "bview.ipv6_unicast_add_path.gz",
    ] {
        let mut decoder = Decoder::new();
        let mut sets = SetInterner::new();
        // The reference: a map from (4-byte AS, family, bytes) to the id first handed out.
        let mut by_key = std::collections::HashMap::new();
        let mut routes = 0;
        for rec in Records::new(View::from(ris(name))) {
            let rec = rec.expect("frames");
            decoder
                .visit(&rec, |e| {
                    let Ok(Element::Route(r)) = e else { return };
                    routes += 1;
                    let id = sets.block(&r);
                    assert_eq!(sets.block_bytes(id), r.attributes.rest(), "{name}");
                    let key = (
                        r.context.four_byte_as(),
                        r.family,
                        r.attributes.rest().to_vec(),
                    );
                    assert_eq!(*by_key.entry(key).or_insert(id), id, "{name}");
                })
                .expect("decodes");
        }
        assert!(routes > 0, "{name}");
        assert_eq!(by_key.len(), sets.raw_blocks(), "{name}");
    }
}
