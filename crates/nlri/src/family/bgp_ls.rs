//! BGP-LS NLRI (AFI 16388 / SAFI 71 and 72; RFC 9552 §5.2), kept opaque past its header.
//!
//! Wire form: a 2-octet NLRI type, a 2-octet length, then (SAFI 72) a route distinguisher and
//! the type-specific fields. Every known type starts with a Protocol-ID octet and an 8-octet
//! Identifier, which are decoded; the descriptor TLVs after them are kept as received.
//!
//! ```
//! use ribcage_nlri::family::bgp_ls::BGP_LS;
//! use ribcage_nlri::{Afi, DecodeContext, Family, FamilyDecoder, Safi};
//!
//! // A node NLRI: OSPFv2, identifier 0, an empty local node descriptors TLV (256).
//! let wire = [0, 1, 0, 13, 3, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];
//! let family = Family::new(Afi::BGP_LS, Safi::BGP_LS);
//! let d = BGP_LS.decode(family, &wire, 0, &DecodeContext::default()).unwrap();
//! assert_eq!(d.to_string(), "[node][protocol 3][id 0][raw 01000000]");
//! assert_eq!(
//!     serde_json::to_string(&d).unwrap(),
//!     r#"{"kind":"bgp_ls","nlri_type":1,"protocol_id":3,"identifier":0,"raw":"01000000"}"#
//! );
//! ```

use std::fmt;

use ribcage_buffer::Cursor;

use super::wire::{codepoint_fmt, hex, split_typed, Hex, Reader};
use crate::RouteDistinguisher;
use crate::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Safi};

/// Decoder for BGP-LS and BGP-LS-VPN NLRI.
#[derive(Debug)]
pub struct BgpLsDecoder;

/// The built-in BGP-LS decoder.
pub static BGP_LS: BgpLsDecoder = BgpLsDecoder;

/// BGP-LS NLRI type (IANA "BGP-LS NLRI Types"; RFC 9552 §5.2).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LsNlriType(pub u16);

impl LsNlriType {
    /// Node NLRI (RFC 9552 §5.2).
    pub const NODE: Self = Self(1);
    /// Link NLRI (RFC 9552 §5.2).
    pub const LINK: Self = Self(2);
    /// IPv4 Topology Prefix NLRI (RFC 9552 §5.2).
    pub const IPV4_PREFIX: Self = Self(3);
    /// IPv6 Topology Prefix NLRI (RFC 9552 §5.2).
    pub const IPV6_PREFIX: Self = Self(4);
    /// SR Policy Candidate Path NLRI (RFC 9857).
    pub const SR_POLICY_CANDIDATE_PATH: Self = Self(5);
    /// SRv6 SID NLRI (RFC 9514 §6).
    pub const SRV6_SID: Self = Self(6);

    /// The name, or `None` for types without one here.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            1 => "node",
            2 => "link",
            3 => "ipv4-prefix",
            4 => "ipv6-prefix",
            5 => "sr-policy-candidate-path",
            6 => "srv6-sid",
            _ => return None,
        })
    }
}
codepoint_fmt!(LsNlriType);

/// One BGP-LS NLRI: its type, the common header fields, and the rest kept as received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct BgpLs<'a> {
    /// The NLRI type.
    pub nlri_type: LsNlriType,
    /// The route distinguisher (SAFI 72 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rd: Option<RouteDistinguisher>,
    /// The Protocol-ID (RFC 9552 §5.2: 1 IS-IS L1, 2 IS-IS L2, 3 OSPFv2, 4 Direct, 5 Static,
    /// 6 OSPFv3, 7 BGP), for the known NLRI types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_id: Option<u8>,
    /// The Identifier (RFC 9552 §5.2), for the known NLRI types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<u64>,
    /// The octets after the fields above (the descriptor TLVs), as received.
    #[serde(serialize_with = "hex")]
    pub raw: &'a [u8],
}

impl fmt::Display for BgpLs<'_> {
    /// `[node][protocol 2][id 0][raw 0100...]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.nlri_type)?;
        if let Some(rd) = &self.rd {
            write!(f, "[rd {rd}]")?;
        }
        if let Some(p) = self.protocol_id {
            write!(f, "[protocol {p}]")?;
        }
        if let Some(id) = self.identifier {
            write!(f, "[id {id}]")?;
        }
        write!(f, "[raw {}]", Hex(self.raw))
    }
}

/// The families this module decodes.
const FAMILIES: &[Family] = &[
    Family::new(Afi::BGP_LS, Safi::BGP_LS),
    Family::new(Afi::BGP_LS, Safi::BGP_LS_VPN),
];

impl FamilyDecoder for BgpLsDecoder {
    fn families(&self) -> &[Family] {
        FAMILIES
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_typed(family, cur, 2, true)
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        decode_bgp_ls(family, wire, offset).map(Decoded::BgpLs)
    }
}

/// Decodes one BGP-LS NLRI's header fields; `offset` is the absolute offset of `wire[0]`.
pub(crate) fn decode_bgp_ls(
    family: Family,
    wire: &[u8],
    offset: usize,
) -> Result<BgpLs<'_>, Error> {
    let mut outer = Reader::new(family, wire, offset);
    let nlri_type = LsNlriType(outer.u16()?);
    let len_at = outer.pos();
    let len = usize::from(outer.u16()?);
    let body = outer.bytes(len)?;
    outer.finish()?;
    let mut r = Reader::new(family, body, len_at.saturating_add(2));
    let short = Error::Length {
        family,
        what: "bgp-ls nlri length",
        length: len,
        offset: len_at,
    };
    let rd = if family.safi == Safi::BGP_LS_VPN {
        Some(r.rd().map_err(|_| short.clone())?)
    } else {
        None
    };
    let (protocol_id, identifier) = if nlri_type.name().is_some() {
        let p = r.u8().map_err(|_| short.clone())?;
        let id = r.u64().map_err(|_| short.clone())?;
        (Some(p), Some(id))
    } else {
        (None, None)
    };
    let raw = r.rest();
    Ok(BgpLs {
        nlri_type,
        rd,
        protocol_id,
        identifier,
        raw,
    })
}
