//! IPv6 Address Specific Extended Community (type 25; RFC 5701). RFC 7606 §7.13: a length not
//! a multiple of 20 is treat-as-withdraw.

use std::fmt;
use std::net::Ipv6Addr;

use crate::attr::list::{check_list, join, DisplaySeq};
use crate::{Error, RawAttribute};

/// One IPv6 address-specific extended community: type, sub-type, an IPv6 administrator and a
/// 2-byte local number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ipv6ExtCommunity {
    /// The type octet (0x00 transitive, 0x40 non-transitive).
    pub typ: u8,
    /// The sub-type octet (0x02 route target, 0x03 route origin).
    pub subtype: u8,
    /// The global administrator.
    pub admin: Ipv6Addr,
    /// The local administrator.
    pub local: u16,
}

impl fmt::Display for Ipv6ExtCommunity {
    /// `RT:[addr]:local`, `SoO:[addr]:local`, else `0xTTSS:[addr]:local`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.typ, self.subtype) {
            (0x00, 0x02) => write!(f, "RT:[{}]:{}", self.admin, self.local),
            (0x00, 0x03) => write!(f, "SoO:[{}]:{}", self.admin, self.local),
            (t, s) => write!(f, "0x{t:02x}{s:02x}:[{}]:{}", self.admin, self.local),
        }
    }
}

/// The IPv6 address-specific extended communities attribute, borrowed from the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ipv6ExtCommunities<'a>(&'a [u8]);

impl<'a> Ipv6ExtCommunities<'a> {
    /// Validates and wraps the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        check_list(raw, 20, true)?;
        Ok(Self(raw.value))
    }

    /// The communities in wire order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Ipv6ExtCommunity> + Clone + 'a {
        self.0.chunks_exact(20).map(|c| {
            let mut a = [0u8; 16];
            a.copy_from_slice(&c[2..18]);
            Ipv6ExtCommunity {
                typ: c[0],
                subtype: c[1],
                admin: Ipv6Addr::from(a),
                local: u16::from_be_bytes([c[18], c[19]]),
            }
        })
    }
}

impl fmt::Display for Ipv6ExtCommunities<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(f, self.iter(), " ")
    }
}

impl fmt::Debug for Ipv6ExtCommunities<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for Ipv6ExtCommunities<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&DisplaySeq(self.iter()), s)
    }
}
