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
    // Without the capability the stack is still read to its bottom when one label would leave
    // more bits than a prefix can have (as GoBGP sends).
    assert_eq!(
        decode_all(Family::IPV4_LABELED_UNICAST, DecodeContext::default(), wire),
        ["10.1.0.0/24 label 16000,16001,16002"]
    );
}

#[test]
fn one_label_without_bottom_of_stack_is_one_label() {
    // A sender that leaves the bottom-of-stack bit clear on its single label: with one label
    // negotiated, the rest is the prefix.
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
