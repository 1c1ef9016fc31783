//! Malformed input for every family: the error variant and its absolute offset.

use ribcage_buffer::Cursor;
use ribcage_nlri::{DecodeContext, Decoded, Error, Family, Registry};

use crate::util::hex;

/// The first error splitting or decoding the NLRI in `wire` gives; the bytes start at absolute
/// offset 100 so offsets are seen to be absolute.
fn error(family: Family, ctx: &DecodeContext, wire: &str) -> Error {
    let wire = hex(wire);
    let registry = Registry::default();
    for nlri in registry.iter(family, Cursor::with_base(&wire, 100), ctx) {
        match nlri {
            Err(e) => return e,
            Ok(n) => {
                if let Err(e) = n.decode() {
                    return e;
                }
            }
        }
    }
    panic!("{family} {wire:02x?} decoded without error");
}

fn check(family: Family, ctx: DecodeContext, wire: &str, want: Error) {
    let got = error(family, &ctx, wire);
    assert_eq!(got, want, "{family} {wire}");
    assert_eq!(got.offset(), want.offset());
}

const V4LU: Family = Family::IPV4_LABELED_UNICAST;
const V4VPN: Family = Family::IPV4_MPLS_VPN;

#[test]
fn labeled_unicast() {
    let ctx = DecodeContext::default();
    // Length 48 bits: 6 octets announced, 5 present.
    check(
        V4LU,
        ctx,
        "300006410a01",
        Error::Truncated {
            family: V4LU,
            needed: 6,
            available: 5,
            offset: 101,
        },
    );
    // One label and 33 prefix bits.
    check(
        V4LU,
        ctx,
        "390006410a01000000",
        Error::PrefixLength {
            family: V4LU,
            length: 33,
            max: 32,
            offset: 100,
        },
    );
    // 16 bits: not even one label.
    check(
        V4LU,
        ctx,
        "1003e8",
        Error::Truncated {
            family: V4LU,
            needed: 3,
            available: 2,
            offset: 101,
        },
    );
    // Two labels negotiated, the first without bottom of stack, and nothing after it.
    check(
        V4LU,
        ctx.with_max_labels(2),
        "1803e800",
        Error::Truncated {
            family: V4LU,
            needed: 3,
            available: 0,
            offset: 104,
        },
    );
    // IPv6: 129 prefix bits.
    check(
        Family::IPV6_LABELED_UNICAST,
        ctx,
        &format!("99000641{}", "00".repeat(17)),
        Error::PrefixLength {
            family: Family::IPV6_LABELED_UNICAST,
            length: 129,
            max: 128,
            offset: 100,
        },
    );
}

#[test]
fn vpn() {
    let ctx = DecodeContext::default();
    // 56 bits: a label and half an RD.
    check(
        V4VPN,
        ctx,
        "380006410000fde8",
        Error::Length {
            family: V4VPN,
            what: "shorter than its labels and route distinguisher",
            length: 56,
            offset: 100,
        },
    );
    // 128 bits: label, RD and 40 prefix bits.
    check(
        V4VPN,
        ctx,
        "800006410000fde8000000010a00000000",
        Error::PrefixLength {
            family: V4VPN,
            length: 40,
            max: 32,
            offset: 100,
        },
    );
    // Length past the buffer.
    check(
        V4VPN,
        ctx,
        "700006410000fde800000001",
        Error::Truncated {
            family: V4VPN,
            needed: 14,
            available: 11,
            offset: 101,
        },
    );
    // SAFI 129 frames the same way.
    check(
        Family::IPV4_MULTICAST_VPN,
        ctx,
        "ff00",
        Error::Truncated {
            family: Family::IPV4_MULTICAST_VPN,
            needed: 32,
            available: 1,
            offset: 101,
        },
    );
}

#[test]
fn vpn_rd_of_unknown_type_is_kept() {
    let wire = hex("700006410005010203040506c00002");
    let ctx = DecodeContext::default();
    let registry = Registry::default();
    let n = registry
        .iter(V4VPN, Cursor::new(&wire), &ctx)
        .next()
        .unwrap()
        .unwrap();
    let d = n.decode().unwrap();
    let rd = d.rd().unwrap();
    assert_eq!(rd.rd_type(), 5);
    assert_eq!(rd.to_string(), "5:0x010203040506");
    assert_eq!(
        rd.to_string().parse::<ribcage_nlri::RouteDistinguisher>(),
        Ok(rd)
    );
    assert_eq!(n.to_string(), "5:0x010203040506:192.0.2.0/24 label 100");
}

#[test]
fn vpls() {
    let ctx = DecodeContext::default();
    let f = Family::L2VPN_VPLS;
    check(
        f,
        ctx,
        "00110000fde8000000640001",
        Error::Truncated {
            family: f,
            needed: 17,
            available: 10,
            offset: 102,
        },
    );
    check(
        f,
        ctx,
        "000f0000fde80000006400010001000a03",
        Error::Length {
            family: f,
            what: "VPLS NLRI length is neither 17 nor 12",
            length: 15,
            offset: 100,
        },
    );
    check(
        f,
        ctx,
        "00",
        Error::Truncated {
            family: f,
            needed: 2,
            available: 1,
            offset: 100,
        },
    );
}

#[test]
fn rt_constraint() {
    let ctx = DecodeContext::default();
    let f = Family::IPV4_RT_CONSTRAINT;
    check(
        f,
        ctx,
        "610000fde80002fde80000006400",
        Error::PrefixLength {
            family: f,
            length: 97,
            max: 96,
            offset: 100,
        },
    );
    check(
        f,
        ctx,
        "100000",
        Error::Length {
            family: f,
            what: "RT-Constraint length between 1 and 31 bits",
            length: 16,
            offset: 100,
        },
    );
    check(
        f,
        ctx,
        "600000fde8",
        Error::Truncated {
            family: f,
            needed: 12,
            available: 4,
            offset: 101,
        },
    );
}

#[test]
fn mvpn() {
    let ctx = DecodeContext::default();
    let f = Family::IPV4_MVPN;
    let rd = "0000fde800000001";
    // Route length past the buffer.
    check(
        f,
        ctx,
        &format!("0716{rd}"),
        Error::Truncated {
            family: f,
            needed: 22,
            available: 8,
            offset: 102,
        },
    );
    // Type 1 with a 3-octet originator.
    check(
        f,
        ctx,
        &format!("010b{rd}0a0000"),
        Error::Length {
            family: f,
            what: "originating router's IP address is neither 4 nor 16 octets",
            length: 3,
            offset: 110,
        },
    );
    // Type 7 with a 24-bit source length.
    check(
        f,
        ctx,
        &format!("0710{rd}0000fde818c00002"),
        Error::Value {
            family: f,
            what: "multicast address length (bits)",
            value: 24,
            offset: 114,
        },
    );
    // Type 5 with a trailing octet.
    check(
        f,
        ctx,
        &format!("0513{rd}20c000020120e801010100"),
        Error::Length {
            family: f,
            what: "MCAST-VPN route longer than its fields",
            length: 19,
            offset: 101,
        },
    );
    // Type 2 with half a source AS.
    check(
        f,
        ctx,
        &format!("020a{rd}fde8"),
        Error::Truncated {
            family: f,
            needed: 4,
            available: 2,
            offset: 110,
        },
    );
    // Type 4 whose route key runs past the route.
    check(
        f,
        ctx,
        "04050316000000",
        Error::Truncated {
            family: f,
            needed: 24,
            available: 5,
            offset: 102,
        },
    );
}

#[test]
fn mvpn_leaf_ad_with_bad_route_key_still_decodes() {
    // The route key (type 1, 3 octets of body) does not decode on its own; the Leaf A-D route
    // keeps it raw.
    let wire = hex("04090103aabbcc0a000002");
    let ctx = DecodeContext::default();
    let registry = Registry::default();
    let n = registry
        .iter(Family::IPV4_MVPN, Cursor::new(&wire), &ctx)
        .next()
        .unwrap()
        .unwrap();
    let d = n.decode().unwrap();
    assert!(matches!(d, Decoded::Mvpn(_)));
    assert_eq!(n.to_string(), "4:[raw:0103aabbcc]:10.0.0.2");
}

#[test]
fn unicast() {
    let ctx = DecodeContext::default();
    check(
        Family::IPV4_UNICAST,
        ctx,
        "210a000000",
        Error::PrefixLength {
            family: Family::IPV4_UNICAST,
            length: 33,
            max: 32,
            offset: 100,
        },
    );
    check(
        Family::IPV6_UNICAST,
        ctx,
        "402001",
        Error::Truncated {
            family: Family::IPV6_UNICAST,
            needed: 8,
            available: 2,
            offset: 101,
        },
    );
}

#[test]
fn add_path_identifier_truncated() {
    let ctx = DecodeContext::default().with_add_path_all(true);
    check(
        V4VPN,
        ctx,
        "000001",
        Error::Truncated {
            family: V4VPN,
            needed: 4,
            available: 3,
            offset: 100,
        },
    );
}
