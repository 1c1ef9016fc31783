//! VPLS NLRI (AFI 25 / SAFI 65; RFC 4761 §3.2.2), and the BGP auto-discovery NLRI that shares
//! the family (RFC 6074 §7.1).
//!
//! Wire form: a 2-octet length in octets, then either RD (8), VE ID (2), VE block offset (2),
//! VE block size (2), label base (3) — length 17 — or RD (8), PE IPv4 address (4) — length 12.

use std::fmt;
use std::net::Ipv4Addr;

use ribcage_buffer::Cursor;

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
        let start = *cur;
        let len = cur.read_u16().map_err(|e| Error::from_buffer(family, e))?;
        cur.skip(usize::from(len))
            .map_err(|e| Error::from_buffer(family, e))?;
        Ok(&start.rest()[..2 + usize::from(len)])
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        let mut cur = Cursor::with_base(wire, offset);
        let len = cur.read_u16().map_err(|e| Error::from_buffer(family, e))?;
        let mut body = cur
            .take(usize::from(len))
            .map_err(|e| Error::from_buffer(family, e))?;
        let rd = |c: &mut Cursor<'_>| {
            c.read_array::<8>()
                .map(RouteDistinguisher)
                .map_err(|e| Error::from_buffer(family, e))
        };
        let buf = |e| Error::from_buffer(family, e);
        match usize::from(len) {
            VPLS_LEN => Ok(Decoded::Vpls(Vpls {
                rd: rd(&mut body)?,
                ve_id: body.read_u16().map_err(buf)?,
                block_offset: body.read_u16().map_err(buf)?,
                block_size: body.read_u16().map_err(buf)?,
                label_base: Label::from_wire(body.read_array::<3>().map_err(buf)?),
            })),
            AD_LEN => Ok(Decoded::VplsAutoDiscovery(VplsAutoDiscovery {
                rd: rd(&mut body)?,
                pe_address: Ipv4Addr::from(body.read_array::<4>().map_err(buf)?),
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
