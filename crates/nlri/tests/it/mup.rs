//! SRv6 MUP (SAFI 85): GoBGP captures of all four route types, hand-built variants, malformed
//! input, fuzzing.

use proptest::prelude::*;
use ribcage_buffer::Cursor;
use ribcage_nlri::family::mup::{Mup, MupArchType, MupRouteType, MUP};
use ribcage_nlri::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Registry, Safi};

use crate::nlrib_fixtures::{decode_run, hex, load, render, render_file};

const V4: Family = Family::new(Afi::IPV4, Safi::MUP);
const V6: Family = Family::new(Afi::IPV6, Safi::MUP);

fn one(family: Family, wire: &[u8]) -> Result<Mup<'_>, Error> {
    let mut v = decode_run(family, wire);
    assert_eq!(v.len(), 1, "one NLRI expected");
    match v.pop().unwrap()? {
        Decoded::Mup(m) => Ok(m),
        other => panic!("not MUP: {other:?}"),
    }
}

#[test]
fn gobgp_captures_snapshot() {
    insta::assert_snapshot!("mup_gobgp", render_file("mup_gobgp.hex"));
}

#[test]
fn gobgp_captures_fields() {
    let caps = load("mup_gobgp.hex");
    assert_eq!(caps.len(), 8);
    let text: Vec<String> = caps
        .iter()
        .map(|c| one(c.family, &c.nlri).unwrap().to_string())
        .collect();
    // gobgp: "[type:t1st][rd:100:100][prefix:192.168.0.1/32]  12345  9  10.0.0.1"
    assert_eq!(
        text[0],
        "[t1st][rd 100:100][prefix 192.168.0.1/32][teid 12345][qfi 9][endpoint 10.0.0.1]"
    );
    // gobgp: "[type:t2st][rd:100:100][endpoint:10.0.0.1][teid:12345]"
    assert_eq!(text[1], "[t2st][rd 100:100][endpoint 10.0.0.1][teid 12345]");
    assert_eq!(
        text[3],
        "[t2st][rd 100:100][endpoint 2001:db8::1][teid 12345]"
    );
    // gobgp: "[type:isd][rd:100:100][prefix:10.0.0.0/24]"
    assert_eq!(text[4], "[isd][rd 100:100][prefix 10.0.0.0/24]");
    // gobgp: "[type:dsd][rd:100:100][prefix:10.0.0.1]"
    assert_eq!(text[5], "[dsd][rd 100:100][address 10.0.0.1]");
    assert_eq!(text[6], "[isd][rd 100:100][prefix 2001:db8:10::/48]");
    assert_eq!(text[7], "[dsd][rd 100:100][address 2001:db8::1]");
    let isd = one(caps[4].family, &caps[4].nlri).unwrap();
    assert_eq!(isd.prefix().unwrap().to_string(), "10.0.0.0/24");
    assert_eq!(isd.route_type(), MupRouteType::INTERWORK_SEGMENT_DISCOVERY);
}

const RD: &str = "0000006400000064"; // 100:100

fn nlri(arch: u8, route_type: u16, body: &[u8]) -> Vec<u8> {
    let mut v = vec![arch];
    v.extend_from_slice(&route_type.to_be_bytes());
    v.push(body.len() as u8);
    v.extend_from_slice(body);
    v
}

#[test]
fn hand_built_variants_snapshot() {
    let mut wire = Vec::new();
    // Type 1 ST with a source address (draft -03) and two trailing octets kept as extra.
    wire.extend(nlri(
        1,
        3,
        &hex(&format!(
            "{RD} 18 0a0100 00000001 05 20 c0000201 20 c0000202 abcd"
        )),
    ));
    // Type 2 ST with a 16-bit TEID prefix (endpoint length 48).
    wire.extend(nlri(1, 4, &hex(&format!("{RD} 30 c0000201 1234"))));
    // Type 2 ST without TEID bits.
    wire.extend(nlri(1, 4, &hex(&format!("{RD} 20 c0000201"))));
    // Unknown architecture 2, and unknown route type 9: raw.
    wire.extend(nlri(2, 1, &hex(&format!("{RD} 18 0a0100"))));
    wire.extend(nlri(1, 9, &hex("0102")));
    let m = one(V4, &wire[..wire[3] as usize + 4]).unwrap();
    assert!(matches!(
        m,
        Mup::Type1SessionTransformed {
            source: Some(_),
            extra: [0xab, 0xcd],
            ..
        }
    ));
    insta::assert_snapshot!("mup_variants", render(V4, &wire));
    // A Type 2 ST route without TEID bits has no TEID, rather than a TEID of 0.
    assert!(matches!(
        decode_run(V4, &wire)[2],
        Ok(Decoded::Mup(Mup::Type2SessionTransformed {
            teid: None,
            ..
        }))
    ));
    let last = decode_run(V4, &wire).pop().unwrap().unwrap();
    assert_eq!(
        last,
        Decoded::Mup(Mup::Other {
            arch: MupArchType::GPP_5G,
            route_type: MupRouteType(9),
            raw: &[1, 2]
        })
    );
}

#[test]
fn malformed() {
    // DSD of 13 octets in IPv4: the length disagrees with the fields.
    assert_eq!(
        one(V4, &nlri(1, 2, &hex(&format!("{RD} 0a000001 00")))),
        Err(Error::Length {
            family: V4,
            what: "mup route length",
            length: 13,
            offset: 3
        })
    );
    // DSD cut short: a length mismatch too.
    assert_eq!(
        one(V6, &nlri(1, 2, &hex(&format!("{RD} 0a000001")))),
        Err(Error::Length {
            family: V6,
            what: "mup route length",
            length: 12,
            offset: 3
        })
    );
    // ISD prefix length 33 at offset 4 + 8.
    assert_eq!(
        one(V4, &nlri(1, 1, &hex(&format!("{RD} 21 0a000000 00")))),
        Err(Error::PrefixLength {
            family: V4,
            length: 33,
            max: 32,
            offset: 12
        })
    );
    // T2ST endpoint length 31 (under the address's 32 bits).
    assert_eq!(
        one(V4, &nlri(1, 4, &hex(&format!("{RD} 1f c0000201")))),
        Err(Error::Value {
            family: V4,
            what: "mup endpoint length",
            value: 31,
            offset: 12
        })
    );
    // Length past the buffer.
    let ctx = DecodeContext::default();
    let w = hex("01 0001 20 00");
    let r: Vec<_> = Registry::default()
        .iter(V4, Cursor::new(&w), &ctx)
        .collect();
    assert_eq!(
        r[0].as_ref().unwrap_err(),
        &Error::Truncated {
            family: V4,
            needed: 32,
            available: 1,
            offset: 4
        }
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let ctx = DecodeContext::default();
        for family in MUP.families() {
            for n in Registry::default().iter(*family, Cursor::new(&bytes), &ctx).flatten() {
                if let Ok(d) = n.decode() {
                    let _ = (d.to_string(), serde_json::to_string(&d).unwrap(), d.prefix());
                }
            }
            let _ = MUP.decode(*family, &bytes, 0, &ctx);
        }
    }

    #[test]
    fn framed_random_bodies_never_panic(rt in 0u16..6, body in proptest::collection::vec(any::<u8>(), 0..60)) {
        for family in MUP.families() {
            if let Ok(d) = MUP.decode(*family, &nlri(1, rt, &body), 0, &DecodeContext::default()) {
                let _ = (d.to_string(), serde_json::to_string(&d).unwrap());
            }
        }
    }
}
