//! EVPN (AFI 25 / SAFI 70): GoBGP captures, hand-built route types, malformed input, fuzzing.

use std::net::IpAddr;

use proptest::prelude::*;
use ribcage_buffer::Cursor;
use ribcage_nlri::family::evpn::{Esi, Evpn, EvpnLabel, EvpnRouteType, MacAddr, EVPN};
use ribcage_nlri::{DecodeContext, Decoded, Error, Family, FamilyDecoder, Registry};

use crate::nlrib_fixtures::{decode_run, hex, load, render, render_file};

const F: Family = Family::L2VPN_EVPN;

fn one(wire: &[u8]) -> Result<Evpn<'_>, Error> {
    let mut v = decode_run(F, wire);
    assert_eq!(v.len(), 1, "one NLRI expected");
    match v.pop().unwrap()? {
        Decoded::Evpn(e) => Ok(e),
        other => panic!("not EVPN: {other:?}"),
    }
}

#[test]
fn gobgp_captures_snapshot() {
    insta::assert_snapshot!("evpn_gobgp", render_file("evpn_gobgp.hex"));
}

#[test]
fn gobgp_captures_fields() {
    let caps = load("evpn_gobgp.hex");
    assert_eq!(caps.len(), 11);
    assert!(caps.iter().all(|c| c.family == F));

    // a-d esi LACP aa:bb:cc:dd:ee:ff 100 etag 200 label 300 rd 65000:1
    let Evpn::EthernetAd {
        rd,
        esi,
        ethernet_tag,
        label,
    } = one(&caps[0].nlri).unwrap()
    else {
        panic!("type 1 expected")
    };
    assert_eq!(rd.to_string(), "65000:1");
    assert_eq!(esi.esi_type(), 1);
    assert_eq!(
        esi.mac(),
        Some(MacAddr([0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]))
    );
    assert_eq!(ethernet_tag, 200);
    assert_eq!(label, EvpnLabel(300));
    // ExaBGP shows this label as "18 (300)": MPLS label 18, raw field 300.
    assert_eq!(label.mpls_label(), 18);

    // macadv 11:22:33:44:55:66 10.0.0.1 esi MAC 00:11:22:33:44:55 1000 label 100,200
    // rd 192.0.2.1:10
    let e = one(&caps[1].nlri).unwrap();
    let Evpn::MacIp {
        rd,
        esi,
        mac,
        ip,
        label,
        label2,
        ..
    } = e
    else {
        panic!("type 2 expected")
    };
    assert_eq!(rd.to_string(), "192.0.2.1:10");
    assert_eq!(esi.to_string(), "03:00:11:22:33:44:55:00:03:e8");
    assert_eq!(mac.to_string(), "11:22:33:44:55:66");
    assert_eq!(ip, Some("10.0.0.1".parse::<IpAddr>().unwrap()));
    assert_eq!((label, label2), (EvpnLabel(100), Some(EvpnLabel(200))));
    assert_eq!(e.prefix().unwrap().to_string(), "10.0.0.1/32");

    // macadv with IP 0.0.0.0: no IP on the wire, no prefix.
    let e = one(&caps[2].nlri).unwrap();
    assert!(matches!(e, Evpn::MacIp { ip: None, .. }));
    assert_eq!(e.prefix(), None);

    // prefix 192.0.2.0/24 gw 10.0.0.1 label 100 rd 65000:5
    let e = one(&caps[7].nlri).unwrap();
    assert_eq!(e.route_type(), EvpnRouteType::IP_PREFIX);
    assert_eq!(e.prefix().unwrap().to_string(), "192.0.2.0/24");
    assert_eq!(
        e.to_string(),
        "[5][rd 65000:5][esi 0][etag 0][prefix 192.0.2.0/24][gw 10.0.0.1][label 100]"
    );

    // esi 10.0.0.1 esi ROUTERID 10.0.0.1 7 rd 65000:1
    let e = one(&caps[9].nlri).unwrap();
    let Evpn::EthernetSegment {
        esi, originator, ..
    } = e
    else {
        panic!("type 4 expected")
    };
    assert_eq!(esi.esi_type(), 4);
    assert_eq!(originator.to_string(), "10.0.0.1");
    let json = serde_json::to_value(Decoded::Evpn(e)).unwrap();
    assert_eq!(json["esi"]["router_id"], "10.0.0.1");
    assert_eq!(json["esi"]["discriminator"], 7);
}

/// Builds an EVPN NLRI from a route type and its body.
fn nlri(route_type: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![route_type, body.len() as u8];
    v.extend_from_slice(body);
    v
}

const RD: &str = "0000fde800000001"; // 65000:1
const ESI0: &str = "00000000000000000000";

#[test]
fn every_route_type_snapshot() {
    let mut wire = Vec::new();
    // Type 1, per-ES (MAX-ET), ESI type 5 (AS 65001, discriminator 9), label 0.
    wire.extend(nlri(
        1,
        &hex(&format!("{RD} 05 0000fde9 00000009 00 ffffffff 000000")),
    ));
    // Type 2, IPv6, one label, ESI type 2 (bridge mac, priority 0x8000).
    wire.extend(nlri(
        2,
        &hex(&format!(
            "{RD} 02 aabbccddee01 8000 00 00000064 30 001122334455 80 20010db8000000000000000000000001 0003e8"
        )),
    ));
    // Type 3, IPv4 originator.
    wire.extend(nlri(3, &hex(&format!("{RD} 0000000a 20 c0000201"))));
    // Type 4, IPv6 originator, ESI type 0 (arbitrary).
    wire.extend(nlri(
        4,
        &hex(&format!(
            "{RD} 00112233445566778899 80 20010db8000000000000000000000002"
        )),
    ));
    // Type 5, IPv6 prefix with gateway.
    wire.extend(nlri(
        5,
        &hex(&format!(
            "{RD} {ESI0} 00000000 40 20010db8000100000000000000000000 20010db8000000000000000000000001 000064"
        )),
    ));
    // Type 6 (SMET, RFC 9251): kept raw.
    wire.extend(nlri(
        6,
        &hex(&format!("{RD} 00000000 00 00 20 0a000001 00")),
    ));
    insta::assert_snapshot!("evpn_route_types", render(F, &wire));
}

#[test]
fn unknown_type_is_raw_with_its_code() {
    let w = nlri(11, &[1, 2, 3]);
    let e = one(&w).unwrap();
    assert_eq!(
        e,
        Evpn::Other {
            route_type: EvpnRouteType(11),
            raw: &[1, 2, 3]
        }
    );
    assert_eq!(e.to_string(), "[11][raw 010203]");
}

#[test]
fn length_mismatch() {
    // Type 1 needs 25 octets; 24 given and declared.
    let w = nlri(1, &hex(&format!("{RD} {ESI0} 00000000 0000")));
    assert_eq!(
        one(&w),
        Err(Error::Length {
            family: F,
            what: "evpn route length",
            length: 24,
            offset: 1
        })
    );
    // Type 1 with one octet too many.
    let w = nlri(1, &hex(&format!("{RD} {ESI0} 00000000 000000 ff")));
    assert_eq!(
        one(&w),
        Err(Error::Length {
            family: F,
            what: "evpn route length",
            length: 26,
            offset: 1
        })
    );
    // Type 5 must be 34 or 58 octets.
    let w = nlri(5, &[0; 35]);
    assert!(matches!(
        one(&w),
        Err(Error::Length {
            length: 35,
            offset: 1,
            ..
        })
    ));
    // Type 3 shorter than a route distinguisher.
    let w = nlri(3, &[0; 5]);
    assert!(matches!(
        one(&w),
        Err(Error::Length {
            length: 5,
            offset: 1,
            ..
        })
    ));
}

#[test]
fn length_past_the_buffer() {
    // Declares 40 octets, 10 follow; the run starts at absolute offset 100.
    let mut w = vec![2, 40];
    w.extend([0; 10]);
    let ctx = DecodeContext::default();
    let r: Vec<_> = Registry::default()
        .iter(F, Cursor::with_base(&w, 100), &ctx)
        .collect();
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].as_ref().unwrap_err(),
        &Error::Truncated {
            family: F,
            needed: 40,
            available: 10,
            offset: 102
        }
    );
}

#[test]
fn bad_field_values() {
    // MAC length 47 at offset 2 + 8 + 10 + 4 = 24.
    let w = nlri(
        2,
        &hex(&format!("{RD} {ESI0} 00000000 2f 001122334455 00 000001")),
    );
    assert_eq!(
        one(&w),
        Err(Error::Value {
            family: F,
            what: "evpn mac address length",
            value: 47,
            offset: 24
        })
    );
    // IP length 24 at offset 31.
    let w = nlri(
        2,
        &hex(&format!(
            "{RD} {ESI0} 00000000 30 001122334455 18 0a0000 000001"
        )),
    );
    assert_eq!(
        one(&w),
        Err(Error::Value {
            family: F,
            what: "evpn ip address length",
            value: 24,
            offset: 31
        })
    );
    // Type 5 prefix length 33 over IPv4, at offset 2 + 22 = 24.
    let w = nlri(
        5,
        &hex(&format!("{RD} {ESI0} 00000000 21 0a000000 00000000 000000")),
    );
    assert_eq!(
        one(&w),
        Err(Error::PrefixLength {
            family: F,
            length: 33,
            max: 32,
            offset: 24
        })
    );
    // Type 2 with 2 octets where label2 would be: a length mismatch.
    let w = nlri(
        2,
        &hex(&format!(
            "{RD} {ESI0} 00000000 30 001122334455 00 000001 0000"
        )),
    );
    assert!(matches!(one(&w), Err(Error::Length { length: 35, .. })));
}

#[test]
fn esi_forms() {
    assert_eq!(Esi([0; 10]).to_string(), "0");
    let esi = Esi([1, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0, 100, 0]);
    let j = serde_json::to_value(esi).unwrap();
    assert_eq!(j["type"], 1);
    assert_eq!(j["system_mac"], "aa:bb:cc:dd:ee:ff");
    assert_eq!(j["port_key"], 100);
    assert_eq!(j["value"], "01:aa:bb:cc:dd:ee:ff:00:64:00");
}

#[test]
fn add_path_and_owned_copies() {
    let caps = load("evpn_gobgp.hex");
    // Prefix the first capture with an ADD-PATH identifier.
    let mut w = vec![0, 0, 0, 7];
    w.extend_from_slice(&caps[0].nlri);
    let ctx = DecodeContext::default().with_add_path(F);
    let n = Registry::default()
        .iter(F, Cursor::new(&w), &ctx)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(n.path_id(), Some(7));
    assert_eq!(n.offset(), 4);
    let owned = n.to_owned();
    assert_eq!(owned.wire(), &caps[0].nlri[..]);
    assert_eq!(
        owned.to_string(),
        "[1][rd 65000:1][esi 01:aa:bb:cc:dd:ee:ff:00:64:00][etag 200][label 300]"
    );
}

/// A user decoder that keeps EVPN NLRI opaque, registered over the built-in one.
#[derive(Debug)]
struct KeepRaw;

impl FamilyDecoder for KeepRaw {
    fn families(&self) -> &[Family] {
        &[Family::L2VPN_EVPN]
    }
    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        EVPN.split(family, cur, ctx)
    }
    fn decode<'a>(
        &self,
        _family: Family,
        wire: &'a [u8],
        _offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        Ok(Decoded::Opaque { raw: wire })
    }
}

static KEEP_RAW: KeepRaw = KeepRaw;

#[test]
fn user_decoder_replaces_the_built_in() {
    let caps = load("evpn_gobgp.hex");
    let mut reg = Registry::default();
    reg.register(&KEEP_RAW);
    let ctx = DecodeContext::default();
    let got: Vec<_> = reg
        .iter(F, Cursor::new(&caps[1].nlri), &ctx)
        .map(|n| n.unwrap().decode().unwrap())
        .collect();
    assert_eq!(
        got,
        [Decoded::Opaque {
            raw: &caps[1].nlri[..]
        }]
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let ctx = DecodeContext::default();
        for n in Registry::default().iter(F, Cursor::new(&bytes), &ctx).flatten() {
            if let Ok(d) = n.decode() {
                let _ = (d.to_string(), serde_json::to_string(&d).unwrap(), d.prefix());
            }
        }
        let _ = EVPN.decode(F, &bytes, 0, &ctx);
    }

    #[test]
    fn framed_random_bodies_never_panic(t in 0u8..8, body in proptest::collection::vec(any::<u8>(), 0..70)) {
        let w = nlri(t, &body);
        if let Ok(d) = EVPN.decode(F, &w, 0, &DecodeContext::default()) {
            let _ = (d.to_string(), serde_json::to_string(&d).unwrap());
        }
    }
}

/// A type 5 prefix with bits set past its length (10.0.0.1/24) is reported, as unicast reports
/// it, rather than silently shown as 10.0.0.0/24.
#[test]
fn ip_prefix_host_bits_are_reported() {
    let body = |addr: &str| hex(&format!("{RD} {ESI0} 00000000 18 {addr} 00000000 000064"));
    let wire = nlri(5, &body("0a000001"));
    let set = one(&wire).unwrap();
    assert!(matches!(
        set,
        Evpn::IpPrefix {
            host_bits_set: true,
            ..
        }
    ));
    assert_eq!(set.prefix().unwrap().to_string(), "10.0.0.0/24");
    assert!(serde_json::to_string(&set)
        .unwrap()
        .contains(r#""host_bits_set":true"#));
    let wire = nlri(5, &body("0a000000"));
    let clear = one(&wire).unwrap();
    assert!(matches!(
        clear,
        Evpn::IpPrefix {
            host_bits_set: false,
            ..
        }
    ));
    assert!(!serde_json::to_string(&clear).unwrap().contains("host_bits"));
}
