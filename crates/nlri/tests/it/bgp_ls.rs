//! BGP-LS (AFI 16388 / SAFI 71, 72): header fields decoded, descriptors kept; malformed input,
//! fuzzing.

use proptest::prelude::*;
use ribcage_buffer::Cursor;
use ribcage_nlri::family::bgp_ls::{BgpLs, LsNlriType, BGP_LS};
use ribcage_nlri::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Registry, Safi};

use crate::nlrib_fixtures::{decode_run, hex, load, render_file};

const LS: Family = Family::new(Afi::BGP_LS, Safi::BGP_LS);
const LS_VPN: Family = Family::new(Afi::BGP_LS, Safi::BGP_LS_VPN);

#[test]
fn constructed_snapshot() {
    insta::assert_snapshot!("bgp_ls_constructed", render_file("bgp_ls_constructed.hex"));
}

#[test]
fn header_fields() {
    let caps = load("bgp_ls_constructed.hex");
    let types: Vec<LsNlriType> = caps
        .iter()
        .map(
            |c| match decode_run(c.family, &c.nlri).pop().unwrap().unwrap() {
                Decoded::BgpLs(l) => l.nlri_type,
                other => panic!("not BGP-LS: {other:?}"),
            },
        )
        .collect();
    assert_eq!(
        types,
        [
            LsNlriType::NODE,
            LsNlriType::LINK,
            LsNlriType::IPV4_PREFIX,
            LsNlriType::SRV6_SID,
            LsNlriType::NODE
        ]
    );
    let vpn = &caps[4];
    assert_eq!(vpn.family, LS_VPN);
    let Decoded::BgpLs(l) = decode_run(vpn.family, &vpn.nlri).pop().unwrap().unwrap() else {
        panic!("not BGP-LS")
    };
    assert_eq!(l.rd.unwrap().to_string(), "65000:7");
    assert_eq!((l.protocol_id, l.identifier), (Some(3), Some(0)));
    // The local node descriptors TLV (256) follows, kept as received.
    assert_eq!(&l.raw[..4], &[0x01, 0x00, 0x00, 0x18]);
}

#[test]
fn unknown_type_keeps_everything() {
    let w = hex("0063 0003 aabbcc");
    assert_eq!(
        decode_run(LS, &w),
        vec![Ok(Decoded::BgpLs(BgpLs {
            nlri_type: LsNlriType(99),
            rd: None,
            protocol_id: None,
            identifier: None,
            raw: &[0xaa, 0xbb, 0xcc]
        }))]
    );
}

#[test]
fn malformed() {
    // A node NLRI too short for Protocol-ID and Identifier.
    assert_eq!(
        decode_run(LS, &hex("0001 0004 03000000")),
        vec![Err(Error::Length {
            family: LS,
            what: "bgp-ls nlri length",
            length: 4,
            offset: 2
        })]
    );
    // Length past the buffer, at absolute offset 10.
    let ctx = DecodeContext::default();
    let w = hex("0001 0100 03");
    let r: Vec<_> = Registry::default()
        .iter(LS, Cursor::with_base(&w, 10), &ctx)
        .collect();
    assert_eq!(
        r[0].as_ref().unwrap_err(),
        &Error::Truncated {
            family: LS,
            needed: 256,
            available: 1,
            offset: 14
        }
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let ctx = DecodeContext::default();
        for family in BGP_LS.families() {
            for n in Registry::default().iter(*family, Cursor::new(&bytes), &ctx).flatten() {
                if let Ok(d) = n.decode() {
                    let _ = (d.to_string(), serde_json::to_string(&d).unwrap());
                }
            }
            let _ = BGP_LS.decode(*family, &bytes, 0, &ctx);
        }
    }
}
