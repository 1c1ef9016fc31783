//! The adapters' direct paths agree with `ribcage-attributes`' views.

use super::*;

/// MP_REACH_NLRI split directly or through `ribcage-attributes`' view: the same family, next
/// hop, NLRI and offsets, or the same error, for every SAFI of a few AFIs, next hop lengths
/// from 0 to 49 and values cut inside the next hop, before the reserved octet, or whole.
#[test]
fn direct_mp_reach_agrees_with_the_view() {
    let show = |r: Result<MpReach<'_>, Error>| format!("{r:?}");
    let mut checked = 0;
    for afi in [0u16, 1, 2, 3, 25, 0x4001] {
        for safi in 0..=255u8 {
            for nh_len in 0..50u8 {
                let mut v = vec![(afi >> 8) as u8, afi as u8, safi, nh_len];
                v.extend((0..nh_len).map(|i| i.wrapping_mul(7)));
                v.push(0);
                v.extend_from_slice(&[24, 10, 0, 0]);
                let n = usize::from(nh_len);
                for cut in [3, 4 + n / 2, 4 + n, 5 + n, v.len()] {
                    let w = &v[..cut.min(v.len())];
                    assert_eq!(
                        show(MpReach::parse(w, 9)),
                        show(MpReach::parse_checked(w, 9)),
                        "afi {afi} safi {safi} next hop {nh_len} cut {cut}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 300_000);
}
