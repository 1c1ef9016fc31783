//! [`RouteDistinguisher`]: the 8-octet value that makes VPN routes unique (RFC 4364 §4.2).

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

/// A route distinguisher, kept as its 8 wire octets (RFC 4364 §4.2).
///
/// Types 0 (2-octet AS : 4-octet number), 1 (IPv4 address : 2-octet number) and 2 (4-octet AS :
/// 2-octet number) print as `65000:1`, `192.0.2.1:7` and `4200000000:7`. Any other type is kept
/// as received and prints as `type:0xVALUE` (for example `5:0x010203040506`), so an RD of an
/// unknown type never fails a decode.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RouteDistinguisher(pub [u8; 8]);

impl RouteDistinguisher {
    /// Type 0: a 2-octet AS number administrator and a 4-octet assigned number.
    pub const TYPE_AS2: u16 = 0;
    /// Type 1: an IPv4 address administrator and a 2-octet assigned number.
    pub const TYPE_IPV4: u16 = 1;
    /// Type 2: a 4-octet AS number administrator and a 2-octet assigned number.
    pub const TYPE_AS4: u16 = 2;

    /// An RD from its wire octets.
    pub const fn from_bytes(bytes: [u8; 8]) -> Self {
        Self(bytes)
    }

    /// A type 0 RD `asn:number`.
    pub fn as2(asn: u16, number: u32) -> Self {
        let mut b = [0u8; 8];
        b[2..4].copy_from_slice(&asn.to_be_bytes());
        b[4..].copy_from_slice(&number.to_be_bytes());
        Self(b)
    }

    /// A type 1 RD `address:number`.
    pub fn ipv4(addr: Ipv4Addr, number: u16) -> Self {
        let mut b = [0u8; 8];
        b[..2].copy_from_slice(&Self::TYPE_IPV4.to_be_bytes());
        b[2..6].copy_from_slice(&addr.octets());
        b[6..].copy_from_slice(&number.to_be_bytes());
        Self(b)
    }

    /// A type 2 RD `asn:number`.
    pub fn as4(asn: u32, number: u16) -> Self {
        let mut b = [0u8; 8];
        b[..2].copy_from_slice(&Self::TYPE_AS4.to_be_bytes());
        b[2..6].copy_from_slice(&asn.to_be_bytes());
        b[6..].copy_from_slice(&number.to_be_bytes());
        Self(b)
    }

    /// The type field (first two octets).
    pub fn rd_type(&self) -> u16 {
        u16::from_be_bytes([self.0[0], self.0[1]])
    }

    /// The wire octets.
    pub fn as_bytes(&self) -> &[u8; 8] {
        &self.0
    }
}

impl fmt::Display for RouteDistinguisher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.0;
        match self.rd_type() {
            Self::TYPE_AS2 => write!(
                f,
                "{}:{}",
                u16::from_be_bytes([b[2], b[3]]),
                u32::from_be_bytes([b[4], b[5], b[6], b[7]])
            ),
            Self::TYPE_IPV4 => write!(
                f,
                "{}:{}",
                Ipv4Addr::new(b[2], b[3], b[4], b[5]),
                u16::from_be_bytes([b[6], b[7]])
            ),
            Self::TYPE_AS4 => write!(
                f,
                "{}:{}",
                u32::from_be_bytes([b[2], b[3], b[4], b[5]]),
                u16::from_be_bytes([b[6], b[7]])
            ),
            t => {
                write!(f, "{t}:0x")?;
                b[2..].iter().try_for_each(|x| write!(f, "{x:02x}"))
            }
        }
    }
}

impl fmt::Debug for RouteDistinguisher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RD({self})")
    }
}

/// Why a string is not a route distinguisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid route distinguisher text")]
pub struct ParseRdError;

impl FromStr for RouteDistinguisher {
    type Err = ParseRdError;

    /// Parses the forms [`Display`](fmt::Display) prints. An administrator that fits 16 bits
    /// gives type 0 (as routers do), a larger one type 2; an IPv4 address gives type 1.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (admin, number) = s.rsplit_once(':').ok_or(ParseRdError)?;
        if let Some(hex) = number.strip_prefix("0x") {
            let t: u16 = admin.parse().map_err(|_| ParseRdError)?;
            if hex.len() != 12 || !hex.is_ascii() {
                return Err(ParseRdError);
            }
            let mut b = [0u8; 8];
            b[..2].copy_from_slice(&t.to_be_bytes());
            for (i, chunk) in hex.as_bytes().chunks(2).enumerate() {
                let pair = std::str::from_utf8(chunk).map_err(|_| ParseRdError)?;
                b[2 + i] = u8::from_str_radix(pair, 16).map_err(|_| ParseRdError)?;
            }
            return Ok(Self(b));
        }
        if let Ok(addr) = admin.parse::<Ipv4Addr>() {
            return Ok(Self::ipv4(addr, number.parse().map_err(|_| ParseRdError)?));
        }
        let asn: u32 = admin.parse().map_err(|_| ParseRdError)?;
        match u16::try_from(asn) {
            Ok(asn) => Ok(Self::as2(asn, number.parse().map_err(|_| ParseRdError)?)),
            Err(_) => Ok(Self::as4(asn, number.parse().map_err(|_| ParseRdError)?)),
        }
    }
}

impl serde::Serialize for RouteDistinguisher {
    /// Serialises as the [`Display`](fmt::Display) text.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for RouteDistinguisher {
    /// Parses the [`Display`](fmt::Display) text.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
