//! The direct unicast helpers agree with the decoder they stand in for.

use ribcage_buffer::Cursor;

use super::{handles, split_ok, split_wire, UNICAST};
use crate::{Afi, DecodeContext, Family, FamilyDecoder, Prefix, Safi};

#[test]
fn handles_is_the_decoders_family_list() {
    for afi in 0..=4 {
        for safi in 0..=255 {
            let f = Family::new(Afi(afi), Safi(safi));
            assert_eq!(handles(f), UNICAST.families().contains(&f), "{f}");
        }
    }
}

/// Every length octet, with every count of octets after it from none to one more than the
/// longest prefix needs: `split_ok` succeeds exactly when `split` does, with the same bytes and
/// the same cursor afterwards, and leaves the cursor alone when it declines.
#[test]
fn split_ok_agrees_with_split() {
    let ctx = DecodeContext::default();
    let bytes: Vec<u8> = (0..=18u8).map(|i| i.wrapping_mul(37) ^ 0xa5).collect();
    for family in UNICAST.families() {
        for len in 0..=255u8 {
            for avail in 0..=17 {
                let mut wire = vec![len];
                wire.extend_from_slice(&bytes[..avail]);
                let mut a = Cursor::with_base(&wire, 100);
                let mut b = a;
                let wired = split_wire(*family, &wire);
                let fast = split_ok(*family, &mut a);
                assert_eq!(wired.map(|(w, _)| w), fast);
                if let Some((w, tail)) = wired {
                    assert_eq!(w.len() + tail.len(), wire.len());
                    assert_eq!(tail, a.rest());
                }
                let slow = UNICAST.split(*family, &mut b, &ctx);
                match (fast, slow) {
                    (Some(f), Ok(s)) => {
                        assert_eq!(f, s);
                        assert_eq!(a.position(), b.position());
                    }
                    (None, Err(_)) => assert_eq!(a.position(), 100),
                    (f, s) => panic!("{family} len {len} avail {avail}: {f:?} vs {s:?}"),
                }
            }
        }
    }
}

/// `Prefix::from_wire` (direct for IPv4) against the address built octet by octet and masked
/// by `Prefix::new`, for every length and octet count.
#[test]
fn from_wire_matches_new() {
    let octets: [u8; 17] = [
        0xff, 0x80, 0x7f, 0x01, 0xfe, 0x55, 0xaa, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x81,
        0x92, 0xa3,
    ];
    for (afi, width) in [(Afi::IPV4, 4usize), (Afi::IPV6, 16)] {
        for len in 0..=255u8 {
            for avail in 0..=17 {
                let got = Prefix::from_wire(afi, len, &octets[..avail]);
                let n = usize::from(len).div_ceil(8);
                let want = if usize::from(len) > width * 8 || avail < n {
                    None
                } else {
                    let mut a = [0u8; 16];
                    a[..n].copy_from_slice(&octets[..n]);
                    let addr = if width == 4 {
                        std::net::IpAddr::from([a[0], a[1], a[2], a[3]])
                    } else {
                        std::net::IpAddr::from(a)
                    };
                    Prefix::new(addr, len)
                };
                assert_eq!(got, want, "{afi} len {len} avail {avail}");
            }
        }
    }
}
