//! SR Policy NLRI (SAFI 73; RFC 9830 §2.1).
//!
//! Wire form: a length in bits (96 for IPv4, 192 for IPv6), a 4-octet distinguisher, a 4-octet
//! policy color and the endpoint, an IPv4 or IPv6 address as the AFI says.
//!
//! ```
//! use ribcage_nlri::family::sr_policy::SR_POLICY;
//! use ribcage_nlri::{Afi, DecodeContext, Family, FamilyDecoder, Safi};
//!
//! let wire = [96, 0, 0, 0, 1, 0, 0, 0, 100, 192, 0, 2, 1];
//! let family = Family::new(Afi::IPV4, Safi::SR_POLICY);
//! let d = SR_POLICY.decode(family, &wire, 0, &DecodeContext::default()).unwrap();
//! assert_eq!(d.to_string(), "[distinguisher 1][color 100][endpoint 192.0.2.1]");
//! assert_eq!(
//!     serde_json::to_string(&d).unwrap(),
//!     r#"{"kind":"sr_policy","distinguisher":1,"color":100,"endpoint":"192.0.2.1"}"#
//! );
//! ```

use std::fmt;
use std::net::IpAddr;

use ribcage_buffer::Cursor;

use super::wire::{addr_len, split_bits, Reader};
use crate::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Safi};

/// Decoder for IPv4/IPv6 SR Policy NLRI.
#[derive(Debug)]
pub struct SrPolicyDecoder;

/// The built-in SR Policy decoder.
pub static SR_POLICY: SrPolicyDecoder = SrPolicyDecoder;

/// The fields of one SR Policy NLRI (RFC 9830 §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct SrPolicy {
    /// Distinguisher: makes otherwise equal policies distinct NLRI.
    pub distinguisher: u32,
    /// Policy color.
    pub color: u32,
    /// Endpoint address (all zero for a null endpoint).
    pub endpoint: IpAddr,
}

impl fmt::Display for SrPolicy {
    /// `[distinguisher 1][color 100][endpoint 192.0.2.1]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[distinguisher {}][color {}][endpoint {}]",
            self.distinguisher, self.color, self.endpoint
        )
    }
}

/// The families this module decodes.
const FAMILIES: &[Family] = &[
    Family::new(Afi::IPV4, Safi::SR_POLICY),
    Family::new(Afi::IPV6, Safi::SR_POLICY),
];

impl FamilyDecoder for SrPolicyDecoder {
    fn families(&self) -> &[Family] {
        FAMILIES
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_bits(family, cur, |_, _| Ok(()))
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        decode_sr_policy(family, wire, offset).map(Decoded::SrPolicy)
    }
}

/// Decodes one SR Policy NLRI; `offset` is the absolute offset of `wire[0]`.
pub(crate) fn decode_sr_policy(
    family: Family,
    wire: &[u8],
    offset: usize,
) -> Result<SrPolicy, Error> {
    let mut r = Reader::new(family, wire, offset);
    let bits = r.u8()?;
    let width = addr_len(family.afi);
    if usize::from(bits) != 64 + width * 8 {
        return Err(Error::Length {
            family,
            what: "sr policy length in bits",
            length: bits.into(),
            offset,
        });
    }
    let distinguisher = r.u32()?;
    let color = r.u32()?;
    let endpoint = r.ip(width)?;
    r.finish()?;
    Ok(SrPolicy {
        distinguisher,
        color,
        endpoint,
    })
}
