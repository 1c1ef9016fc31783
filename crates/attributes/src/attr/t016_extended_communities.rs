//! EXTENDED_COMMUNITIES (type 16; RFC 4360, RFC 5668, RFC 7153). RFC 7606 §7.14: a length not a
//! multiple of 8 is treat-as-withdraw. Route targets and route origins of the three
//! administrator forms, and a few common types, are decoded; the rest are kept raw.

use std::fmt;
use std::net::Ipv4Addr;

use crate::attr::list::{check_list, join, DisplaySeq, Hex};
use crate::{Error, RawAttribute};

/// The administrator (global) field of an AS- or address-specific extended community.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(untagged)]
pub enum Admin {
    /// A 2-byte AS (types 0x00, 0x40).
    As2(u16),
    /// An IPv4 address (types 0x01, 0x41).
    Ipv4(Ipv4Addr),
    /// A 4-byte AS (types 0x02, 0x42; RFC 5668).
    As4(u32),
}

impl fmt::Display for Admin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Admin::As2(a) => write!(f, "{a}"),
            Admin::Ipv4(a) => write!(f, "{a}"),
            Admin::As4(a) => write!(f, "{a}"),
        }
    }
}

/// The decoded meaning of an extended community.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExtCommunityKind {
    /// Route target (subtype 0x02; RFC 4360 §4).
    RouteTarget {
        /// The administrator.
        admin: Admin,
        /// The locally assigned number.
        local: u32,
    },
    /// Route origin / site of origin (subtype 0x03; RFC 4360 §5).
    RouteOrigin {
        /// The administrator.
        admin: Admin,
        /// The locally assigned number.
        local: u32,
    },
    /// Another AS- or address-specific community (e.g. OSPF domain ID, BGP data collection).
    Specific {
        /// The type octet.
        typ: u8,
        /// The sub-type octet.
        subtype: u8,
        /// The administrator.
        admin: Admin,
        /// The locally assigned number.
        local: u32,
    },
    /// Flowspec traffic-rate in bytes per second (0x80 0x06; RFC 8955 §7.3).
    TrafficRate {
        /// The 2-byte AS field.
        asn: u16,
        /// The rate, an IEEE float.
        rate: u32,
    },
    /// Color (0x03 0x0b; RFC 9012 §4.3).
    Color {
        /// The color value.
        color: u32,
    },
    /// Anything else, kept raw.
    Other {
        /// The type octet.
        typ: u8,
        /// The sub-type octet.
        subtype: u8,
        /// The six value octets.
        value: [u8; 6],
    },
}

/// One extended community: eight octets.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExtendedCommunity(pub [u8; 8]);

impl ExtendedCommunity {
    /// The type octet (high-order octet; bit 0x40 set means non-transitive).
    pub fn typ(&self) -> u8 {
        self.0[0]
    }

    /// The sub-type octet.
    pub fn subtype(&self) -> u8 {
        self.0[1]
    }

    /// Whether the community is transitive across ASes (RFC 4360 §2).
    pub fn transitive(&self) -> bool {
        self.0[0] & 0x40 == 0
    }

    /// Decodes the community's meaning.
    pub fn kind(&self) -> ExtCommunityKind {
        let b = &self.0;
        let u16_at = |i: usize| u16::from_be_bytes([b[i], b[i + 1]]);
        let u32_at = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let specific = match b[0] & !0x40 {
            0x00 => Some((Admin::As2(u16_at(2)), u32_at(4))),
            0x01 => Some((
                Admin::Ipv4(Ipv4Addr::new(b[2], b[3], b[4], b[5])),
                u32::from(u16_at(6)),
            )),
            0x02 => Some((Admin::As4(u32_at(2)), u32::from(u16_at(6)))),
            _ => None,
        };
        match (specific, b[1]) {
            (Some((admin, local)), 0x02) if b[0] & 0x40 == 0 => {
                ExtCommunityKind::RouteTarget { admin, local }
            }
            (Some((admin, local)), 0x03) if b[0] & 0x40 == 0 => {
                ExtCommunityKind::RouteOrigin { admin, local }
            }
            (Some((admin, local)), subtype) => ExtCommunityKind::Specific {
                typ: b[0],
                subtype,
                admin,
                local,
            },
            (None, _) if b[0] == 0x80 && b[1] == 0x06 => ExtCommunityKind::TrafficRate {
                asn: u16_at(2),
                rate: u32_at(4),
            },
            (None, _) if b[0] == 0x03 && b[1] == 0x0b => {
                ExtCommunityKind::Color { color: u32_at(4) }
            }
            _ => ExtCommunityKind::Other {
                typ: b[0],
                subtype: b[1],
                value: [b[2], b[3], b[4], b[5], b[6], b[7]],
            },
        }
    }
}

impl fmt::Display for ExtendedCommunity {
    /// `RT:admin:local`, `SoO:admin:local`, `color:N`, `rate:AS:rate`, else
    /// `0xTTSS:hex` (type, sub-type, six value octets in hex).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            ExtCommunityKind::RouteTarget { admin, local } => write!(f, "RT:{admin}:{local}"),
            ExtCommunityKind::RouteOrigin { admin, local } => write!(f, "SoO:{admin}:{local}"),
            ExtCommunityKind::Color { color } => write!(f, "color:{color}"),
            ExtCommunityKind::TrafficRate { asn, rate } => {
                write!(f, "rate:{asn}:{}", f32::from_bits(rate))
            }
            _ => write!(
                f,
                "0x{:02x}{:02x}:{}",
                self.0[0],
                self.0[1],
                Hex(&self.0[2..])
            ),
        }
    }
}

impl fmt::Debug for ExtendedCommunity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for ExtendedCommunity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The EXTENDED_COMMUNITIES attribute, borrowed from the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtendedCommunities<'a>(&'a [u8]);

impl<'a> ExtendedCommunities<'a> {
    /// Validates and wraps the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        check_list(raw, 8, true)?;
        Ok(Self(raw.value))
    }

    /// The wire bytes.
    pub fn wire(&self) -> &'a [u8] {
        self.0
    }

    /// The communities in wire order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ExtendedCommunity> + Clone + 'a {
        self.0.chunks_exact(8).map(|c| {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            ExtendedCommunity(a)
        })
    }
}

impl fmt::Display for ExtendedCommunities<'_> {
    /// Space-separated.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(f, self.iter(), " ")
    }
}

impl fmt::Debug for ExtendedCommunities<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for ExtendedCommunities<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&DisplaySeq(self.iter()), s)
    }
}
