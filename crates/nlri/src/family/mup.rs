//! BGP Mobile User Plane NLRI (SAFI 85; draft-ietf-bess-mup-safi §3.1), IPv4 and IPv6.
//!
//! Wire form: an architecture type octet, a 2-octet route type, a length octet, then `length`
//! octets of route-type-specific fields. The four route types of the 3GPP 5G architecture
//! (type 1) are decoded; other architectures and route types are kept raw with their codes.
//!
//! ```
//! use ribcage_nlri::family::mup::MUP;
//! use ribcage_nlri::{Afi, DecodeContext, Family, FamilyDecoder, Safi};
//!
//! // Direct Segment Discovery, RD 100:100, address 10.0.0.1.
//! let wire = [1, 0, 2, 12, 0, 0, 0, 100, 0, 0, 0, 100, 10, 0, 0, 1];
//! let family = Family::new(Afi::IPV4, Safi::MUP);
//! let d = MUP.decode(family, &wire, 0, &DecodeContext::default()).unwrap();
//! assert_eq!(d.to_string(), "[dsd][rd 100:100][address 10.0.0.1]");
//! assert_eq!(
//!     serde_json::to_string(&d).unwrap(),
//!     r#"{"kind":"mup","route":"direct_segment_discovery","rd":"100:100","address":"10.0.0.1"}"#
//! );
//! ```

use std::fmt;
use std::net::IpAddr;

use ribcage_buffer::Cursor;

use super::wire::{addr_len, codepoint_fmt, hex, ip_from, split_typed, Hex, Reader};
use crate::RouteDistinguisher;
use crate::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Prefix, Safi};

/// Decoder for IPv4/IPv6 MUP NLRI.
#[derive(Debug)]
pub struct MupDecoder;

/// The built-in MUP decoder.
pub static MUP: MupDecoder = MupDecoder;

/// MUP architecture type (draft-ietf-bess-mup-safi §3.1, IANA "BGP MUP Architecture Types").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MupArchType(pub u8);

impl MupArchType {
    /// 3GPP 5G.
    pub const GPP_5G: Self = Self(1);

    /// The name, or `None` for types without one here.
    pub fn name(self) -> Option<&'static str> {
        (self == Self::GPP_5G).then_some("3gpp-5g")
    }
}
codepoint_fmt!(MupArchType);

/// MUP route type (draft-ietf-bess-mup-safi §3.1, IANA "BGP MUP Route Types").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MupRouteType(pub u16);

impl MupRouteType {
    /// Interwork Segment Discovery route (§3.1.1).
    pub const INTERWORK_SEGMENT_DISCOVERY: Self = Self(1);
    /// Direct Segment Discovery route (§3.1.2).
    pub const DIRECT_SEGMENT_DISCOVERY: Self = Self(2);
    /// Type 1 Session Transformed route (§3.1.3).
    pub const TYPE1_SESSION_TRANSFORMED: Self = Self(3);
    /// Type 2 Session Transformed route (§3.1.4).
    pub const TYPE2_SESSION_TRANSFORMED: Self = Self(4);

    /// The short name (`isd`, `dsd`, `t1st`, `t2st`), or `None` for unknown types.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            1 => "isd",
            2 => "dsd",
            3 => "t1st",
            4 => "t2st",
            _ => return None,
        })
    }
}
codepoint_fmt!(MupRouteType);

/// The fields of one MUP NLRI. Serialises with `"route"` naming the route type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "route", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mup<'a> {
    /// Interwork Segment Discovery route (§3.1.1).
    InterworkSegmentDiscovery {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// The prefix.
        prefix: Prefix,
    },
    /// Direct Segment Discovery route (§3.1.2).
    DirectSegmentDiscovery {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// The address.
        address: IpAddr,
    },
    /// Type 1 Session Transformed route, 3GPP 5G (§3.1.3).
    Type1SessionTransformed {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// The UE prefix.
        prefix: Prefix,
        /// GTP tunnel endpoint identifier.
        teid: u32,
        /// QoS flow identifier.
        qfi: u8,
        /// Tunnel endpoint address.
        endpoint: IpAddr,
        /// Tunnel source address, when present (added in draft revision 03).
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<IpAddr>,
        /// Octets after the source address (TLVs of later revisions), kept as received.
        #[serde(skip_serializing_if = "<[u8]>::is_empty", serialize_with = "hex")]
        extra: &'a [u8],
    },
    /// Type 2 Session Transformed route, 3GPP 5G (§3.1.4).
    Type2SessionTransformed {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Endpoint length in bits: the address's bits plus the TEID's.
        endpoint_len: u8,
        /// Tunnel endpoint address.
        endpoint: IpAddr,
        /// The TEID's leading `endpoint_len - address bits` bits, left-aligned (the whole TEID
        /// when 32 bits are present); `None` when the route carries no TEID bits.
        #[serde(skip_serializing_if = "Option::is_none")]
        teid: Option<u32>,
    },
    /// An architecture or route type this crate does not decode, kept as received.
    Other {
        /// The architecture type.
        arch: MupArchType,
        /// The route type.
        route_type: MupRouteType,
        /// The route-type-specific octets.
        #[serde(serialize_with = "hex")]
        raw: &'a [u8],
    },
}

impl Mup<'_> {
    /// The route distinguisher (every known route type carries one).
    pub fn rd(&self) -> Option<RouteDistinguisher> {
        match self {
            Mup::InterworkSegmentDiscovery { rd, .. }
            | Mup::DirectSegmentDiscovery { rd, .. }
            | Mup::Type1SessionTransformed { rd, .. }
            | Mup::Type2SessionTransformed { rd, .. } => Some(*rd),
            Mup::Other { .. } => None,
        }
    }

    /// The route type.
    pub fn route_type(&self) -> MupRouteType {
        match self {
            Mup::InterworkSegmentDiscovery { .. } => MupRouteType::INTERWORK_SEGMENT_DISCOVERY,
            Mup::DirectSegmentDiscovery { .. } => MupRouteType::DIRECT_SEGMENT_DISCOVERY,
            Mup::Type1SessionTransformed { .. } => MupRouteType::TYPE1_SESSION_TRANSFORMED,
            Mup::Type2SessionTransformed { .. } => MupRouteType::TYPE2_SESSION_TRANSFORMED,
            Mup::Other { route_type, .. } => *route_type,
        }
    }

    /// The prefix of an Interwork Segment Discovery or Type 1 Session Transformed route.
    pub fn prefix(&self) -> Option<Prefix> {
        match self {
            Mup::InterworkSegmentDiscovery { prefix, .. }
            | Mup::Type1SessionTransformed { prefix, .. } => Some(*prefix),
            _ => None,
        }
    }
}

impl fmt::Display for Mup<'_> {
    /// `[isd][rd 100:100][prefix 10.0.0.0/24]`, `[t2st][rd 100:100][endpoint 10.0.0.1][teid
    /// 12345]` (a TEID of fewer than 32 bits as left-aligned hex with its length:
    /// `[teid 0x12340000/16]`; none when 0 bits), ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mup::InterworkSegmentDiscovery { rd, prefix } => {
                write!(f, "[isd][rd {rd}][prefix {prefix}]")
            }
            Mup::DirectSegmentDiscovery { rd, address } => {
                write!(f, "[dsd][rd {rd}][address {address}]")
            }
            Mup::Type1SessionTransformed {
                rd,
                prefix,
                teid,
                qfi,
                endpoint,
                source,
                extra,
            } => {
                write!(
                    f,
                    "[t1st][rd {rd}][prefix {prefix}][teid {teid}][qfi {qfi}][endpoint {endpoint}]"
                )?;
                if let Some(s) = source {
                    write!(f, "[source {s}]")?;
                }
                if !extra.is_empty() {
                    write!(f, "[extra {}]", Hex(extra))?;
                }
                Ok(())
            }
            Mup::Type2SessionTransformed {
                rd,
                endpoint_len,
                endpoint,
                teid,
            } => {
                let addr_bits = if endpoint.is_ipv4() { 32 } else { 128 };
                write!(f, "[t2st][rd {rd}][endpoint {endpoint}]")?;
                match (teid, endpoint_len.saturating_sub(addr_bits)) {
                    (None, _) => Ok(()),
                    (Some(teid), 32) => write!(f, "[teid {teid}]"),
                    (Some(teid), bits) => write!(f, "[teid {teid:#010x}/{bits}]"),
                }
            }
            Mup::Other {
                arch,
                route_type,
                raw,
            } => write!(f, "[arch {arch}][type {}][raw {}]", route_type.0, Hex(raw)),
        }
    }
}

/// The families this module decodes.
const FAMILIES: &[Family] = &[
    Family::new(Afi::IPV4, Safi::MUP),
    Family::new(Afi::IPV6, Safi::MUP),
];

impl FamilyDecoder for MupDecoder {
    fn families(&self) -> &[Family] {
        FAMILIES
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_typed(family, cur, 3, false)
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        decode_mup(family, wire, offset).map(Decoded::Mup)
    }
}

/// Reads `length, prefix octets` as a prefix of the AFI's width.
fn read_prefix(r: &mut Reader<'_>, width: usize) -> Result<Prefix, Error> {
    let at = r.pos();
    let family = r.family;
    let max = (width * 8) as u16;
    let too_long = |bits: u8, offset| Error::PrefixLength {
        family,
        length: bits.into(),
        max,
        offset,
    };
    let (bits, octets) = r.bits_and_octets(|bits, offset| {
        if u16::from(bits) > max {
            return Err(too_long(bits, offset));
        }
        Ok(())
    })?;
    let mut a = [0u8; 16];
    a[..octets.len()].copy_from_slice(octets);
    ip_from(&a[..width])
        .and_then(|ip| Prefix::new(ip, bits))
        .ok_or(too_long(bits, at))
}

/// Reads an address length octet in bits (32 or 128; `0` allowed when `optional`) and the
/// address.
fn read_sized_ip(r: &mut Reader<'_>, optional: bool) -> Result<Option<IpAddr>, Error> {
    let at = r.pos();
    match r.u8()? {
        0 if optional => Ok(None),
        32 => r.ip(4).map(Some),
        128 => r.ip(16).map(Some),
        bits => Err(Error::Value {
            family: r.family,
            what: "mup address length",
            value: bits.into(),
            offset: at,
        }),
    }
}

/// Interwork Segment Discovery (§3.1.1): RD, prefix length, prefix.
fn isd<'a>(r: &mut Reader<'a>, width: usize) -> Result<Mup<'a>, Error> {
    Ok(Mup::InterworkSegmentDiscovery {
        rd: r.rd()?,
        prefix: read_prefix(r, width)?,
    })
}

/// Direct Segment Discovery (§3.1.2): RD, address.
fn dsd<'a>(r: &mut Reader<'a>, width: usize) -> Result<Mup<'a>, Error> {
    Ok(Mup::DirectSegmentDiscovery {
        rd: r.rd()?,
        address: r.ip(width)?,
    })
}

/// Type 1 Session Transformed (§3.1.3): RD, prefix length, prefix, TEID, QFI, endpoint length
/// and address, then (revision 03 on) source length and address, then anything later revisions
/// add.
fn t1st<'a>(r: &mut Reader<'a>, width: usize) -> Result<Mup<'a>, Error> {
    let rd = r.rd()?;
    let prefix = read_prefix(r, width)?;
    let teid = r.u32()?;
    let qfi = r.u8()?;
    let at = r.pos();
    let endpoint = read_sized_ip(r, false)?.ok_or(Error::Value {
        family: r.family,
        what: "mup address length",
        value: 0,
        offset: at,
    })?;
    let source = if r.remaining() > 0 {
        read_sized_ip(r, true)?
    } else {
        None
    };
    let extra = r.rest();
    Ok(Mup::Type1SessionTransformed {
        rd,
        prefix,
        teid,
        qfi,
        endpoint,
        source,
        extra,
    })
}

/// Type 2 Session Transformed (§3.1.4): RD, endpoint length (address bits plus TEID bits),
/// endpoint address, the TEID's leading bits.
fn t2st<'a>(r: &mut Reader<'a>, width: usize) -> Result<Mup<'a>, Error> {
    let rd = r.rd()?;
    let len_at = r.pos();
    let endpoint_len = r.u8()?;
    let teid_bits = usize::from(endpoint_len)
        .checked_sub(width * 8)
        .filter(|&b| b <= 32)
        .ok_or(Error::Value {
            family: r.family,
            what: "mup endpoint length",
            value: endpoint_len.into(),
            offset: len_at,
        })?;
    let endpoint = r.ip(width)?;
    let t = r.bytes(teid_bits.div_ceil(8))?;
    let mut a = [0u8; 4];
    a[..t.len()].copy_from_slice(t);
    Ok(Mup::Type2SessionTransformed {
        rd,
        endpoint_len,
        endpoint,
        teid: (teid_bits > 0).then(|| u32::from_be_bytes(a)),
    })
}

/// Decodes one MUP NLRI; `offset` is the absolute offset of `wire[0]`.
pub(crate) fn decode_mup(family: Family, wire: &[u8], offset: usize) -> Result<Mup<'_>, Error> {
    let mut outer = Reader::new(family, wire, offset);
    let arch = MupArchType(outer.u8()?);
    let route_type = MupRouteType(outer.u16()?);
    let len_at = outer.pos();
    let len = usize::from(outer.u8()?);
    let body = outer.bytes(len)?;
    outer.finish()?;
    if arch != MupArchType::GPP_5G || route_type.name().is_none() {
        return Ok(Mup::Other {
            arch,
            route_type,
            raw: body,
        });
    }
    let mismatch = Error::Length {
        family,
        what: "mup route length",
        length: len,
        offset: len_at,
    };
    let width = addr_len(family.afi);
    let mut r = Reader::new(family, body, len_at.saturating_add(1));
    let route = match route_type {
        MupRouteType::INTERWORK_SEGMENT_DISCOVERY => isd(&mut r, width),
        MupRouteType::DIRECT_SEGMENT_DISCOVERY => dsd(&mut r, width),
        MupRouteType::TYPE1_SESSION_TRANSFORMED => t1st(&mut r, width),
        _ => t2st(&mut r, width),
    }
    .map_err(|e| match e {
        Error::Truncated { .. } => mismatch.clone(),
        e => e,
    })?;
    r.end("mup route length", len, len_at)?;
    Ok(route)
}
