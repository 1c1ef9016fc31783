//! AGGREGATOR (type 7; RFC 4271 §5.1.7, 4-byte form RFC 6793 §3). RFC 7606 §7.7: a length
//! other than 6 (2-byte AS) or 8 (4-byte AS) is attribute-discard.

use std::fmt;
use std::net::Ipv4Addr;

use crate::{Error, RawAttribute};

/// The AGGREGATOR attribute (also the value of AS4_AGGREGATOR, type 18, which is always 4-byte).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Aggregator {
    /// The aggregating AS.
    pub asn: u32,
    /// The aggregating speaker's BGP identifier.
    pub addr: Ipv4Addr,
}

impl Aggregator {
    /// Decodes the attribute value; `four_byte` says whether the AS field is 4 bytes.
    pub fn from_raw(raw: &RawAttribute<'_>, four_byte: bool) -> Result<Self, Error> {
        if four_byte {
            let a: [u8; 8] = raw.fixed()?;
            Ok(Aggregator {
                asn: u32::from_be_bytes([a[0], a[1], a[2], a[3]]),
                addr: Ipv4Addr::new(a[4], a[5], a[6], a[7]),
            })
        } else {
            let a: [u8; 6] = raw.fixed()?;
            Ok(Aggregator {
                asn: u32::from(u16::from_be_bytes([a[0], a[1]])),
                addr: Ipv4Addr::new(a[2], a[3], a[4], a[5]),
            })
        }
    }
}

impl fmt::Display for Aggregator {
    /// `AS IP`, as bgpdump prints it: `13659 198.206.239.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.asn, self.addr)
    }
}
