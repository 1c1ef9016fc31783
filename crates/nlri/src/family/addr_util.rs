//! Small readers shared by the EVPN, FlowSpec, SR Policy, MUP and BGP-LS decoders.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ribcage_buffer::Cursor;

use crate::{Afi, Error, Family};

/// An IPv4 or IPv6 address from exactly 4 or 16 octets.
pub(crate) fn ip_from(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => <[u8; 4]>::try_from(b)
            .ok()
            .map(|a| IpAddr::V4(Ipv4Addr::from(a))),
        16 => <[u8; 16]>::try_from(b)
            .ok()
            .map(|a| IpAddr::V6(Ipv6Addr::from(a))),
        _ => None,
    }
}

/// The address width in octets of an IP AFI (16 for IPv6, else 4).
pub(crate) fn addr_len(afi: Afi) -> usize {
    if afi == Afi::IPV6 {
        16
    } else {
        4
    }
}

/// A cursor over one NLRI that maps buffer errors into this crate's error for its family.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader<'a> {
    pub(crate) cur: Cursor<'a>,
    pub(crate) family: Family,
}

impl<'a> Reader<'a> {
    /// A reader over `wire`, whose first byte is at absolute offset `offset`.
    pub(crate) fn new(family: Family, wire: &'a [u8], offset: usize) -> Self {
        Self {
            cur: Cursor::with_base(wire, offset),
            family,
        }
    }

    pub(crate) fn pos(&self) -> usize {
        self.cur.position()
    }

    pub(crate) fn remaining(&self) -> usize {
        self.cur.remaining()
    }

    pub(crate) fn u8(&mut self) -> Result<u8, Error> {
        self.cur
            .read_u8()
            .map_err(|e| Error::from_buffer(self.family, e))
    }

    pub(crate) fn u16(&mut self) -> Result<u16, Error> {
        self.cur
            .read_u16()
            .map_err(|e| Error::from_buffer(self.family, e))
    }

    pub(crate) fn u24(&mut self) -> Result<u32, Error> {
        self.cur
            .read_u24()
            .map_err(|e| Error::from_buffer(self.family, e))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, Error> {
        self.cur
            .read_u32()
            .map_err(|e| Error::from_buffer(self.family, e))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, Error> {
        self.cur
            .read_u64()
            .map_err(|e| Error::from_buffer(self.family, e))
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], Error> {
        self.cur
            .take_slice(n)
            .map_err(|e| Error::from_buffer(self.family, e))
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        self.cur
            .read_array()
            .map_err(|e| Error::from_buffer(self.family, e))
    }

    /// Reads an address of `n` octets (4 or 16).
    pub(crate) fn ip(&mut self, n: usize) -> Result<IpAddr, Error> {
        let offset = self.pos();
        let b = self.bytes(n)?;
        ip_from(b).ok_or(Error::Length {
            family: self.family,
            what: "address length",
            length: n,
            offset,
        })
    }

    /// Fails unless every byte was read: the NLRI's own length disagrees with its fields.
    pub(crate) fn end(
        &self,
        what: &'static str,
        length: usize,
        offset: usize,
    ) -> Result<(), Error> {
        if self.cur.is_empty() {
            Ok(())
        } else {
            Err(Error::Length {
                family: self.family,
                what,
                length,
                offset,
            })
        }
    }
}

/// Formats bytes as lowercase hex.
pub(crate) struct Hex<'a>(pub(crate) &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// Implements `Debug` (the name, or `Type(n)`), `Display` (the name, or the number) and
/// `Serialize` (the number) for an open codepoint newtype with a `name()` method.
macro_rules! codepoint_fmt {
    ($t:ty) => {
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, "{}({})", stringify!($t), self.0),
                }
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
pub(crate) use codepoint_fmt;

/// Serialises bytes as a lowercase hex string.
pub(crate) fn hex<S: serde::Serializer>(bytes: &&[u8], s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&Hex(bytes))
}
