//! The [`FamilyDecoder`] trait every address family implements, and [`Decoded`], the fields of
//! one NLRI.

use std::fmt;

use ribcage_buffer::Cursor;

use crate::family::wire::Hex;
use crate::family::{mvpn::Mvpn, rt_constraint::RtConstraint, vpls::Vpls, vpls::VplsAutoDiscovery};
use crate::{DecodeContext, Error, Family, FieldPolicies, Labels, Prefix, RouteDistinguisher};

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

    /// The IP prefix of one NLRI, as [`FamilyDecoder::decode`] then [`Decoded::prefix`] give
    /// it (`None` when the NLRI carries none or does not decode). Decoders whose NLRI are
    /// plain prefixes override it to skip building the [`Decoded`] value.
    fn prefix(
        &self,
        family: Family,
        wire: &[u8],
        offset: usize,
        ctx: &DecodeContext,
    ) -> Option<Prefix> {
        self.decode(family, wire, offset, ctx)
            .ok()
            .and_then(|d| d.prefix())
    }

    /// The intern policy for each field of this decoder's NLRI when held. The default follows
    /// `ribcage-intern`'s break-even rule ([`FieldPolicies::default`]); users override it per
    /// family with [`Registry::set_policies`](crate::Registry::set_policies).
    fn policies(&self) -> FieldPolicies {
        FieldPolicies::default()
    }
}

/// The decoded fields of one NLRI. Family modules add their own variants.
///
/// Serde form (stable): a JSON object whose `kind` is the variant's name in snake_case
/// (`unicast`, `labeled`, `vpn`, `vpls`, `vpls_auto_discovery`, `rt_constraint`, `mvpn`,
/// `evpn`, `flowspec`, `sr_policy`, `mup`, `bgp_ls`, `opaque`) beside the variant's fields.
/// One concept has one name in every family: `prefix`, `rd`, `labels` (an array of label
/// values, `[16000, 16001]`), `originator`, `raw` (lowercase hex of bytes kept as received).
/// Prefixes, route distinguishers and addresses are their text forms (`"10.0.0.0/24"`,
/// `"65000:1"`). Families with route types (MVPN, EVPN, MUP) name the type in `route`
/// (`intra_as_ipmsi_ad`, `mac_ip`, `direct_segment_discovery`, ...); a type kept raw is
/// `"route": "other"` with its code in `route_type`. The ADD-PATH path identifier is not a
/// decoded field: [`NlriRef::path_id`](crate::NlriRef::path_id) gives it.
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
    /// A labeled unicast prefix (SAFI 4; RFC 8277).
    Labeled {
        /// The label stack (a withdrawal's compatibility value as received).
        labels: Labels<'a>,
        /// The prefix, host bits cleared.
        prefix: Prefix,
        /// Whether the wire form had bits set past the prefix length.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        host_bits_set: bool,
    },
    /// A VPNv4/VPNv6 prefix (SAFI 128, 129; RFC 4364 §4.3.4, RFC 4659 §3.2).
    Vpn {
        /// Route distinguisher (any type, kept as received).
        rd: RouteDistinguisher,
        /// The label stack.
        labels: Labels<'a>,
        /// The prefix, host bits cleared.
        prefix: Prefix,
        /// Whether the wire form had bits set past the prefix length.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        host_bits_set: bool,
    },
    /// A VPLS label block (AFI 25 / SAFI 65; RFC 4761 §3.2.2).
    Vpls(Vpls),
    /// A VPLS auto-discovery NLRI (AFI 25 / SAFI 65; RFC 6074 §7.1).
    VplsAutoDiscovery(VplsAutoDiscovery),
    /// A Route Target membership NLRI (SAFI 132; RFC 4684 §4).
    RtConstraint(RtConstraint),
    /// An MCAST-VPN route (SAFI 5; RFC 6514 §4).
    Mvpn(Mvpn<'a>),
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
        #[serde(serialize_with = "crate::family::wire::hex")]
        raw: &'a [u8],
    },
}

impl<'a> Decoded<'a> {
    /// The IP prefix this NLRI carries, for families that carry one.
    pub fn prefix(&self) -> Option<Prefix> {
        match self {
            Decoded::Unicast { prefix, .. }
            | Decoded::Labeled { prefix, .. }
            | Decoded::Vpn { prefix, .. } => Some(*prefix),
            Decoded::Vpls(_)
            | Decoded::VplsAutoDiscovery(_)
            | Decoded::RtConstraint(_)
            | Decoded::Mvpn(_) => None,
            Decoded::Evpn(e) => e.prefix(),
            Decoded::FlowSpec(_) | Decoded::SrPolicy(_) | Decoded::BgpLs(_) => None,
            Decoded::Mup(m) => m.prefix(),
            Decoded::Opaque { .. } => None,
        }
    }

    /// The route distinguisher, for families that carry one.
    pub fn rd(&self) -> Option<RouteDistinguisher> {
        match self {
            Decoded::Vpn { rd, .. } => Some(*rd),
            Decoded::Vpls(v) => Some(v.rd),
            Decoded::VplsAutoDiscovery(v) => Some(v.rd),
            Decoded::Mvpn(m) => m.rd(),
            Decoded::Evpn(e) => e.rd(),
            Decoded::FlowSpec(fs) => fs.rd,
            Decoded::Mup(m) => m.rd(),
            Decoded::BgpLs(l) => l.rd,
            _ => None,
        }
    }

    /// The label stack, for families that carry one.
    pub fn labels(&self) -> Option<Labels<'a>> {
        match self {
            Decoded::Labeled { labels, .. } | Decoded::Vpn { labels, .. } => Some(*labels),
            _ => None,
        }
    }
}

impl fmt::Display for Decoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decoded::Unicast { prefix, .. } => write!(f, "{prefix}"),
            Decoded::Labeled { labels, prefix, .. } => write!(f, "{prefix} label {labels}"),
            Decoded::Vpn {
                rd, labels, prefix, ..
            } => write!(f, "{rd}:{prefix} label {labels}"),
            Decoded::Vpls(v) => write!(f, "{v}"),
            Decoded::VplsAutoDiscovery(v) => write!(f, "{v}"),
            Decoded::RtConstraint(r) => write!(f, "{r}"),
            Decoded::Mvpn(m) => write!(f, "{m}"),
            Decoded::Evpn(e) => write!(f, "{e}"),
            Decoded::FlowSpec(fs) => write!(f, "{fs}"),
            Decoded::SrPolicy(p) => write!(f, "{p}"),
            Decoded::Mup(m) => write!(f, "{m}"),
            Decoded::BgpLs(l) => write!(f, "{l}"),
            Decoded::Opaque { raw } => write!(f, "raw:{}", Hex(raw)),
        }
    }
}
