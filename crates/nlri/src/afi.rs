//! Address family codepoints: [`Afi`], [`Safi`] and the pair [`Family`].

use std::fmt;

/// Address Family Identifier (IANA "Address Family Numbers"; RFC 4760 §3).
///
/// An open newtype: unknown values stay representable and round-trip.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Afi(pub u16);

impl Afi {
    /// IP version 4.
    pub const IPV4: Afi = Afi(1);
    /// IP version 6.
    pub const IPV6: Afi = Afi(2);
    /// Layer-2 VPN (VPLS, EVPN).
    pub const L2VPN: Afi = Afi(25);
    /// BGP-LS (RFC 9552).
    pub const BGP_LS: Afi = Afi(16388);

    /// The IANA name, or `None` for values this crate has no name for.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::IPV4 => "IPv4",
            Self::IPV6 => "IPv6",
            Self::L2VPN => "L2VPN",
            Self::BGP_LS => "BGP-LS",
            _ => return None,
        })
    }
}

/// Subsequent Address Family Identifier (IANA "SAFI Values"; RFC 4760 §3).
///
/// An open newtype: unknown values stay representable and round-trip.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Safi(pub u8);

impl Safi {
    /// Unicast forwarding (RFC 4760).
    pub const UNICAST: Safi = Safi(1);
    /// Multicast forwarding (RFC 4760).
    pub const MULTICAST: Safi = Safi(2);
    /// NLRI with MPLS labels (RFC 8277).
    pub const LABELED_UNICAST: Safi = Safi(4);
    /// Multicast VPN (RFC 6514).
    pub const MVPN: Safi = Safi(5);
    /// VPLS (RFC 4761).
    pub const VPLS: Safi = Safi(65);
    /// BGP EVPN (RFC 7432).
    pub const EVPN: Safi = Safi(70);
    /// BGP-LS (RFC 9552).
    pub const BGP_LS: Safi = Safi(71);
    /// BGP-LS VPN (RFC 9552).
    pub const BGP_LS_VPN: Safi = Safi(72);
    /// SR TE Policy (RFC 9830).
    pub const SR_POLICY: Safi = Safi(73);
    /// SRv6 Mobile User Plane (draft-ietf-bess-mup-safi).
    pub const MUP: Safi = Safi(85);
    /// MPLS-labeled VPN address (RFC 4364, RFC 4659).
    pub const MPLS_VPN: Safi = Safi(128);
    /// Multicast for BGP/MPLS IP VPNs (RFC 6513).
    pub const MULTICAST_VPN: Safi = Safi(129);
    /// Route Target constraint (RFC 4684).
    pub const RT_CONSTRAINT: Safi = Safi(132);
    /// Dissemination of flow specification rules (RFC 8955, RFC 8956).
    pub const FLOWSPEC: Safi = Safi(133);
    /// Flow specification for L3VPN (RFC 8955).
    pub const FLOWSPEC_VPN: Safi = Safi(134);

    /// The IANA name, or `None` for values this crate has no name for.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::UNICAST => "unicast",
            Self::MULTICAST => "multicast",
            Self::LABELED_UNICAST => "labeled-unicast",
            Self::MVPN => "mvpn",
            Self::VPLS => "vpls",
            Self::EVPN => "evpn",
            Self::BGP_LS => "bgp-ls",
            Self::BGP_LS_VPN => "bgp-ls-vpn",
            Self::SR_POLICY => "sr-policy",
            Self::MUP => "mup",
            Self::MPLS_VPN => "mpls-vpn",
            Self::MULTICAST_VPN => "multicast-vpn",
            Self::RT_CONSTRAINT => "rt-constraint",
            Self::FLOWSPEC => "flowspec",
            Self::FLOWSPEC_VPN => "flowspec-vpn",
            _ => return None,
        })
    }
}

macro_rules! name_or_number {
    ($t:ty) => {
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, "{}({})", stringify!($t), self.0),
                }
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, "{}", self.0),
                }
            }
        }
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_u64(u64::from(self.0))
            }
        }
    };
}
name_or_number!(Afi);
name_or_number!(Safi);

/// An address family: the (AFI, SAFI) pair that says how NLRI are encoded.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Family {
    /// The address family.
    pub afi: Afi,
    /// The subsequent address family.
    pub safi: Safi,
}

impl Family {
    /// A family from its two codepoints.
    pub const fn new(afi: Afi, safi: Safi) -> Self {
        Self { afi, safi }
    }
    /// IPv4 unicast (the only family of the UPDATE body's NLRI fields).
    pub const IPV4_UNICAST: Family = Family::new(Afi::IPV4, Safi::UNICAST);
    /// IPv6 unicast.
    pub const IPV6_UNICAST: Family = Family::new(Afi::IPV6, Safi::UNICAST);
    /// IPv4 multicast.
    pub const IPV4_MULTICAST: Family = Family::new(Afi::IPV4, Safi::MULTICAST);
    /// IPv6 multicast.
    pub const IPV6_MULTICAST: Family = Family::new(Afi::IPV6, Safi::MULTICAST);
    /// IPv4 labeled unicast.
    pub const IPV4_LABELED_UNICAST: Family = Family::new(Afi::IPV4, Safi::LABELED_UNICAST);
    /// IPv6 labeled unicast.
    pub const IPV6_LABELED_UNICAST: Family = Family::new(Afi::IPV6, Safi::LABELED_UNICAST);
    /// VPNv4.
    pub const IPV4_MPLS_VPN: Family = Family::new(Afi::IPV4, Safi::MPLS_VPN);
    /// VPNv6.
    pub const IPV6_MPLS_VPN: Family = Family::new(Afi::IPV6, Safi::MPLS_VPN);
    /// IPv4 multicast VPN (SAFI 129; same encoding as VPNv4).
    pub const IPV4_MULTICAST_VPN: Family = Family::new(Afi::IPV4, Safi::MULTICAST_VPN);
    /// IPv6 multicast VPN (SAFI 129; same encoding as VPNv6).
    pub const IPV6_MULTICAST_VPN: Family = Family::new(Afi::IPV6, Safi::MULTICAST_VPN);
    /// IPv4 MCAST-VPN (RFC 6514).
    pub const IPV4_MVPN: Family = Family::new(Afi::IPV4, Safi::MVPN);
    /// IPv6 MCAST-VPN (RFC 6514, RFC 6515).
    pub const IPV6_MVPN: Family = Family::new(Afi::IPV6, Safi::MVPN);
    /// Route Target constraint (RFC 4684; AFI 1 only).
    pub const IPV4_RT_CONSTRAINT: Family = Family::new(Afi::IPV4, Safi::RT_CONSTRAINT);
    /// L2VPN VPLS.
    pub const L2VPN_VPLS: Family = Family::new(Afi::L2VPN, Safi::VPLS);
    /// L2VPN EVPN.
    pub const L2VPN_EVPN: Family = Family::new(Afi::L2VPN, Safi::EVPN);
}

impl fmt::Debug for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.afi, self.safi)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.afi, self.safi)
    }
}
