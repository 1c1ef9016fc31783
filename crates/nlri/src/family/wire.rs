//! What the family decoders share: [`Reader`] (a cursor over one NLRI whose errors name the
//! family), [`split_framed`] (splitting one NLRI off a run by its length fields), address
//! helpers, and the hex and codepoint formatting of the text and JSON forms.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ribcage_buffer::Cursor;

use crate::{Afi, Error, Family, RouteDistinguisher};

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

    /// Reads a length in bits and the `length.div_ceil(8)` octets it announces (the prefix
    /// encoding of RFC 4271 §4.3 that most NLRI share); `check` vets the length, given with its
    /// absolute offset, before the octets are read.
    pub(crate) fn bits_and_octets(
        &mut self,
        check: impl FnOnce(u8, usize) -> Result<(), Error>,
    ) -> Result<(u8, &'a [u8]), Error> {
        let at = self.pos();
        let bits = self.u8()?;
        check(bits, at)?;
        let octets = self.bytes(usize::from(bits).div_ceil(8))?;
        Ok((bits, octets))
    }

    /// Reads an 8-octet route distinguisher (RFC 4364 §4.2), of any type.
    pub(crate) fn rd(&mut self) -> Result<RouteDistinguisher, Error> {
        self.array().map(RouteDistinguisher)
    }

    /// The unread bytes, consumed.
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        let rest = self.cur.rest();
        self.cur = Cursor::with_base(&[], self.cur.position());
        rest
    }

    /// Fails with a `trailing bytes` [`Error::Length`] at the first unread byte unless every
    /// byte was read: `decode` was given more than one NLRI.
    pub(crate) fn finish(&self) -> Result<(), Error> {
        self.cur
            .expect_end()
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

/// Splits one NLRI off `cur`: `frame` reads the NLRI's length fields from a [`Reader`] over the
/// run and skips what they announce; the bytes it consumed are the NLRI's wire form. `cur` moves
/// past them only on success.
pub(crate) fn split_framed<'a>(
    family: Family,
    cur: &mut Cursor<'a>,
    frame: impl FnOnce(&mut Reader<'a>) -> Result<(), Error>,
) -> Result<&'a [u8], Error> {
    let start = cur.rest();
    let mut r = Reader { cur: *cur, family };
    frame(&mut r)?;
    let used = start.len() - r.remaining();
    *cur = r.cur;
    Ok(&start[..used])
}

/// Splits one `length, prefix octets` field (a length in bits, then the octets it implies) off
/// `cur`, as unicast, labeled, VPN and RT-Constraint NLRI all begin. `check` vets the length
/// before its octets are skipped.
pub(crate) fn split_bits<'a>(
    family: Family,
    cur: &mut Cursor<'a>,
    check: impl FnOnce(u8, usize) -> Result<(), Error>,
) -> Result<&'a [u8], Error> {
    split_framed(family, cur, |r| r.bits_and_octets(check).map(drop))
}

/// Splits one NLRI laid out as `type_len` octets of type fields, a length in octets (two
/// octets when `wide_len`, else one), then that many octets: EVPN and MCAST-VPN (1, one-octet
/// length), MUP (3, one-octet), BGP-LS (2, two-octet), VPLS (0, two-octet).
pub(crate) fn split_typed<'a>(
    family: Family,
    cur: &mut Cursor<'a>,
    type_len: usize,
    wide_len: bool,
) -> Result<&'a [u8], Error> {
    split_framed(family, cur, |r| {
        r.bytes(type_len)?;
        let len = if wide_len { r.u16()? } else { r.u8()?.into() };
        r.bytes(usize::from(len)).map(drop)
    })
}

/// Bytes that print and serialise as lowercase hex.
pub(crate) struct Hex<'a>(pub(crate) &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl serde::Serialize for Hex<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
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
