//! ADD-PATH path identifiers (RFC 7911) for every family: read when the context says so for
//! that family, and only then.

use ribcage_buffer::Cursor;
use ribcage_nlri::{DecodeContext, Family, Registry};

use crate::util::{hex, row};

/// One NLRI of each family, from the fixtures.
fn samples() -> Vec<(Family, Vec<u8>)> {
    [
        ("exabgp_nlri.txt", "lu4_two_labels"),
        ("exabgp_nlri.txt", "lu6_one_label"),
        ("exabgp_nlri.txt", "vpnv4_rd_type2"),
        ("exabgp_nlri.txt", "vpnv6_rd_type0"),
        ("rfc_nlri.txt", "mcastvpn4_safi129"),
        ("exabgp_nlri.txt", "vpls"),
        ("exabgp_nlri.txt", "rtc_asn2"),
        ("exabgp_nlri.txt", "rtc_default"),
        ("rfc_nlri.txt", "mvpn4_t7_source_tree_join"),
        ("rfc_nlri.txt", "mvpn6_t1_intra_as_ipmsi_ad"),
    ]
    .into_iter()
    .map(|(file, name)| {
        let r = row(file, name);
        (r.family, r.wire)
    })
    .chain([
        (Family::IPV4_UNICAST, hex("18c00002")),
        (Family::IPV6_MULTICAST, hex("2020010db8")),
    ])
    .collect()
}

#[test]
fn path_ids_for_every_family() {
    let registry = Registry::default();
    for (family, wire) in samples() {
        let plain_ctx = DecodeContext::default();
        let plain: Vec<_> = registry
            .iter(family, Cursor::new(&wire), &plain_ctx)
            .map(|n| n.unwrap().to_string())
            .collect();
        assert_eq!(plain.len(), 1, "{family}");

        // Two copies, with path ids 7 and 0xfffffffe.
        let mut with_ids = Vec::new();
        for id in [7u32, 0xffff_fffe] {
            with_ids.extend_from_slice(&id.to_be_bytes());
            with_ids.extend_from_slice(&wire);
        }
        for ctx in [
            DecodeContext::default().with_add_path(family),
            DecodeContext::default().with_add_path_all(true),
        ] {
            let got: Vec<_> = registry
                .iter(family, Cursor::new(&with_ids), &ctx)
                .map(|n| {
                    let n = n.unwrap_or_else(|e| panic!("{family}: {e}"));
                    (n.path_id(), n.to_string(), n.offset(), n.to_owned())
                })
                .collect();
            assert_eq!(got.len(), 2, "{family}");
            assert_eq!(got[0].0, Some(7), "{family}");
            assert_eq!(got[1].0, Some(0xffff_fffe), "{family}");
            assert_eq!(got[0].1, plain[0], "{family}");
            assert_eq!(got[1].1, plain[0], "{family}");
            assert_eq!(got[0].2, 4, "{family}");
            assert_eq!(got[1].2, 8 + wire.len(), "{family}");
            assert_eq!(got[1].3.path_id(), Some(0xffff_fffe), "{family}");
            assert_eq!(got[1].3.wire(), &wire[..], "{family}");
        }

        // ADD-PATH on for another family only: no path id is read for this one.
        let other = DecodeContext::default()
            .with_add_path(Family::new(ribcage_nlri::Afi(999), ribcage_nlri::Safi(1)));
        let n = registry
            .iter(family, Cursor::new(&wire), &other)
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(n.path_id(), None, "{family}");
    }
}

#[test]
fn gobgp_add_path_updates_carry_path_id_1() {
    let registry = Registry::default();
    for r in crate::util::rows("gobgp_nlri.txt") {
        assert!(r.add_path);
        let ctx = DecodeContext::default().with_add_path(r.family);
        for n in registry.iter(r.family, Cursor::new(&r.wire), &ctx) {
            assert_eq!(n.unwrap().path_id(), Some(1), "{}", r.name);
        }
    }
}
