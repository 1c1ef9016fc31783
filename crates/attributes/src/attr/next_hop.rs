//! [`MpNextHop`]: the next hop inside MP_REACH_NLRI (RFC 4760 §3), decoded by its length:
//! IPv4, IPv6 global with optional link-local (RFC 2545 §3), VPN forms with a zero route
//! distinguisher (RFC 4364 §4.3.2, RFC 4659 §3.2), and IPv6 next hops for IPv4 NLRI (RFC 8950).

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::{AttrType, Error};

/// A next hop from MP_REACH_NLRI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MpNextHop {
    /// No next hop (length 0: flowspec, RFC 8955 §4; some BGP-LS speakers).
    None,
    /// An IPv4 address (length 4).
    Ipv4 {
        /// The address.
        addr: Ipv4Addr,
    },
    /// An IPv6 global address, optionally with a link-local one (length 16 or 32).
    Ipv6 {
        /// The global address.
        global: Ipv6Addr,
        /// The link-local address, if sent.
        link_local: Option<Ipv6Addr>,
    },
    /// A VPN-IPv4 next hop: route distinguisher (normally 0) and address (length 12).
    VpnIpv4 {
        /// The route distinguisher, as a big-endian u64.
        rd: u64,
        /// The address.
        addr: Ipv4Addr,
    },
    /// A VPN-IPv6 next hop, optionally with a VPN link-local one (length 24 or 48).
    VpnIpv6 {
        /// The route distinguisher of the global address.
        rd: u64,
        /// The global address.
        global: Ipv6Addr,
        /// The link-local address, if sent.
        link_local: Option<Ipv6Addr>,
    },
}

fn v6(b: &[u8]) -> Ipv6Addr {
    let mut a = [0u8; 16];
    a.copy_from_slice(&b[..16]);
    Ipv6Addr::from(a)
}

fn u64_at(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_be_bytes(a)
}

impl MpNextHop {
    /// Decodes next hop bytes by their length; `offset` is that of the length octet, for errors.
    pub fn parse(code: AttrType, b: &[u8], offset: usize) -> Result<Self, Error> {
        Ok(match b.len() {
            0 => MpNextHop::None,
            4 => MpNextHop::Ipv4 {
                addr: Ipv4Addr::new(b[0], b[1], b[2], b[3]),
            },
            16 => MpNextHop::Ipv6 {
                global: v6(b),
                link_local: None,
            },
            32 => MpNextHop::Ipv6 {
                global: v6(b),
                link_local: Some(v6(&b[16..])),
            },
            12 => MpNextHop::VpnIpv4 {
                rd: u64_at(b),
                addr: Ipv4Addr::new(b[8], b[9], b[10], b[11]),
            },
            24 => MpNextHop::VpnIpv6 {
                rd: u64_at(b),
                global: v6(&b[8..]),
                link_local: None,
            },
            48 => MpNextHop::VpnIpv6 {
                rd: u64_at(b),
                global: v6(&b[8..]),
                link_local: Some(v6(&b[32..])),
            },
            n => {
                return Err(Error::Value {
                    code,
                    what: "next hop length",
                    value: n as u64,
                    offset,
                })
            }
        })
    }

    /// The (global) next hop address, if any.
    pub fn addr(&self) -> Option<IpAddr> {
        match *self {
            MpNextHop::None => None,
            MpNextHop::Ipv4 { addr } | MpNextHop::VpnIpv4 { addr, .. } => Some(addr.into()),
            MpNextHop::Ipv6 { global, .. } | MpNextHop::VpnIpv6 { global, .. } => {
                Some(global.into())
            }
        }
    }

    /// The IPv6 link-local next hop, if sent.
    pub fn link_local(&self) -> Option<Ipv6Addr> {
        match *self {
            MpNextHop::Ipv6 { link_local, .. } | MpNextHop::VpnIpv6 { link_local, .. } => {
                link_local
            }
            _ => None,
        }
    }
}

impl fmt::Display for MpNextHop {
    /// The global address; a link-local one follows after a space; VPN forms start `RD:`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            MpNextHop::None => f.write_str("none"),
            MpNextHop::Ipv4 { addr } => write!(f, "{addr}"),
            MpNextHop::Ipv6 { global, link_local } => {
                write!(f, "{global}")?;
                link_local.map_or(Ok(()), |l| write!(f, " {l}"))
            }
            MpNextHop::VpnIpv4 { rd, addr } => write!(f, "{rd}:{addr}"),
            MpNextHop::VpnIpv6 {
                rd,
                global,
                link_local,
            } => {
                write!(f, "{rd}:{global}")?;
                link_local.map_or(Ok(()), |l| write!(f, " {l}"))
            }
        }
    }
}
