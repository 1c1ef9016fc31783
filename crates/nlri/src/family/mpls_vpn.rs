//! VPNv4/VPNv6 NLRI (SAFI 128; RFC 4364 §4.3.4, RFC 4659 §3.2) and multicast VPN (SAFI 129,
//! RFC 6513 §5: the same encoding).
//!
//! Wire form: a length in bits, the label stack (RFC 8277), an 8-octet route distinguisher, then
//! the prefix octets.

use ribcage_buffer::Cursor;

use super::labeled_unicast::{parse_labeled, split_labeled};
use crate::{DecodeContext, Decoded, Error, Family, FamilyDecoder, FieldPolicies};

/// Decoder for VPNv4/VPNv6 unicast (SAFI 128) and multicast (SAFI 129).
#[derive(Debug)]
pub struct MplsVpnDecoder;

/// The built-in VPNv4/VPNv6 decoder.
pub static MPLS_VPN: MplsVpnDecoder = MplsVpnDecoder;

impl FamilyDecoder for MplsVpnDecoder {
    fn families(&self) -> &[Family] {
        &[
            Family::IPV4_MPLS_VPN,
            Family::IPV6_MPLS_VPN,
            Family::IPV4_MULTICAST_VPN,
            Family::IPV6_MULTICAST_VPN,
        ]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_labeled(family, cur, ctx, true)
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        let p = parse_labeled(family, wire, offset, ctx, true)?;
        Ok(Decoded::Vpn {
            rd: p.rd.unwrap_or_default(),
            labels: p.labels,
            prefix: p.prefix,
            host_bits_set: p.host_bits_set,
        })
    }

    /// A VPNv4 NLRI is at most 16 octets and each is held about once: every field inline.
    fn policies(&self) -> FieldPolicies {
        FieldPolicies::recommended(16, 1)
    }
}
