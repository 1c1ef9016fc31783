//! The [`FamilyDecoder`] trait every address family implements, and [`Decoded`], the fields of
//! one NLRI.

use std::fmt;

use ribcage_buffer::Cursor;

use crate::{DecodeContext, Error, Family, Prefix};

/// Decodes the NLRI of one or more address families.
///
/// A decoder splits NLRI off a run (validating their framing) and, separately, decodes the fields
/// of one NLRI from its wire bytes when asked. Built-in decoders are `static`s listed in
/// [`DEFAULT_FAMILIES`](crate::DEFAULT_FAMILIES); users add their own (or replace a built-in) with
/// [`Registry::register`](crate::Registry::register).
pub trait FamilyDecoder: Send + Sync + fmt::Debug {
    /// The families this decoder handles.
    fn families(&self) -> &[Family];

    /// Splits one NLRI (after any ADD-PATH identifier, which the registry reads) off `cur` and
    /// returns its wire bytes, length fields included. Validates enough that the NLRI's extent is
    /// certain; field contents are checked by [`FamilyDecoder::decode`].
    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error>;

    /// Decodes the fields of one NLRI from the wire bytes [`FamilyDecoder::split`] returned;
    /// `offset` is the absolute offset of `wire[0]`, for errors.
    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error>;
}

/// The decoded fields of one NLRI. Family modules add their own variants.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Decoded<'a> {
    /// A unicast or multicast prefix (SAFI 1, 2; RFC 4760).
    Unicast {
        /// The prefix, host bits cleared.
        prefix: Prefix,
        /// Whether the wire form had bits set past the prefix length (kept as received).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        host_bits_set: bool,
    },
    /// An EVPN route (AFI 25 / SAFI 70; RFC 7432, RFC 9136).
    Evpn(crate::family::evpn::Evpn<'a>),
    /// A FlowSpec rule (SAFI 133, 134; RFC 8955, RFC 8956).
    #[serde(rename = "flowspec")]
    FlowSpec(crate::family::flowspec::FlowSpec<'a>),
    /// An SR Policy (SAFI 73; RFC 9830).
    SrPolicy(crate::family::sr_policy::SrPolicy),
    /// An SRv6 Mobile User Plane route (SAFI 85; draft-ietf-bess-mup-safi).
    Mup(crate::family::mup::Mup<'a>),
    /// A BGP-LS NLRI, opaque past its header (AFI 16388 / SAFI 71, 72; RFC 9552).
    BgpLs(crate::family::bgp_ls::BgpLs<'a>),
    /// NLRI of a family no registered decoder understands, kept byte for byte.
    Opaque {
        /// The NLRI bytes as received.
        #[serde(serialize_with = "crate::decoder::hex")]
        raw: &'a [u8],
    },
}

impl Decoded<'_> {
    /// The IP prefix this NLRI carries, for families that carry one.
    pub fn prefix(&self) -> Option<Prefix> {
        match self {
            Decoded::Unicast { prefix, .. } => Some(*prefix),
            Decoded::Evpn(e) => e.prefix(),
            Decoded::FlowSpec(_) | Decoded::SrPolicy(_) | Decoded::BgpLs(_) => None,
            Decoded::Mup(m) => m.prefix(),
            Decoded::Opaque { .. } => None,
        }
    }
}

impl fmt::Display for Decoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decoded::Unicast { prefix, .. } => write!(f, "{prefix}"),
            Decoded::Evpn(e) => write!(f, "{e}"),
            Decoded::FlowSpec(fs) => write!(f, "{fs}"),
            Decoded::SrPolicy(p) => write!(f, "{p}"),
            Decoded::Mup(m) => write!(f, "{m}"),
            Decoded::BgpLs(l) => write!(f, "{l}"),
            Decoded::Opaque { raw } => {
                f.write_str("raw:")?;
                raw.iter().try_for_each(|b| write!(f, "{b:02x}"))
            }
        }
    }
}

/// Serialises bytes as a lowercase hex string.
pub(crate) fn hex<S: serde::Serializer>(bytes: &&[u8], s: S) -> Result<S::Ok, S::Error> {
    struct Hex<'a>(&'a [u8]);
    impl fmt::Display for Hex<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
        }
    }
    s.collect_str(&Hex(bytes))
}
