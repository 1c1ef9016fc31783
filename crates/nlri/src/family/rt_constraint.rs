//! Route Target membership NLRI (AFI 1 / SAFI 132; RFC 4684 §4).
//!
//! Wire form: a length in bits (0 for the default route, else 32 to 96), then that many bits of
//! origin AS (4 octets) followed by a route target extended community (8 octets). A length
//! between 32 and 96 is a prefix of the route target (RFC 4684 §4: "partial" route targets).

use std::fmt;
use std::net::Ipv4Addr;

use ribcage_buffer::Cursor;

use crate::{DecodeContext, Decoded, Error, Family, FamilyDecoder};

/// Decoder for Route Target constraint NLRI.
#[derive(Debug)]
pub struct RtConstraintDecoder;

/// The built-in RT-Constraint decoder.
pub static RT_CONSTRAINT: RtConstraintDecoder = RtConstraintDecoder;

/// The largest RT-Constraint prefix length: origin AS and a whole route target.
const MAX_BITS: u8 = 96;
/// The smallest non-default length: the origin AS alone.
const MIN_BITS: u8 = 32;

/// One RT-Constraint NLRI (RFC 4684 §4): the default route (length 0) or an origin AS with a
/// route target prefix of `length - 32` bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RtConstraint {
    length: u8,
    bytes: [u8; 12],
}

impl RtConstraint {
    /// The prefix length in bits (0, or 32 to 96).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u8 {
        self.length
    }

    /// Whether this is the default route (length 0), which asks for every route target.
    pub fn is_default(&self) -> bool {
        self.length == 0
    }

    /// The origin AS, unless this is the default route.
    pub fn origin_as(&self) -> Option<u32> {
        (!self.is_default()).then(|| {
            u32::from_be_bytes([self.bytes[0], self.bytes[1], self.bytes[2], self.bytes[3]])
        })
    }

    /// The route target prefix octets, bits past the length cleared (zero-padded to 8 octets),
    /// unless this is the default route.
    pub fn route_target(&self) -> Option<[u8; 8]> {
        (!self.is_default()).then(|| {
            let mut rt = [0u8; 8];
            rt.copy_from_slice(&self.bytes[4..]);
            rt
        })
    }

    /// The number of route target bits present (0 to 64).
    pub fn route_target_len(&self) -> u8 {
        self.length.saturating_sub(MIN_BITS)
    }
}

/// Formats a route target extended community (RFC 4360 §4, RFC 5668): `asn:number` or
/// `address:number`; other types as `0xHEX`.
struct RouteTarget<'a>(&'a [u8; 8]);

impl fmt::Display for RouteTarget<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        match (b[0] & 0x3f, b[1]) {
            (0x00, 0x02) => write!(
                f,
                "{}:{}",
                u16::from_be_bytes([b[2], b[3]]),
                u32::from_be_bytes([b[4], b[5], b[6], b[7]])
            ),
            (0x01, 0x02) => write!(
                f,
                "{}:{}",
                Ipv4Addr::new(b[2], b[3], b[4], b[5]),
                u16::from_be_bytes([b[6], b[7]])
            ),
            (0x02, 0x02) => write!(
                f,
                "{}:{}",
                u32::from_be_bytes([b[2], b[3], b[4], b[5]]),
                u16::from_be_bytes([b[6], b[7]])
            ),
            _ => {
                f.write_str("0x")?;
                b.iter().try_for_each(|x| write!(f, "{x:02x}"))
            }
        }
    }
}

impl fmt::Display for RtConstraint {
    /// `default`, or `origin-as:route-target` with `/length` appended when the route target is
    /// partial: `65000:65000:100`, `65000:0x0002fde800000000/64`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.origin_as(), self.route_target()) {
            (Some(asn), Some(rt)) => {
                if self.length == MAX_BITS {
                    write!(f, "{asn}:{}", RouteTarget(&rt))
                } else if self.route_target_len() == 0 {
                    write!(f, "{asn}/{}", self.length)
                } else {
                    write!(f, "{asn}:0x")?;
                    rt.iter().try_for_each(|x| write!(f, "{x:02x}"))?;
                    write!(f, "/{}", self.length)
                }
            }
            _ => f.write_str("default"),
        }
    }
}

impl serde::Serialize for RtConstraint {
    /// `{"length": 96, "origin_as": 65000, "route_target": "65000:100"}`; the default route is
    /// `{"length": 0}`; a partial route target is its zero-padded octets in hex, and is left out
    /// when no bit of it is present (length 32).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("length", &self.length)?;
        if let (Some(asn), Some(rt)) = (self.origin_as(), self.route_target()) {
            m.serialize_entry("origin_as", &asn)?;
            if self.length == MAX_BITS {
                m.serialize_entry("route_target", &format_args!("{}", RouteTarget(&rt)))?;
            } else if self.route_target_len() > 0 {
                m.serialize_entry("route_target", &crate::decoder::Hex(&rt))?;
            }
        }
        m.end()
    }
}

impl FamilyDecoder for RtConstraintDecoder {
    fn families(&self) -> &[Family] {
        &[Family::IPV4_RT_CONSTRAINT]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        let start = *cur;
        let offset = cur.position();
        let bits = cur.read_u8().map_err(|e| Error::from_buffer(family, e))?;
        check_len(family, bits, offset)?;
        let n = usize::from(bits).div_ceil(8);
        cur.skip(n).map_err(|e| Error::from_buffer(family, e))?;
        Ok(&start.rest()[..1 + n])
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        let (&bits, body) = wire.split_first().ok_or(Error::Truncated {
            family,
            needed: 1,
            available: 0,
            offset,
        })?;
        check_len(family, bits, offset)?;
        let n = usize::from(bits).div_ceil(8);
        let body = body.get(..n).ok_or(Error::Truncated {
            family,
            needed: n,
            available: body.len(),
            offset: offset + 1,
        })?;
        let mut bytes = [0u8; 12];
        bytes[..n].copy_from_slice(body);
        if bits % 8 != 0 {
            bytes[n - 1] &= 0xff << (8 - bits % 8);
        }
        Ok(Decoded::RtConstraint(RtConstraint {
            length: bits,
            bytes,
        }))
    }
}

/// Checks an RT-Constraint length: 0, or 32 to 96 (RFC 4684 §4).
fn check_len(family: Family, bits: u8, offset: usize) -> Result<(), Error> {
    if bits > MAX_BITS {
        return Err(Error::PrefixLength {
            family,
            length: bits.into(),
            max: MAX_BITS.into(),
            offset,
        });
    }
    if bits != 0 && bits < MIN_BITS {
        return Err(Error::Length {
            family,
            what: "RT-Constraint length between 1 and 31 bits",
            length: bits.into(),
            offset,
        });
    }
    Ok(())
}
