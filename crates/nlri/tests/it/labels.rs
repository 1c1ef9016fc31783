//! Label stacks under the Multiple Labels capability (RFC 8277 §2.1) and withdrawals (§2.4).

use ribcage_buffer::Cursor;
use ribcage_nlri::{DecodeContext, Decoded, Family, Label, Registry};

use crate::util::hex;

fn decode_all(family: Family, ctx: DecodeContext, wire: &str) -> Vec<String> {
    let wire = hex(wire);
    let registry = Registry::default();
    registry
        .iter(family, Cursor::new(&wire), &ctx)
        .map(|n| n.unwrap().to_string())
        .collect()
}

#[test]
fn three_labels_with_the_capability() {
    // 72 label bits + 24 prefix bits = 96; labels 16000, 16001, 16002 (bottom).
    let wire = "6003e80003e81003e8210a0100";
    let three = DecodeContext::default().with_max_labels(3);
    assert_eq!(
        decode_all(Family::IPV4_LABELED_UNICAST, three, wire),
        ["10.1.0.0/24 label 16000,16001,16002"]
    );
    // Without the capability the stack is still read to its bottom-of-stack bit (as GoBGP
    // sends it).
    assert_eq!(
        decode_all(Family::IPV4_LABELED_UNICAST, DecodeContext::default(), wire),
        ["10.1.0.0/24 label 16000,16001,16002"]
    );
}

#[test]
fn one_label_without_bottom_of_stack_is_one_label() {
    // A sender that leaves the bottom-of-stack bit clear on its single label: no label within
    // the length has the bit, so the stack is the one label negotiated and the rest the prefix.
    let wire = "3003e8000a0100";
    assert_eq!(
        decode_all(Family::IPV4_LABELED_UNICAST, DecodeContext::default(), wire),
        ["10.1.0.0/24 label 16000"]
    );
}

#[test]
fn withdrawal_label_ends_the_stack() {
    let ctx = DecodeContext::default().with_max_labels(3);
    for (wire, raw) in [("308000000a0100", 0x80_0000), ("300000000a0100", 0)] {
        let bytes = hex(wire);
        let registry = Registry::default();
        let n = registry
            .iter(Family::IPV4_LABELED_UNICAST, Cursor::new(&bytes), &ctx)
            .next()
            .unwrap()
            .unwrap();
        let d = n.decode().unwrap();
        let Decoded::Labeled { labels, prefix, .. } = d else {
            panic!("{d:?}");
        };
        assert_eq!(prefix.to_string(), "10.1.0.0/24");
        assert_eq!(labels.len(), 1);
        assert!(labels.is_withdraw_compat());
        assert_eq!(labels.first(), Some(Label(raw)));
    }
    // VPNv4 too.
    assert_eq!(
        decode_all(Family::IPV4_MPLS_VPN, ctx, "708000000000fde8000000010a0000"),
        ["65000:1:10.0.0.0/24 label 524288"]
    );
}

#[test]
fn vpn_with_two_labels() {
    let wire = "8803e80003e8110000fde8000000010a0000";
    assert_eq!(
        decode_all(
            Family::IPV4_MPLS_VPN,
            DecodeContext::default().with_max_labels(2),
            wire
        ),
        ["65000:1:10.0.0.0/24 label 16000,16001"]
    );
}

/// Without the capability, a stack that ends at its bottom-of-stack bit is read to it even when
/// one label would leave room for a prefix: GoBGP's two labels before an IPv6 /48 or an IPv4
/// /8 (as FRR, BIRD and GoBGP themselves read them), not one label and a longer prefix made of
/// the second label's bytes.
#[test]
fn bottom_of_stack_ends_the_stack_before_short_prefixes() {
    let ctx = DecodeContext::default();
    // 48 label bits + 48 prefix bits = 96: labels 200, 201 (bottom), 2001:db8::/48.
    assert_eq!(
        decode_all(
            Family::IPV6_LABELED_UNICAST,
            ctx,
            "60000c80000c9120010db80000"
        ),
        ["2001:db8::/48 label 200,201"]
    );
    // 48 label bits + 8 prefix bits = 56: labels 16000, 16001 (bottom), 10.0.0.0/8.
    assert_eq!(
        decode_all(Family::IPV4_LABELED_UNICAST, ctx, "3803e80003e8110a"),
        ["10.0.0.0/8 label 16000,16001"]
    );
    // VPNv4 likewise: 48 label bits, RD, 8 prefix bits.
    assert_eq!(
        decode_all(
            Family::IPV4_MPLS_VPN,
            ctx,
            "7803e80003e8110000fde8000000010a"
        ),
        ["65000:1:10.0.0.0/8 label 16000,16001"]
    );
}
