//! MCAST-VPN NLRI (SAFI 5; RFC 6514 §4, IPv6 per RFC 6515, wildcards per RFC 6625).
//!
//! Wire form: route type (1 octet), length in octets (1 octet), then the route type specific
//! fields. Route types 1-7 are decoded; any other type is kept raw with its code.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ribcage_buffer::Cursor;

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
            Err(_) => write!(f, "[raw:{}]", crate::decoder::Hex(self.wire)),
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
                m.serialize_entry("raw", &crate::decoder::Hex(self.wire))?;
                m.end()
            }
        }
    }
}

/// One MCAST-VPN route (RFC 6514 §4). Serialised with a `route_type` tag naming the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "route_type", rename_all = "snake_case")]
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
    Unknown {
        /// The route type code.
        #[serde(rename = "type")]
        code: u8,
        /// The route type specific bytes.
        #[serde(serialize_with = "crate::decoder::hex")]
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
            Mvpn::Unknown { code, .. } => *code,
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
            Mvpn::LeafAd { .. } | Mvpn::Unknown { .. } => None,
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
            Mvpn::Unknown { code, raw } => write!(f, "{code}:raw:{}", crate::decoder::Hex(raw)),
        }
    }
}

/// Reads an IP address whose length is the rest of `cur`: 4 or 16 octets.
fn originator(family: Family, cur: &mut Cursor<'_>) -> Result<IpAddr, Error> {
    let offset = cur.position();
    match cur.remaining() {
        4 => Ok(IpAddr::V4(Ipv4Addr::from(read::<4>(family, cur)?))),
        16 => Ok(IpAddr::V6(Ipv6Addr::from(read::<16>(family, cur)?))),
        n => Err(Error::Length {
            family,
            what: "originating router's IP address is neither 4 nor 16 octets",
            length: n,
            offset,
        }),
    }
}

/// Reads a length in bits (0, 32 or 128) and the multicast address it announces.
fn mcast_addr(family: Family, cur: &mut Cursor<'_>) -> Result<McastAddr, Error> {
    let offset = cur.position();
    let bits = cur.read_u8().map_err(|e| Error::from_buffer(family, e))?;
    match bits {
        0 => Ok(McastAddr(None)),
        32 => Ok(McastAddr(Some(IpAddr::V4(Ipv4Addr::from(read::<4>(
            family, cur,
        )?))))),
        128 => Ok(McastAddr(Some(IpAddr::V6(Ipv6Addr::from(read::<16>(
            family, cur,
        )?))))),
        n => Err(Error::Value {
            family,
            what: "multicast address length (bits)",
            value: n.into(),
            offset,
        }),
    }
}

fn read<const N: usize>(family: Family, cur: &mut Cursor<'_>) -> Result<[u8; N], Error> {
    cur.read_array::<N>()
        .map_err(|e| Error::from_buffer(family, e))
}

fn rd(family: Family, cur: &mut Cursor<'_>) -> Result<RouteDistinguisher, Error> {
    read::<8>(family, cur).map(RouteDistinguisher)
}

/// Decodes one MCAST-VPN NLRI (type and length octets included) at absolute `offset`.
fn parse(family: Family, wire: &[u8], offset: usize) -> Result<Mvpn<'_>, Error> {
    let mut outer = Cursor::with_base(wire, offset);
    let buf = |e| Error::from_buffer(family, e);
    let code = outer.read_u8().map_err(buf)?;
    let len = outer.read_u8().map_err(buf)?;
    let mut c = outer.take(usize::from(len)).map_err(buf)?;
    let route = match code {
        1 => Mvpn::IntraAsIpmsiAd {
            rd: rd(family, &mut c)?,
            originator: originator(family, &mut c)?,
        },
        2 => Mvpn::InterAsIpmsiAd {
            rd: rd(family, &mut c)?,
            source_as: c.read_u32().map_err(buf)?,
        },
        3 => Mvpn::SpmsiAd {
            rd: rd(family, &mut c)?,
            source: mcast_addr(family, &mut c)?,
            group: mcast_addr(family, &mut c)?,
            originator: originator(family, &mut c)?,
        },
        4 => {
            let key_offset = c.position();
            let key = c.rest();
            let key_len = match key {
                [_, l, ..] => 2 + usize::from(*l),
                _ => key.len() + 1,
            };
            let key = c.take_slice(key_len).map_err(buf)?;
            Mvpn::LeafAd {
                route_key: RouteKey {
                    wire: key,
                    offset: key_offset,
                    family,
                },
                originator: originator(family, &mut c)?,
            }
        }
        5 => Mvpn::SourceActiveAd {
            rd: rd(family, &mut c)?,
            source: mcast_addr(family, &mut c)?,
            group: mcast_addr(family, &mut c)?,
        },
        6 | 7 => {
            let rd = rd(family, &mut c)?;
            let source_as = c.read_u32().map_err(buf)?;
            let source = mcast_addr(family, &mut c)?;
            let group = mcast_addr(family, &mut c)?;
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
        _ => Mvpn::Unknown {
            code,
            raw: c.rest(),
        },
    };
    if code <= 7 && !c.is_empty() {
        return Err(Error::Length {
            family,
            what: "MCAST-VPN route longer than its fields",
            length: usize::from(len),
            offset: offset + 1,
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
        let start = *cur;
        cur.skip(1).map_err(|e| Error::from_buffer(family, e))?;
        let len = cur.read_u8().map_err(|e| Error::from_buffer(family, e))?;
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
        parse(family, wire, offset).map(Decoded::Mvpn)
    }

    /// MCAST-VPN routes run to 48 octets (type 7 over IPv6) but each is held about once (one
    /// per VRF and C-flow): inline.
    fn policies(&self) -> FieldPolicies {
        FieldPolicies::recommended(48, 1)
    }
}
