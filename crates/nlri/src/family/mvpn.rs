//! MCAST-VPN NLRI (SAFI 5; RFC 6514 §4, IPv6 per RFC 6515, wildcards per RFC 6625).
//!
//! Wire form: route type (1 octet), length in octets (1 octet), then the route type specific
//! fields. Route types 1-7 are decoded; any other type is kept raw with its code.

use std::fmt;
use std::net::IpAddr;

use ribcage_buffer::Cursor;

use super::wire::{split_typed, Hex, Reader};
use crate::{
    DecodeContext, Decoded, Error, Family, FamilyDecoder, FieldPolicies, RouteDistinguisher,
};

/// Decoder for IPv4/IPv6 MCAST-VPN.
#[derive(Debug)]
pub struct MvpnDecoder;

/// The built-in MCAST-VPN decoder.
pub static MVPN: MvpnDecoder = MvpnDecoder;

/// A multicast source or group of a C-multicast or A-D route: an address, or the wildcard `*`
/// (length 0, RFC 6625 §3). Serialises as the address text or `"*"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct McastAddr(pub Option<IpAddr>);

impl fmt::Display for McastAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(a) => write!(f, "{a}"),
            None => f.write_str("*"),
        }
    }
}

impl serde::Serialize for McastAddr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The route key of a Leaf A-D route (RFC 6514 §4.4): the NLRI of the route it answers, type and
/// length octets included. Decodes on demand; prints and serialises as the decoded route, or as
/// hex when it does not decode.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RouteKey<'a> {
    wire: &'a [u8],
    offset: usize,
    family: Family,
}

impl<'a> RouteKey<'a> {
    /// The route key's wire bytes.
    pub fn wire(&self) -> &'a [u8] {
        self.wire
    }

    /// The route the key names.
    pub fn decode(&self) -> Result<Mvpn<'a>, Error> {
        parse(self.family, self.wire, self.offset)
    }
}

impl fmt::Display for RouteKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.decode() {
            Ok(r) => write!(f, "[{r}]"),
            Err(_) => write!(f, "[raw:{}]", Hex(self.wire)),
        }
    }
}

impl fmt::Debug for RouteKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RouteKey({self})")
    }
}

impl serde::Serialize for RouteKey<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.decode() {
            Ok(r) => r.serialize(s),
            Err(_) => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("raw", &Hex(self.wire))?;
                m.end()
            }
        }
    }
}

/// One MCAST-VPN route (RFC 6514 §4). Serialised with a `route` tag naming the route type, as
/// EVPN and MUP routes are; an undecoded type adds its code as `route_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "route", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mvpn<'a> {
    /// Type 1: Intra-AS I-PMSI A-D route (§4.1).
    IntraAsIpmsiAd {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// The originating router's IP address.
        originator: IpAddr,
    },
    /// Type 2: Inter-AS I-PMSI A-D route (§4.2).
    InterAsIpmsiAd {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// The source AS.
        source_as: u32,
    },
    /// Type 3: S-PMSI A-D route (§4.3).
    SpmsiAd {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Multicast source.
        source: McastAddr,
        /// Multicast group.
        group: McastAddr,
        /// The originating router's IP address.
        originator: IpAddr,
    },
    /// Type 4: Leaf A-D route (§4.4).
    LeafAd {
        /// The NLRI of the route this one answers.
        route_key: RouteKey<'a>,
        /// The originating router's IP address.
        originator: IpAddr,
    },
    /// Type 5: Source Active A-D route (§4.5).
    SourceActiveAd {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Multicast source.
        source: McastAddr,
        /// Multicast group.
        group: McastAddr,
    },
    /// Type 6: Shared Tree Join C-multicast route (§4.6).
    SharedTreeJoin {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// The source AS.
        source_as: u32,
        /// Multicast source (the C-RP for a shared tree).
        source: McastAddr,
        /// Multicast group.
        group: McastAddr,
    },
    /// Type 7: Source Tree Join C-multicast route (§4.6).
    SourceTreeJoin {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// The source AS.
        source_as: u32,
        /// Multicast source.
        source: McastAddr,
        /// Multicast group.
        group: McastAddr,
    },
    /// A route type this crate does not decode, kept as received.
    Other {
        /// The route type code.
        route_type: u8,
        /// The route type specific bytes.
        #[serde(serialize_with = "crate::family::wire::hex")]
        raw: &'a [u8],
    },
}

impl Mvpn<'_> {
    /// The route type code.
    pub fn route_type(&self) -> u8 {
        match self {
            Mvpn::IntraAsIpmsiAd { .. } => 1,
            Mvpn::InterAsIpmsiAd { .. } => 2,
            Mvpn::SpmsiAd { .. } => 3,
            Mvpn::LeafAd { .. } => 4,
            Mvpn::SourceActiveAd { .. } => 5,
            Mvpn::SharedTreeJoin { .. } => 6,
            Mvpn::SourceTreeJoin { .. } => 7,
            Mvpn::Other { route_type, .. } => *route_type,
        }
    }

    /// The route distinguisher, for the route types that carry one.
    pub fn rd(&self) -> Option<RouteDistinguisher> {
        match self {
            Mvpn::IntraAsIpmsiAd { rd, .. }
            | Mvpn::InterAsIpmsiAd { rd, .. }
            | Mvpn::SpmsiAd { rd, .. }
            | Mvpn::SourceActiveAd { rd, .. }
            | Mvpn::SharedTreeJoin { rd, .. }
            | Mvpn::SourceTreeJoin { rd, .. } => Some(*rd),
            Mvpn::LeafAd { .. } | Mvpn::Other { .. } => None,
        }
    }
}

impl fmt::Display for Mvpn<'_> {
    /// The Junos-style form `type:fields`: `1:rd:originator`, `2:rd:source-as`,
    /// `3:rd:source:group:originator`, `4:[route key]:originator`, `5:rd:source:group`,
    /// `6:rd:source-as:source:group`, `7:rd:source-as:source:group`; unknown types
    /// `type:raw:HEX`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.route_type();
        match self {
            Mvpn::IntraAsIpmsiAd { rd, originator } => write!(f, "{t}:{rd}:{originator}"),
            Mvpn::InterAsIpmsiAd { rd, source_as } => write!(f, "{t}:{rd}:{source_as}"),
            Mvpn::SpmsiAd {
                rd,
                source,
                group,
                originator,
            } => write!(f, "{t}:{rd}:{source}:{group}:{originator}"),
            Mvpn::LeafAd {
                route_key,
                originator,
            } => write!(f, "{t}:{route_key}:{originator}"),
            Mvpn::SourceActiveAd { rd, source, group } => write!(f, "{t}:{rd}:{source}:{group}"),
            Mvpn::SharedTreeJoin {
                rd,
                source_as,
                source,
                group,
            }
            | Mvpn::SourceTreeJoin {
                rd,
                source_as,
                source,
                group,
            } => write!(f, "{t}:{rd}:{source_as}:{source}:{group}"),
            Mvpn::Other { route_type, raw } => write!(f, "{route_type}:raw:{}", Hex(raw)),
        }
    }
}

/// Reads an IP address whose length is the rest of `r`: 4 or 16 octets.
fn originator(r: &mut Reader<'_>) -> Result<IpAddr, Error> {
    match r.remaining() {
        n @ (4 | 16) => r.ip(n),
        n => Err(Error::Length {
            family: r.family,
            what: "originating router's IP address is neither 4 nor 16 octets",
            length: n,
            offset: r.pos(),
        }),
    }
}

/// Reads a length in bits (0, 32 or 128) and the multicast address it announces.
fn mcast_addr(r: &mut Reader<'_>) -> Result<McastAddr, Error> {
    let offset = r.pos();
    match r.u8()? {
        0 => Ok(McastAddr(None)),
        32 => r.ip(4).map(|a| McastAddr(Some(a))),
        128 => r.ip(16).map(|a| McastAddr(Some(a))),
        n => Err(Error::Value {
            family: r.family,
            what: "multicast address length (bits)",
            value: n.into(),
            offset,
        }),
    }
}

/// Decodes one MCAST-VPN NLRI (type and length octets included) at absolute `offset`.
fn parse(family: Family, wire: &[u8], offset: usize) -> Result<Mvpn<'_>, Error> {
    let mut outer = Reader::new(family, wire, offset);
    let code = outer.u8()?;
    let len = outer.u8()?;
    let mut c = Reader::new(
        family,
        outer.bytes(usize::from(len))?,
        offset.saturating_add(2),
    );
    outer.finish()?;
    let route = match code {
        1 => Mvpn::IntraAsIpmsiAd {
            rd: c.rd()?,
            originator: originator(&mut c)?,
        },
        2 => Mvpn::InterAsIpmsiAd {
            rd: c.rd()?,
            source_as: c.u32()?,
        },
        3 => Mvpn::SpmsiAd {
            rd: c.rd()?,
            source: mcast_addr(&mut c)?,
            group: mcast_addr(&mut c)?,
            originator: originator(&mut c)?,
        },
        4 => {
            let key_offset = c.pos();
            let key_len = match c.cur.rest() {
                [_, l, ..] => 2 + usize::from(*l),
                key => key.len() + 1,
            };
            let key = c.bytes(key_len)?;
            Mvpn::LeafAd {
                route_key: RouteKey {
                    wire: key,
                    offset: key_offset,
                    family,
                },
                originator: originator(&mut c)?,
            }
        }
        5 => Mvpn::SourceActiveAd {
            rd: c.rd()?,
            source: mcast_addr(&mut c)?,
            group: mcast_addr(&mut c)?,
        },
        6 | 7 => {
            let rd = c.rd()?;
            let source_as = c.u32()?;
            let source = mcast_addr(&mut c)?;
            let group = mcast_addr(&mut c)?;
            if code == 6 {
                Mvpn::SharedTreeJoin {
                    rd,
                    source_as,
                    source,
                    group,
                }
            } else {
                Mvpn::SourceTreeJoin {
                    rd,
                    source_as,
                    source,
                    group,
                }
            }
        }
        _ => Mvpn::Other {
            route_type: code,
            raw: c.rest(),
        },
    };
    if c.remaining() != 0 {
        return Err(Error::Length {
            family,
            what: "MCAST-VPN route longer than its fields",
            length: usize::from(len),
            offset: offset.saturating_add(1),
        });
    }
    Ok(route)
}

impl FamilyDecoder for MvpnDecoder {
    fn families(&self) -> &[Family] {
        &[Family::IPV4_MVPN, Family::IPV6_MVPN]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_typed(family, cur, 1, false)
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        parse(family, wire, offset).map(Decoded::Mvpn)
    }

    /// MCAST-VPN routes run to 48 octets (type 7 over IPv6) but each is held about once (one
    /// per VRF and C-flow): inline.
    fn policies(&self) -> FieldPolicies {
        FieldPolicies::recommended(48, 1)
    }
}
