//! SR Policy (SAFI 73; RFC 9830 §2.1): hand-built vectors, malformed input, fuzzing.
//!
//! GoBGP's CLI cannot originate SR Policy routes (only its gRPC API can), so the vectors are
//! built from RFC 9830 §2.1's layout; see README.md.

use proptest::prelude::*;
use ribcage_buffer::Cursor;
use ribcage_nlri::family::sr_policy::{SrPolicy, SR_POLICY};
use ribcage_nlri::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Registry, Safi};

use crate::nlrib_fixtures::{decode_run, hex, render};

const V4: Family = Family::new(Afi::IPV4, Safi::SR_POLICY);
const V6: Family = Family::new(Afi::IPV6, Safi::SR_POLICY);

#[test]
fn ipv4_and_ipv6_snapshot() {
    // Two IPv4 policies in one run, then one IPv6 policy.
    let v4 = hex("60 00000001 00000064 c0000201  60 00000002 ffffffff 00000000");
    let v6 = hex("c0 0000000a 0000000b 20010db8000000000000000000000001");
    let d = decode_run(V4, &v4);
    assert_eq!(
        d[0],
        Ok(Decoded::SrPolicy(SrPolicy {
            distinguisher: 1,
            color: 100,
            endpoint: "192.0.2.1".parse().unwrap()
        }))
    );
    assert_eq!(
        d[0].as_ref().unwrap().to_string(),
        "[distinguisher 1][color 100][endpoint 192.0.2.1]"
    );
    assert_eq!(d[0].as_ref().unwrap().prefix(), None);
    let s = format!("{}\n{}", render(V4, &v4), render(V6, &v6));
    insta::assert_snapshot!("sr_policy", s);
}

#[test]
fn malformed() {
    // 97 bits: not 96.
    assert_eq!(
        decode_run(V4, &hex("61 00000001 00000064 c0000201 00")),
        vec![Err(Error::Length {
            family: V4,
            what: "sr policy length in bits",
            length: 97,
            offset: 0
        })]
    );
    // An IPv6-sized NLRI in the IPv4 family.
    let w = hex("c0 0000000a 0000000b 20010db8000000000000000000000001");
    assert!(matches!(
        decode_run(V4, &w)[0],
        Err(Error::Length { length: 192, .. })
    ));
    // Length past the buffer, at absolute offset 7.
    let ctx = DecodeContext::default();
    let w = hex("60 00000001 0000");
    let r: Vec<_> = Registry::default()
        .iter(V4, Cursor::with_base(&w, 7), &ctx)
        .collect();
    assert_eq!(
        r[0].as_ref().unwrap_err(),
        &Error::Truncated {
            family: V4,
            needed: 12,
            available: 6,
            offset: 8
        }
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let ctx = DecodeContext::default();
        for family in SR_POLICY.families() {
            for n in Registry::default().iter(*family, Cursor::new(&bytes), &ctx).flatten() {
                if let Ok(d) = n.decode() {
                    let _ = (d.to_string(), serde_json::to_string(&d).unwrap());
                }
            }
            let _ = SR_POLICY.decode(*family, &bytes, 0, &ctx);
        }
    }
}
