//! FlowSpec (SAFI 133, 134): RFC 8955/8956 examples, GoBGP captures, malformed input, fuzzing.

use proptest::prelude::*;
use ribcage_buffer::Cursor;
use ribcage_nlri::family::flowspec::{Component, ComponentType, FlowSpec, FLOWSPEC};
use ribcage_nlri::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Registry, Safi};

use crate::nlrib_fixtures::{decode_run, hex, load, render, render_file};

const V4: Family = Family::new(Afi::IPV4, Safi::FLOWSPEC);
const V6: Family = Family::new(Afi::IPV6, Safi::FLOWSPEC);
const VPN4: Family = Family::new(Afi::IPV4, Safi::FLOWSPEC_VPN);

fn one(family: Family, wire: &[u8]) -> Result<FlowSpec<'_>, Error> {
    let mut v = decode_run(family, wire);
    assert_eq!(v.len(), 1, "one NLRI expected");
    match v.pop().unwrap()? {
        Decoded::FlowSpec(f) => Ok(f),
        other => panic!("not FlowSpec: {other:?}"),
    }
}

/// RFC 8955 §4.3 and RFC 8956 §3.8 worked examples: wire bytes and the rule they state.
#[test]
fn rfc_examples() {
    // RFC 8955 example 1: packets to 192.0.2.0/24 and TCP port 25.
    let w = hex("0b 01 18 c00002 03 81 06 04 81 19");
    assert_eq!(
        one(V4, &w).unwrap().to_string(),
        "dst 192.0.2.0/24 && proto =6 && port =25"
    );
    // RFC 8955 example 2: packets to 192.0.2.0/24 from 203.0.113.0/24 and port
    // {range [137, 139] or 8080}.
    let w = hex("12 01 18 c00002 02 18 cb0071 04 03 89 45 8b 91 1f90");
    assert_eq!(
        one(V4, &w).unwrap().to_string(),
        "dst 192.0.2.0/24 && src 203.0.113.0/24 && port >=137&<=139 =8080"
    );
    // RFC 8955 example 3: packets to 192.0.2.1/32 and fragment {DF or FF}.
    let w = hex("09 01 20 c0000201 0c 80 05");
    let fs = one(V4, &w).unwrap();
    assert_eq!(fs.to_string(), "dst 192.0.2.1/32 && frag 0x05");
    let frag: Vec<_> = fs.components().map(Result::unwrap).collect();
    let Component::Bitmask { kind, ops } = frag[1] else {
        panic!("bitmask expected")
    };
    assert_eq!(kind, ComponentType::FRAGMENT);
    let op = ops.iter().next().unwrap();
    assert!(op.end() && !op.matches() && !op.not() && op.value == 5);
    // RFC 8956 §3.8: packets to 2001:db8::/32 from ::1234:5678:9a00:0/64-104 (offset 64,
    // length 104) with upper-layer protocol TCP.
    let w = hex("12 01 20 00 20010db8 02 68 40 123456789a 03 81 06");
    assert_eq!(
        one(V6, &w).unwrap().to_string(),
        "dst 2001:db8::/32 && src ::1234:5678:9a00:0/104 offset 64 && proto =6"
    );
    let mut all = Vec::new();
    for (f, h) in [
        (V4, "0b 01 18 c00002 03 81 06 04 81 19"),
        (V4, "12 01 18 c00002 02 18 cb0071 04 03 89 45 8b 91 1f90"),
        (V4, "09 01 20 c0000201 0c 80 05"),
        (V6, "12 01 20 00 20010db8 02 68 40 123456789a 03 81 06"),
    ] {
        all.push(format!("{f} {h}\n{}", render(f, &hex(h))));
    }
    insta::assert_snapshot!("flowspec_rfc_examples", all.join("\n"));
}

#[test]
fn gobgp_captures_snapshot() {
    insta::assert_snapshot!("flowspec_gobgp", render_file("flowspec_gobgp.hex"));
}

#[test]
fn gobgp_captures_text() {
    let caps = load("flowspec_gobgp.hex");
    let text = |i: usize| one(caps[i].family, &caps[i].nlri).map(|f| f.to_string());
    // gobgp: "[destination: 10.0.0.0/24][protocol: ==tcp]"
    assert_eq!(text(0).unwrap(), "dst 10.0.0.0/24 && proto =6");
    // gobgp: "[destination: 10.0.1.0/24][source: 192.0.2.0/25][protocol: ==tcp ==udp]
    // [destination-port: >=80&<=90 ==443]"
    assert_eq!(
        text(1).unwrap(),
        "dst 10.0.1.0/24 && src 192.0.2.0/25 && proto =6 =17 && dport >=80&<=90 =443"
    );
    // gobgp: "[tcp-flags: =S&!A][fragment: is-fragment =dont-fragment]"
    assert_eq!(text(3).unwrap(), "tcp-flags =0x02&!0x10 && frag 0x02 =0x01");
    // gobgp: "[fragment: first-fragment][label: ==1234]"
    assert_eq!(text(6).unwrap(), "frag 0x04 && flow-label =1234");
    // gobgp: "[rd: 65000:100][destination: 10.0.0.0/8][destination-port: ==22]"
    let vpn = one(caps[7].family, &caps[7].nlri).unwrap();
    assert_eq!(caps[7].family, VPN4);
    assert_eq!(vpn.rd.unwrap().to_string(), "65000:100");
    assert_eq!(
        vpn.to_string(),
        "[rd 65000:100] dst 10.0.0.0/8 && dport =22"
    );
    // A 2-octet value with the AND bit: ">=1000&<=65535".
    assert_eq!(
        text(9).unwrap(),
        "dst 10.9.0.0/16 && pkt-len >=1000&<=65535"
    );
}

/// GoBGP 3.10 and ExaBGP 4.2 write `length / 8` pattern octets for an IPv6 prefix with an
/// offset, where RFC 8956 §3.1 says `(length - offset) / 8`: read as the RFC says, the
/// leftover octets start a component of type 0.
#[test]
fn gobgp_ipv6_offset_encoding_is_not_rfc_8956() {
    let caps = load("flowspec_gobgp.hex");
    assert_eq!(hex("0b 01 40 30 0000000000000000"), caps[5].nlri);
    assert_eq!(
        one(V6, &caps[5].nlri),
        Err(Error::Value {
            family: V6,
            what: "flowspec component type",
            value: 0,
            offset: 6
        })
    );
}

#[test]
fn json_is_structured() {
    let w = hex("0a 01 18 c00002 05 03 50 c5 5a");
    let d = decode_run(V4, &w).pop().unwrap().unwrap();
    let j = serde_json::to_value(&d).unwrap();
    assert_eq!(
        j,
        serde_json::json!({
            "kind": "flowspec",
            "components": [
                {"type": "dst", "prefix": "192.0.2.0/24"},
                {"type": "dport", "ops": [
                    {"and": false, "op": ">=", "value": 80},
                    {"and": true, "op": "<=", "value": 90}
                ]}
            ]
        })
    );
    assert_eq!(d.prefix(), None);
}

#[test]
fn two_octet_length() {
    // 80 destination-port pairs of 3 octets: 241 octets of components, so the length takes
    // two octets: 0xf0f1.
    let mut body = vec![5u8];
    for i in 0..80u16 {
        body.push(if i == 79 { 0x91 } else { 0x11 });
        body.extend_from_slice(&(1000 + i).to_be_bytes());
    }
    let mut w = vec![0xf0, 0xf1];
    w.extend_from_slice(&body);
    let fs = one(V4, &w).unwrap();
    let c = fs.components().next().unwrap().unwrap();
    let Component::Numeric { ops, .. } = c else {
        panic!("numeric expected")
    };
    assert_eq!(ops.iter().count(), 80);
    assert_eq!(ops.iter().last().unwrap().value, 1079);
    assert!(fs.to_string().ends_with(" =1078 =1079"));
}

#[test]
fn operator_past_the_end() {
    // Protocol component whose only operator lacks the end-of-list bit.
    let w = hex("03 03 01 06");
    assert_eq!(
        one(V4, &w),
        Err(Error::Truncated {
            family: V4,
            needed: 1,
            available: 0,
            offset: 4
        })
    );
    // The operator announces a 2-octet value; one octet follows.
    let w = hex("03 05 91 00");
    assert_eq!(
        one(V4, &w),
        Err(Error::Truncated {
            family: V4,
            needed: 2,
            available: 1,
            offset: 3
        })
    );
}

#[test]
fn length_over_the_buffer() {
    let ctx = DecodeContext::default();
    let w = hex("10 01 18 c00002");
    let r: Vec<_> = Registry::default()
        .iter(V4, Cursor::with_base(&w, 50), &ctx)
        .collect();
    assert_eq!(
        r[0].as_ref().unwrap_err(),
        &Error::Truncated {
            family: V4,
            needed: 16,
            available: 5,
            offset: 51
        }
    );
    // Two-octet length 0x0100 with 2 octets after it.
    let w = hex("f1 00 03 81");
    let r: Vec<_> = Registry::default()
        .iter(V4, Cursor::new(&w), &ctx)
        .collect();
    assert_eq!(
        r[0].as_ref().unwrap_err(),
        &Error::Truncated {
            family: V4,
            needed: 256,
            available: 2,
            offset: 2
        }
    );
}

#[test]
fn unknown_and_misplaced_components() {
    // Type 14 does not exist.
    assert_eq!(
        one(V4, &hex("03 0e 81 00")),
        Err(Error::Value {
            family: V4,
            what: "flowspec component type",
            value: 14,
            offset: 1
        })
    );
    // Type 13 (flow label) is IPv6 only.
    assert_eq!(
        one(V4, &hex("03 0d 81 00")),
        Err(Error::Value {
            family: V4,
            what: "flowspec component type",
            value: 13,
            offset: 1
        })
    );
    // Components out of order: protocol before destination.
    assert_eq!(
        one(V4, &hex("08 03 81 06 01 18 0a0000")),
        Err(Error::Value {
            family: V4,
            what: "flowspec component order",
            value: 1,
            offset: 4
        })
    );
}

#[test]
fn bad_prefixes_and_rd() {
    assert_eq!(
        one(V4, &hex("07 01 21 0a000000 00")),
        Err(Error::PrefixLength {
            family: V4,
            length: 33,
            max: 32,
            offset: 2
        })
    );
    // IPv6 offset 40 over length 32.
    assert_eq!(
        one(V6, &hex("04 01 20 28 00")),
        Err(Error::Value {
            family: V6,
            what: "flowspec ipv6 prefix offset",
            value: 40,
            offset: 3
        })
    );
    // FlowSpec-VPN NLRI shorter than a route distinguisher.
    assert_eq!(
        one(VPN4, &hex("04 00000000")),
        Err(Error::Length {
            family: VPN4,
            what: "flowspec-vpn length under route distinguisher",
            length: 4,
            offset: 0
        })
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let ctx = DecodeContext::default();
        for family in FLOWSPEC.families() {
            for n in Registry::default().iter(*family, Cursor::new(&bytes), &ctx).flatten() {
                if let Ok(d) = n.decode() {
                    let _ = (d.to_string(), serde_json::to_string(&d).unwrap(), format!("{d:?}"));
                }
            }
            let _ = FLOWSPEC.decode(*family, &bytes, 0, &ctx);
        }
    }

    /// Bodies made of plausible components (increasing types, operators with random bits) to
    /// reach past the first component.
    #[test]
    fn framed_components_never_panic(parts in proptest::collection::vec((1u8..15, any::<u8>(), proptest::collection::vec(any::<u8>(), 0..9)), 0..8)) {
        let mut body = Vec::new();
        for (t, op, v) in &parts {
            body.push(*t);
            body.push(*op);
            body.extend_from_slice(v);
        }
        let mut w = vec![body.len().min(239) as u8];
        w.extend_from_slice(&body[..body.len().min(239)]);
        for family in FLOWSPEC.families() {
            if let Ok(d) = FLOWSPEC.decode(*family, &w, 0, &DecodeContext::default()) {
                let _ = (d.to_string(), serde_json::to_string(&d).unwrap());
            }
        }
    }
}
