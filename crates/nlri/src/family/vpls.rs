//! VPLS NLRI (AFI 25 / SAFI 65; RFC 4761 §3.2.2), and the BGP auto-discovery NLRI that shares
//! the family (RFC 6074 §7.1).
//!
//! Wire form: a 2-octet length in octets, then either RD (8), VE ID (2), VE block offset (2),
//! VE block size (2), label base (3) — length 17 — or RD (8), PE IPv4 address (4) — length 12.

use std::fmt;
use std::net::Ipv4Addr;

use ribcage_buffer::Cursor;

use super::wire::{split_typed, Reader};
use crate::{DecodeContext, Decoded, Error, Family, FamilyDecoder, Label, RouteDistinguisher};

/// Decoder for L2VPN VPLS.
#[derive(Debug)]
pub struct VplsDecoder;

/// The built-in VPLS decoder.
pub static VPLS: VplsDecoder = VplsDecoder;

/// A VPLS NLRI (RFC 4761 §3.2.2): a block of labels for a VPLS edge device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Vpls {
    /// Route distinguisher.
    pub rd: RouteDistinguisher,
    /// VPLS edge device identifier.
    pub ve_id: u16,
    /// VE block offset.
    pub block_offset: u16,
    /// VE block size.
    pub block_size: u16,
    /// The first label of the block.
    pub label_base: Label,
}

impl fmt::Display for Vpls {
    /// `rd:ve-id:block-offset:block-size:label-base`, e.g. `65000:100:1:1:10:16000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}:{}:{}",
            self.rd, self.ve_id, self.block_offset, self.block_size, self.label_base
        )
    }
}

/// A BGP auto-discovery NLRI for VPLS (RFC 6074 §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct VplsAutoDiscovery {
    /// Route distinguisher.
    pub rd: RouteDistinguisher,
    /// The originating PE's IPv4 address.
    pub pe_address: Ipv4Addr,
}

impl fmt::Display for VplsAutoDiscovery {
    /// `rd:pe-address`, e.g. `65000:100:192.0.2.1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.rd, self.pe_address)
    }
}

/// Length of a VPLS NLRI body (RFC 4761).
const VPLS_LEN: usize = 17;
/// Length of an auto-discovery NLRI body (RFC 6074).
const AD_LEN: usize = 12;

impl FamilyDecoder for VplsDecoder {
    fn families(&self) -> &[Family] {
        &[Family::L2VPN_VPLS]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_typed(family, cur, 0, true)
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        let mut r = Reader::new(family, wire, offset);
        let len = r.u16()?;
        let mut body = Reader::new(family, r.bytes(usize::from(len))?, offset.saturating_add(2));
        r.finish()?;
        match usize::from(len) {
            VPLS_LEN => Ok(Decoded::Vpls(Vpls {
                rd: body.rd()?,
                ve_id: body.u16()?,
                block_offset: body.u16()?,
                block_size: body.u16()?,
                label_base: Label::from_wire(body.array()?),
            })),
            AD_LEN => Ok(Decoded::VplsAutoDiscovery(VplsAutoDiscovery {
                rd: body.rd()?,
                pe_address: Ipv4Addr::from(body.array::<4>()?),
            })),
            n => Err(Error::Length {
                family,
                what: "VPLS NLRI length is neither 17 nor 12",
                length: n,
                offset,
            }),
        }
    }
}
