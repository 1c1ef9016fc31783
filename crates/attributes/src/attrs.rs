//! [`PathAttributes`]: a lazy view of one block of path attributes (from an UPDATE or an MRT RIB
//! entry), with typed accessors and the RFC 7606 checks.

use std::fmt;

use ribcage_nlri::{DecodeContext, Family, Registry, Session};

use crate::attr::t017_as4_path::MergedAsPath;
use crate::attr::t018_as4_aggregator;
use crate::{
    Aggregator, Aigp, AsPath, AttrType, Attribute, ClusterList, Communities, Error, ErrorAction,
    ExtendedCommunities, Ipv6ExtCommunities, LargeCommunities, LocalPref, Med, MpReach, MpUnreach,
    NextHop, Origin, OriginatorId, Otc, PmsiTunnel, PrefixSid, Problem, RawAttribute,
    RawAttributes,
};

/// A block of path attributes, borrowed from the wire and decoded on access.
///
/// Accessors find the first attribute of their type and return `Ok(None)` when it is absent,
/// `Err` when it (or the framing before it) is malformed. Building one allocates nothing.
#[derive(Clone, Copy)]
pub struct PathAttributes<'a> {
    data: &'a [u8],
    base: usize,
    ctx: &'a DecodeContext,
    registry: &'a Registry,
    rib_family: Option<Family>,
}

impl<'a> PathAttributes<'a> {
    /// A view of the attribute block `data`, whose first byte is at absolute offset `base`.
    pub fn new(
        data: &'a [u8],
        base: usize,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Self {
        Self {
            data,
            base,
            ctx,
            registry,
            rib_family: None,
        }
    }

    /// A view of the attribute block of an MRT TABLE_DUMP_V2 RIB entry for `family`, whose
    /// MP_REACH_NLRI may be abbreviated to next hop length and next hop (RFC 6396 §4.3.4).
    /// Both forms are accepted: the full form is recognised when its AFI/SAFI match `family`.
    pub fn for_rib(
        data: &'a [u8],
        base: usize,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
        family: Family,
    ) -> Self {
        Self {
            rib_family: Some(family),
            ..Self::new(data, base, ctx, registry)
        }
    }

    /// The block's bytes.
    pub fn wire(&self) -> &'a [u8] {
        self.data
    }

    /// Absolute offset of the block's first byte.
    pub fn offset(&self) -> usize {
        self.base
    }

    /// The decoding context.
    pub fn context(&self) -> &'a DecodeContext {
        self.ctx
    }

    /// The NLRI registry.
    pub fn registry(&self) -> &'a Registry {
        self.registry
    }

    /// The attributes' framing, in wire order.
    pub fn raw(&self) -> RawAttributes<'a> {
        RawAttributes::new(self.data, self.base)
    }

    /// The attributes decoded, in wire order. A malformed attribute yields an `Err` and
    /// iteration goes on; a framing error ends it.
    pub fn iter(&self) -> Attributes<'a> {
        Attributes {
            raw: self.raw(),
            attrs: *self,
        }
    }

    /// Decodes one raw attribute of this block.
    pub fn decode(&self, raw: &RawAttribute<'a>) -> Result<Attribute<'a>, Error> {
        if raw.code == AttrType::MP_REACH_NLRI {
            return self.decode_mp_reach(raw).map(Attribute::MpReach);
        }
        Attribute::decode(raw, self.ctx, self.registry)
    }

    fn decode_mp_reach(&self, raw: &RawAttribute<'a>) -> Result<MpReach<'a>, Error> {
        if let Some(family) = self.rib_family {
            let full = match raw.value {
                [a, b, s, ..] => {
                    u16::from_be_bytes([*a, *b]) == family.afi.0 && *s == family.safi.0
                }
                _ => false,
            };
            if !full || raw.value.first().map(|&l| usize::from(l) + 1) == Some(raw.value.len()) {
                return MpReach::from_raw_abbreviated(raw, family, self.ctx, self.registry);
            }
        }
        MpReach::from_raw(raw, self.ctx, self.registry)
    }

    /// The first attribute of type `code`. `Err` if the framing breaks before it is found.
    pub fn get(&self, code: AttrType) -> Result<Option<RawAttribute<'a>>, Error> {
        for raw in self.raw() {
            let raw = raw?;
            if raw.code == code {
                return Ok(Some(raw));
            }
        }
        Ok(None)
    }

    fn typed<T>(
        &self,
        code: AttrType,
        f: impl FnOnce(&RawAttribute<'a>) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        match self.get(code)? {
            Some(raw) => f(&raw).map(Some),
            None => Ok(None),
        }
    }

    /// ORIGIN.
    pub fn origin(&self) -> Result<Option<Origin>, Error> {
        self.typed(AttrType::ORIGIN, Origin::from_raw)
    }

    /// AS_PATH, with 2- or 4-byte AS numbers as the context says.
    pub fn as_path(&self) -> Result<Option<AsPath<'a>>, Error> {
        let four = self.ctx.four_byte_as();
        self.typed(AttrType::AS_PATH, |r| AsPath::from_raw(r, four))
    }

    /// AS4_PATH.
    pub fn as4_path(&self) -> Result<Option<AsPath<'a>>, Error> {
        self.typed(AttrType::AS4_PATH, |r| AsPath::from_raw(r, true))
    }

    /// The AS path with AS4_PATH merged in per RFC 6793 §4.2.3 when the context is 2-byte AS.
    /// A missing AS_PATH is the empty path; a malformed AS4_PATH or AGGREGATOR is ignored
    /// (attribute discard); a malformed AS_PATH is an error.
    pub fn merged_as_path(&self) -> Result<MergedAsPath<'a>, Error> {
        let path = self.as_path()?.unwrap_or(AsPath::EMPTY);
        if self.ctx.four_byte_as() {
            return Ok(MergedAsPath::plain(path));
        }
        let as4 = self.as4_path().ok().flatten();
        let agg = self.aggregator().ok().flatten().map(|a| a.asn);
        Ok(MergedAsPath::reconcile(path, as4, agg))
    }

    /// NEXT_HOP.
    pub fn next_hop(&self) -> Result<Option<NextHop>, Error> {
        self.typed(AttrType::NEXT_HOP, NextHop::from_raw)
    }

    /// The next hop of a route of `family`: MP_REACH_NLRI's when its family is `family`, else
    /// NEXT_HOP for IPv4 unicast (the body NLRI's family), else `None`.
    pub fn next_hop_for(&self, family: Family) -> Result<Option<std::net::IpAddr>, Error> {
        if let Some(m) = self.mp_reach()? {
            if m.family() == family {
                return Ok(m.next_hop().addr());
            }
        }
        if family == Family::IPV4_UNICAST {
            return Ok(self.next_hop()?.map(|n| n.0.into()));
        }
        Ok(None)
    }

    /// MULTI_EXIT_DISC.
    pub fn med(&self) -> Result<Option<Med>, Error> {
        self.typed(AttrType::MULTI_EXIT_DISC, Med::from_raw)
    }

    /// LOCAL_PREF.
    ///
    /// The value as on the wire, whatever the session: from an external peer RFC 7606 §7.5
    /// discards it, which [`PathAttributes::problems`] reports ([`Error::FromExternalPeer`]).
    pub fn local_pref(&self) -> Result<Option<LocalPref>, Error> {
        self.typed(AttrType::LOCAL_PREF, LocalPref::from_raw)
    }

    /// Whether ATOMIC_AGGREGATE is present (and well-formed).
    pub fn atomic_aggregate(&self) -> Result<bool, Error> {
        self.typed(AttrType::ATOMIC_AGGREGATE, crate::AtomicAggregate::from_raw)
            .map(|a| a.is_some())
    }

    /// AGGREGATOR, with a 2- or 4-byte AS as the context says.
    pub fn aggregator(&self) -> Result<Option<Aggregator>, Error> {
        let four = self.ctx.four_byte_as();
        self.typed(AttrType::AGGREGATOR, |r| Aggregator::from_raw(r, four))
    }

    /// AS4_AGGREGATOR.
    pub fn as4_aggregator(&self) -> Result<Option<Aggregator>, Error> {
        self.typed(AttrType::AS4_AGGREGATOR, t018_as4_aggregator::from_raw)
    }

    /// The aggregator after RFC 6793 §4.2.3: AS4_AGGREGATOR replaces an AGGREGATOR holding
    /// AS_TRANS on 2-byte sessions.
    pub fn merged_aggregator(&self) -> Result<Option<Aggregator>, Error> {
        let agg = self.aggregator()?;
        if self.ctx.four_byte_as() {
            return Ok(agg);
        }
        match agg {
            Some(a) if a.asn == crate::attr::t017_as4_path::AS_TRANS => {
                Ok(Some(self.as4_aggregator().ok().flatten().unwrap_or(a)))
            }
            other => Ok(other),
        }
    }

    /// COMMUNITIES.
    pub fn communities(&self) -> Result<Option<Communities<'a>>, Error> {
        self.typed(AttrType::COMMUNITIES, Communities::from_raw)
    }

    /// ORIGINATOR_ID.
    ///
    /// The value as on the wire, whatever the session: from an external peer RFC 7606 §7.9
    /// discards it, which [`PathAttributes::problems`] reports ([`Error::FromExternalPeer`]).
    pub fn originator_id(&self) -> Result<Option<OriginatorId>, Error> {
        self.typed(AttrType::ORIGINATOR_ID, OriginatorId::from_raw)
    }

    /// CLUSTER_LIST.
    ///
    /// The value as on the wire, whatever the session: from an external peer RFC 7606 §7.10
    /// discards it, which [`PathAttributes::problems`] reports ([`Error::FromExternalPeer`]).
    pub fn cluster_list(&self) -> Result<Option<ClusterList<'a>>, Error> {
        self.typed(AttrType::CLUSTER_LIST, ClusterList::from_raw)
    }

    /// MP_REACH_NLRI.
    pub fn mp_reach(&self) -> Result<Option<MpReach<'a>>, Error> {
        self.typed(AttrType::MP_REACH_NLRI, |r| self.decode_mp_reach(r))
    }

    /// MP_UNREACH_NLRI.
    pub fn mp_unreach(&self) -> Result<Option<MpUnreach<'a>>, Error> {
        self.typed(AttrType::MP_UNREACH_NLRI, |r| {
            MpUnreach::from_raw(r, self.ctx, self.registry)
        })
    }

    /// EXTENDED_COMMUNITIES.
    pub fn extended_communities(&self) -> Result<Option<ExtendedCommunities<'a>>, Error> {
        self.typed(
            AttrType::EXTENDED_COMMUNITIES,
            ExtendedCommunities::from_raw,
        )
    }

    /// IPv6 address-specific extended communities.
    pub fn ipv6_ext_communities(&self) -> Result<Option<Ipv6ExtCommunities<'a>>, Error> {
        self.typed(AttrType::IPV6_EXT_COMMUNITIES, Ipv6ExtCommunities::from_raw)
    }

    /// LARGE_COMMUNITY.
    pub fn large_communities(&self) -> Result<Option<LargeCommunities<'a>>, Error> {
        self.typed(AttrType::LARGE_COMMUNITY, LargeCommunities::from_raw)
    }

    /// PMSI_TUNNEL.
    pub fn pmsi_tunnel(&self) -> Result<Option<PmsiTunnel<'a>>, Error> {
        self.typed(AttrType::PMSI_TUNNEL, PmsiTunnel::from_raw)
    }

    /// AIGP.
    pub fn aigp(&self) -> Result<Option<Aigp<'a>>, Error> {
        self.typed(AttrType::AIGP, Aigp::from_raw)
    }

    /// OTC.
    pub fn otc(&self) -> Result<Option<Otc>, Error> {
        self.typed(AttrType::OTC, Otc::from_raw)
    }

    /// BGP Prefix-SID.
    pub fn prefix_sid(&self) -> Result<Option<PrefixSid<'a>>, Error> {
        self.typed(AttrType::PREFIX_SID, PrefixSid::from_raw)
    }

    /// Checks one attribute: flags, contents (and the NLRI inside MP attributes), and RFC 7607:
    /// AS 0 in AS_PATH, AS4_PATH, AGGREGATOR or AS4_AGGREGATOR is malformed (the accessors
    /// still return such values; only the check reports them). When both the flags and the
    /// contents are wrong, the error whose RFC 7606 action is the more severe is returned (the
    /// flags error on a tie): wrong flags on an MP_REACH_NLRI whose NLRI cannot be split must
    /// not hide the AFI/SAFI disable.
    ///
    /// When the context's session is [`Session::External`], a well-formed LOCAL_PREF,
    /// ORIGINATOR_ID or CLUSTER_LIST is [`Error::FromExternalPeer`]: RFC 7606 §7.5, §7.9 and
    /// §7.10 discard these attributes from an external neighbor whatever their contents. That
    /// is reported rather than dropped silently so that a caller who applies the problems
    /// ignores the value (the accessors still return it as on the wire), and so that a peer
    /// that sends them shows up (its routes stay announced: the action is attribute discard).
    pub fn check(&self, raw: &RawAttribute<'a>) -> Result<(), Error> {
        let ctx = self.ctx;
        match (raw.check_flags(), self.check_contents(raw)) {
            (Err(f), Err(c)) if c.action_in(ctx) > f.action_in(ctx) => Err(c),
            (Err(f), _) => Err(f),
            (Ok(()), Err(c)) => Err(c),
            (Ok(()), Ok(()))
                if ctx.session() == Session::External && crate::error::internal_only(raw.code) =>
            {
                Err(Error::FromExternalPeer {
                    code: raw.code,
                    offset: raw.offset,
                })
            }
            (Ok(()), Ok(())) => Ok(()),
        }
    }

    fn check_contents(&self, raw: &RawAttribute<'a>) -> Result<(), Error> {
        let as0 = || Error::Value {
            code: raw.code,
            what: "AS number (RFC 7607)",
            value: 0,
            offset: raw.value_offset(),
        };
        match self.decode(raw)? {
            Attribute::MpReach(m) => m.validate(),
            Attribute::MpUnreach(m) => m.validate(),
            Attribute::AsPath(p) | Attribute::As4Path(p)
                if p.segments().any(|s| s.asns().any(|a| a == 0)) =>
            {
                Err(as0())
            }
            Attribute::Aggregator(a) | Attribute::As4Aggregator(a) if a.asn == 0 => Err(as0()),
            _ => Ok(()),
        }
    }

    /// Every RFC 7606 problem of the block, in wire order, then missing mandatory attributes
    /// when `announces` (the message carries reachable NLRI); NEXT_HOP is required when
    /// `body_nlri` (RFC 4760 §3 leaves it out for MP-only UPDATEs). Actions follow the
    /// context's [`Session`] ([`Error::action_in`]). Allocates nothing.
    pub fn problems(&self, announces: bool, body_nlri: bool) -> Problems<'a> {
        Problems {
            attrs: *self,
            raw: self.raw(),
            seen: [0; 4],
            announces,
            body_nlri,
            broken: false,
            missing: 0,
        }
    }
}

impl fmt::Debug for PathAttributes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Display for PathAttributes<'_> {
    /// One attribute per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, a) in self.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match a {
                Ok(a) => write!(f, "{a}")?,
                Err(e) => write!(f, "error: {e}")?,
            }
        }
        Ok(())
    }
}

impl serde::Serialize for PathAttributes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for a in self.iter() {
            match a {
                Ok(a) => seq.serialize_element(&a)?,
                Err(e) => seq.serialize_element(&format!("error: {e}"))?,
            }
        }
        seq.end()
    }
}

/// Iterator over the decoded attributes of a block (see [`PathAttributes::iter`]).
#[derive(Clone, Debug)]
pub struct Attributes<'a> {
    raw: RawAttributes<'a>,
    attrs: PathAttributes<'a>,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Result<Attribute<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw.next()?;
        Some(raw.and_then(|r| self.attrs.decode(&r)))
    }
}

/// The family named by an MP_REACH_NLRI or MP_UNREACH_NLRI attribute, if it has one.
fn mp_family(raw: &RawAttribute<'_>) -> Option<Family> {
    if raw.code != AttrType::MP_REACH_NLRI && raw.code != AttrType::MP_UNREACH_NLRI {
        return None;
    }
    match raw.value {
        [a, b, safi, ..] => Some(Family::new(
            ribcage_nlri::Afi(u16::from_be_bytes([*a, *b])),
            ribcage_nlri::Safi(*safi),
        )),
        _ => None,
    }
}

/// The mandatory attributes checked by [`Problems`], in order.
const MANDATORY: [AttrType; 3] = [AttrType::ORIGIN, AttrType::AS_PATH, AttrType::NEXT_HOP];

/// Iterator over the RFC 7606 problems of a block (see [`PathAttributes::problems`]).
#[derive(Clone, Debug)]
pub struct Problems<'a> {
    attrs: PathAttributes<'a>,
    raw: RawAttributes<'a>,
    seen: [u64; 4],
    announces: bool,
    body_nlri: bool,
    broken: bool,
    missing: usize,
}

impl Problems<'_> {
    fn seen(&self, code: AttrType) -> bool {
        self.seen[usize::from(code.0 / 64)] & (1 << (code.0 % 64)) != 0
    }

    /// Whether an MP_REACH_NLRI or MP_UNREACH_NLRI attribute has been met so far.
    pub(crate) fn met_mp(&self) -> bool {
        self.seen(AttrType::MP_REACH_NLRI) || self.seen(AttrType::MP_UNREACH_NLRI)
    }
}

impl Iterator for Problems<'_> {
    type Item = Problem;

    fn next(&mut self) -> Option<Problem> {
        while let Some(raw) = self.raw.next() {
            let raw = match raw {
                Ok(r) => r,
                Err(error) => {
                    self.broken = true;
                    return Some(Problem {
                        code: error.code().unwrap_or_default(),
                        flags: crate::AttrFlags(
                            self.attrs
                                .data
                                .get(error.offset().saturating_sub(self.attrs.base))
                                .copied()
                                .unwrap_or(0),
                        ),
                        offset: error.offset(),
                        action: error.action_in(self.attrs.ctx),
                        family: None,
                        error,
                    });
                }
            };
            let error = if self.seen(raw.code) {
                Some(Error::Duplicate {
                    code: raw.code,
                    offset: raw.offset,
                })
            } else {
                self.seen[usize::from(raw.code.0 / 64)] |= 1 << (raw.code.0 % 64);
                self.attrs.check(&raw).err()
            };
            if let Some(error) = error {
                return Some(Problem {
                    code: raw.code,
                    flags: raw.flags,
                    offset: raw.offset,
                    action: error.action_in(self.attrs.ctx),
                    family: error.family().or_else(|| match self.attrs.rib_family {
                        Some(f) if raw.code == AttrType::MP_REACH_NLRI => Some(f),
                        _ => mp_family(&raw),
                    }),
                    error,
                });
            }
        }
        if self.broken || !self.announces {
            return None;
        }
        while self.missing < MANDATORY.len() {
            let code = MANDATORY[self.missing];
            self.missing += 1;
            if code == AttrType::NEXT_HOP && !self.body_nlri {
                continue;
            }
            if !self.seen(code) {
                let error = Error::Missing {
                    code,
                    offset: self.attrs.base,
                };
                return Some(Problem {
                    code,
                    flags: crate::AttrFlags(0),
                    offset: self.attrs.base,
                    action: ErrorAction::TreatAsWithdraw,
                    family: None,
                    error,
                });
            }
        }
        None
    }
}
