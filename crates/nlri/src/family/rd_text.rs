//! [`Rd`]: a route distinguisher as EVPN, FlowSpec-VPN, SRv6 MUP and BGP-LS-VPN NLRI carry it
//! (RFC 4364 §4.2).
//!
//! A minimal copy kept for these families only; it is to be unified with the VPN module's
//! `RouteDistinguisher` when the branches merge.

use std::fmt;
use std::net::Ipv4Addr;

/// A route distinguisher (RFC 4364 §4.2): a 2-octet type and a 6-octet value, kept as received.
///
/// Type 0 prints as `asn:number` (2-octet AS, 4-octet number), type 1 as `ipv4:number`, type 2
/// as `asn:number` (4-octet AS, 2-octet number); other types as `type:hex` of the value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rd(pub [u8; 8]);

impl Rd {
    /// The route distinguisher's type field.
    pub fn rd_type(&self) -> u16 {
        u16::from_be_bytes([self.0[0], self.0[1]])
    }

    /// Reads a route distinguisher from the first 8 octets of `b`, if there are that many.
    pub(crate) fn from_slice(b: &[u8]) -> Option<Rd> {
        b.get(..8).and_then(|s| s.try_into().ok()).map(Rd)
    }
}

impl fmt::Display for Rd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.0;
        match self.rd_type() {
            0 => write!(
                f,
                "{}:{}",
                u16::from_be_bytes([v[2], v[3]]),
                u32::from_be_bytes([v[4], v[5], v[6], v[7]])
            ),
            1 => write!(
                f,
                "{}:{}",
                Ipv4Addr::new(v[2], v[3], v[4], v[5]),
                u16::from_be_bytes([v[6], v[7]])
            ),
            2 => write!(
                f,
                "{}:{}",
                u32::from_be_bytes([v[2], v[3], v[4], v[5]]),
                u16::from_be_bytes([v[6], v[7]])
            ),
            t => {
                write!(f, "{t}:")?;
                v[2..].iter().try_for_each(|b| write!(f, "{b:02x}"))
            }
        }
    }
}

impl fmt::Debug for Rd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Rd {
    /// Serialises as the text form (`"65000:1"`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests;
