//! One module per path attribute type, named by its code, and [`Attribute`], the table that
//! dispatches a [`RawAttribute`] to them.

use std::fmt;

use ribcage_nlri::{DecodeContext, Registry};

use crate::{Error, RawAttribute};

pub(crate) mod list;
pub mod next_hop;
pub mod t001_origin;
pub mod t002_as_path;
pub mod t003_next_hop;
pub mod t004_med;
pub mod t005_local_pref;
pub mod t006_atomic_aggregate;
pub mod t007_aggregator;
pub mod t008_communities;
pub mod t009_originator_id;
pub mod t010_cluster_list;
pub mod t014_mp_reach;
pub mod t015_mp_unreach;
pub mod t016_extended_communities;
pub mod t017_as4_path;
pub mod t018_as4_aggregator;
pub mod t022_pmsi_tunnel;
pub mod t025_ipv6_ext_communities;
pub mod t026_aigp;
pub mod t032_large_communities;
pub mod t035_otc;
pub mod t040_prefix_sid;
pub mod tlv;

use t001_origin::Origin;
use t002_as_path::AsPath;
use t003_next_hop::NextHop;
use t004_med::Med;
use t005_local_pref::LocalPref;
use t006_atomic_aggregate::AtomicAggregate;
use t007_aggregator::Aggregator;
use t008_communities::Communities;
use t009_originator_id::OriginatorId;
use t010_cluster_list::ClusterList;
use t014_mp_reach::MpReach;
use t015_mp_unreach::MpUnreach;
use t016_extended_communities::ExtendedCommunities;
use t022_pmsi_tunnel::PmsiTunnel;
use t025_ipv6_ext_communities::Ipv6ExtCommunities;
use t026_aigp::Aigp;
use t032_large_communities::LargeCommunities;
use t035_otc::Otc;
use t040_prefix_sid::PrefixSid;

/// A decoded path attribute: a typed view per known type, the raw attribute otherwise.
#[derive(Clone, Copy, Debug, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Attribute<'a> {
    /// ORIGIN (1).
    Origin(Origin),
    /// AS_PATH (2).
    AsPath(AsPath<'a>),
    /// NEXT_HOP (3).
    NextHop(NextHop),
    /// MULTI_EXIT_DISC (4).
    #[serde(rename = "MULTI_EXIT_DISC")]
    Med(Med),
    /// LOCAL_PREF (5).
    LocalPref(LocalPref),
    /// ATOMIC_AGGREGATE (6).
    AtomicAggregate(AtomicAggregate),
    /// AGGREGATOR (7).
    Aggregator(Aggregator),
    /// COMMUNITIES (8).
    Communities(Communities<'a>),
    /// ORIGINATOR_ID (9).
    OriginatorId(OriginatorId),
    /// CLUSTER_LIST (10).
    ClusterList(ClusterList<'a>),
    /// MP_REACH_NLRI (14).
    #[serde(rename = "MP_REACH_NLRI")]
    MpReach(MpReach<'a>),
    /// MP_UNREACH_NLRI (15).
    #[serde(rename = "MP_UNREACH_NLRI")]
    MpUnreach(MpUnreach<'a>),
    /// EXTENDED_COMMUNITIES (16).
    ExtendedCommunities(ExtendedCommunities<'a>),
    /// AS4_PATH (17).
    #[serde(rename = "AS4_PATH")]
    As4Path(AsPath<'a>),
    /// AS4_AGGREGATOR (18).
    #[serde(rename = "AS4_AGGREGATOR")]
    As4Aggregator(Aggregator),
    /// PMSI_TUNNEL (22).
    PmsiTunnel(PmsiTunnel<'a>),
    /// IPv6 Address Specific Extended Community (25).
    #[serde(rename = "IPV6_EXT_COMMUNITIES")]
    Ipv6ExtCommunities(Ipv6ExtCommunities<'a>),
    /// AIGP (26).
    Aigp(Aigp<'a>),
    /// LARGE_COMMUNITY (32).
    #[serde(rename = "LARGE_COMMUNITY")]
    LargeCommunities(LargeCommunities<'a>),
    /// OTC (35).
    Otc(Otc),
    /// BGP Prefix-SID (40).
    PrefixSid(PrefixSid<'a>),
    /// Any other type, kept byte for byte with its flags.
    Unknown(RawAttribute<'a>),
}

impl<'a> Attribute<'a> {
    /// Decodes `raw` with the typed view of its type. Flags are not checked here (see
    /// [`RawAttribute::check_flags`]); length and contents are.
    pub fn decode(
        raw: &RawAttribute<'a>,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        use crate::AttrType as T;
        Ok(match raw.code {
            T::ORIGIN => Attribute::Origin(Origin::from_raw(raw)?),
            T::AS_PATH => Attribute::AsPath(AsPath::from_raw(raw, ctx.four_byte_as())?),
            T::NEXT_HOP => Attribute::NextHop(NextHop::from_raw(raw)?),
            T::MULTI_EXIT_DISC => Attribute::Med(Med::from_raw(raw)?),
            T::LOCAL_PREF => Attribute::LocalPref(LocalPref::from_raw(raw)?),
            T::ATOMIC_AGGREGATE => Attribute::AtomicAggregate(AtomicAggregate::from_raw(raw)?),
            T::AGGREGATOR => Attribute::Aggregator(Aggregator::from_raw(raw, ctx.four_byte_as())?),
            T::COMMUNITIES => Attribute::Communities(Communities::from_raw(raw)?),
            T::ORIGINATOR_ID => Attribute::OriginatorId(OriginatorId::from_raw(raw)?),
            T::CLUSTER_LIST => Attribute::ClusterList(ClusterList::from_raw(raw)?),
            T::MP_REACH_NLRI => Attribute::MpReach(MpReach::from_raw(raw, ctx, registry)?),
            T::MP_UNREACH_NLRI => Attribute::MpUnreach(MpUnreach::from_raw(raw, ctx, registry)?),
            T::EXTENDED_COMMUNITIES => {
                Attribute::ExtendedCommunities(ExtendedCommunities::from_raw(raw)?)
            }
            T::AS4_PATH => Attribute::As4Path(t017_as4_path::from_raw(raw)?),
            T::AS4_AGGREGATOR => Attribute::As4Aggregator(t018_as4_aggregator::from_raw(raw)?),
            T::PMSI_TUNNEL => Attribute::PmsiTunnel(PmsiTunnel::from_raw(raw)?),
            T::IPV6_EXT_COMMUNITIES => {
                Attribute::Ipv6ExtCommunities(Ipv6ExtCommunities::from_raw(raw)?)
            }
            T::AIGP => Attribute::Aigp(Aigp::from_raw(raw)?),
            T::LARGE_COMMUNITY => Attribute::LargeCommunities(LargeCommunities::from_raw(raw)?),
            T::OTC => Attribute::Otc(Otc::from_raw(raw)?),
            T::PREFIX_SID => Attribute::PrefixSid(PrefixSid::from_raw(raw)?),
            _ => Attribute::Unknown(*raw),
        })
    }

    /// The type code.
    pub fn code(&self) -> crate::AttrType {
        use crate::AttrType as T;
        match self {
            Attribute::Origin(_) => T::ORIGIN,
            Attribute::AsPath(_) => T::AS_PATH,
            Attribute::NextHop(_) => T::NEXT_HOP,
            Attribute::Med(_) => T::MULTI_EXIT_DISC,
            Attribute::LocalPref(_) => T::LOCAL_PREF,
            Attribute::AtomicAggregate(_) => T::ATOMIC_AGGREGATE,
            Attribute::Aggregator(_) => T::AGGREGATOR,
            Attribute::Communities(_) => T::COMMUNITIES,
            Attribute::OriginatorId(_) => T::ORIGINATOR_ID,
            Attribute::ClusterList(_) => T::CLUSTER_LIST,
            Attribute::MpReach(_) => T::MP_REACH_NLRI,
            Attribute::MpUnreach(_) => T::MP_UNREACH_NLRI,
            Attribute::ExtendedCommunities(_) => T::EXTENDED_COMMUNITIES,
            Attribute::As4Path(_) => T::AS4_PATH,
            Attribute::As4Aggregator(_) => T::AS4_AGGREGATOR,
            Attribute::PmsiTunnel(_) => T::PMSI_TUNNEL,
            Attribute::Ipv6ExtCommunities(_) => T::IPV6_EXT_COMMUNITIES,
            Attribute::Aigp(_) => T::AIGP,
            Attribute::LargeCommunities(_) => T::LARGE_COMMUNITY,
            Attribute::Otc(_) => T::OTC,
            Attribute::PrefixSid(_) => T::PREFIX_SID,
            Attribute::Unknown(r) => r.code,
        }
    }
}

impl fmt::Display for Attribute<'_> {
    /// `NAME: value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            Attribute::Origin(v) => v.fmt(f),
            Attribute::AsPath(v) | Attribute::As4Path(v) => v.fmt(f),
            Attribute::NextHop(v) => v.fmt(f),
            Attribute::Med(v) => v.fmt(f),
            Attribute::LocalPref(v) => v.fmt(f),
            Attribute::AtomicAggregate(v) => v.fmt(f),
            Attribute::Aggregator(v) | Attribute::As4Aggregator(v) => v.fmt(f),
            Attribute::Communities(v) => v.fmt(f),
            Attribute::OriginatorId(v) => v.fmt(f),
            Attribute::ClusterList(v) => v.fmt(f),
            Attribute::MpReach(v) => v.fmt(f),
            Attribute::MpUnreach(v) => v.fmt(f),
            Attribute::ExtendedCommunities(v) => v.fmt(f),
            Attribute::PmsiTunnel(v) => v.fmt(f),
            Attribute::Ipv6ExtCommunities(v) => v.fmt(f),
            Attribute::Aigp(v) => v.fmt(f),
            Attribute::LargeCommunities(v) => v.fmt(f),
            Attribute::Otc(v) => v.fmt(f),
            Attribute::PrefixSid(v) => v.fmt(f),
            Attribute::Unknown(r) => write!(f, "flags {} raw {}", r.flags, list::Hex(r.value)),
        }
    }
}

impl serde::Serialize for RawAttribute<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RawAttribute", 3)?;
        st.serialize_field("code", &self.code.0)?;
        st.serialize_field("flags", &self.flags)?;
        st.serialize_field("value", &list::Hex(self.value))?;
        st.end()
    }
}
