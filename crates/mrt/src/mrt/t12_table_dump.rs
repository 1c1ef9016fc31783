//! TABLE_DUMP (type 12; RFC 6396 §4.2): one route per record, AFI in the subtype, 2-byte AS
//! numbers.

use std::net::IpAddr;

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Family, Prefix};

use super::read_ip;
use crate::Error;

/// A TABLE_DUMP subtype: the AFI of the prefix and peer address (RFC 6396 §4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableDumpSubtype(pub u16);

impl TableDumpSubtype {
    /// AFI_IPv4.
    pub const AFI_IPV4: Self = Self(1);
    /// AFI_IPv6.
    pub const AFI_IPV6: Self = Self(2);
}

/// A TABLE_DUMP record body (RFC 6396 §4.2).
#[derive(Clone, Copy, Debug)]
pub struct TableDump<'a> {
    /// View number.
    pub view: u16,
    /// Sequence number.
    pub sequence: u16,
    /// The prefix (host bits cleared).
    pub prefix: Prefix,
    /// Status octet (unused, 1 by convention).
    pub status: u8,
    /// Originated time: when the route was last changed.
    pub originated: u32,
    /// Peer IP address.
    pub peer_ip: IpAddr,
    /// Peer AS (2 bytes on the wire).
    pub peer_as: u32,
    /// The raw path attributes (2-byte AS numbers).
    pub attributes: Cursor<'a>,
}

impl<'a> TableDump<'a> {
    /// Parses a TABLE_DUMP body of `subtype`.
    #[inline]
    pub fn parse(subtype: u16, mut cur: Cursor<'a>) -> Result<Self, Error> {
        let afi = Afi(subtype);
        if afi == Afi::IPV4 || afi == Afi::IPV6 {
            if let Some(td) = Self::parse_fixed(afi, &mut cur)? {
                return Ok(td);
            }
        }
        Self::parse_short(subtype, cur)
    }

    /// [`TableDump::parse`] of a body too short for its fixed fields (or of an unknown AFI):
    /// the error that says which field is missing.
    #[cold]
    #[inline(never)]
    fn parse_short(subtype: u16, mut cur: Cursor<'a>) -> Result<Self, Error> {
        let afi = Afi(subtype);
        let offset = cur.position();
        if afi != Afi::IPV4 && afi != Afi::IPV6 {
            return Err(Error::Afi {
                afi: subtype,
                offset,
            });
        }
        let view = cur.read_u16()?;
        let sequence = cur.read_u16()?;
        let addr = read_ip(&mut cur, afi, offset)?;
        let len_off = cur.position();
        let len = cur.read_u8()?;
        let prefix = Prefix::new(addr, len).ok_or(Error::PrefixLength {
            length: len,
            max: if afi == Afi::IPV4 { 32 } else { 128 },
            offset: len_off,
        })?;
        let status = cur.read_u8()?;
        let originated = cur.read_u32()?;
        let peer_ip = read_ip(&mut cur, afi, offset)?;
        let peer_as = u32::from(cur.read_u16()?);
        let alen = usize::from(cur.read_u16()?);
        let attributes = cur.take(alen)?;
        Ok(Self {
            view,
            sequence,
            prefix,
            status,
            originated,
            peer_ip,
            peer_as,
            attributes,
        })
    }

    /// [`TableDump::parse`] when the fixed fields are all present: one bounds check for them
    /// instead of one per field. `None` (nothing consumed) when the body is shorter.
    #[inline(always)]
    fn parse_fixed(afi: Afi, cur: &mut Cursor<'a>) -> Result<Option<Self>, Error> {
        let n = if afi == Afi::IPV4 { 4 } else { 16 };
        // view, sequence, prefix, length, status, originated, peer IP, peer AS, attribute length.
        let fixed = 2 + 2 + n + 1 + 1 + 4 + n + 2 + 2;
        let Some(d) = cur.rest().get(..fixed) else {
            return Ok(None);
        };
        let be16 = |i: usize| u16::from_be_bytes([d[i], d[i + 1]]);
        let ip = |i: usize| -> IpAddr {
            if n == 4 {
                IpAddr::from([d[i], d[i + 1], d[i + 2], d[i + 3]])
            } else {
                let mut a = [0u8; 16];
                a.copy_from_slice(&d[i..i + 16]);
                IpAddr::from(a)
            }
        };
        let len = d[4 + n];
        let prefix = Prefix::new(ip(4), len).ok_or_else(|| Error::PrefixLength {
            length: len,
            max: if n == 4 { 32 } else { 128 },
            offset: cur.position() + 4 + n,
        })?;
        let o = 6 + n;
        let td = |attributes| Self {
            view: be16(0),
            sequence: be16(2),
            prefix,
            status: d[5 + n],
            originated: u32::from_be_bytes([d[o], d[o + 1], d[o + 2], d[o + 3]]),
            peer_ip: ip(o + 4),
            peer_as: u32::from(be16(o + 4 + n)),
            attributes,
        };
        let alen = usize::from(be16(fixed - 2));
        cur.skip(fixed)?;
        Ok(Some(td(cur.take(alen)?)))
    }

    /// The family of the prefix (unicast of the subtype's AFI).
    pub fn family(&self) -> Family {
        match self.prefix.addr() {
            IpAddr::V4(_) => Family::IPV4_UNICAST,
            IpAddr::V6(_) => Family::IPV6_UNICAST,
        }
    }

    /// The decode context of the attributes: 2-byte AS numbers, no ADD-PATH.
    pub fn context() -> DecodeContext {
        DecodeContext::default().with_four_byte_as(false)
    }
}

#[cfg(test)]
mod tests;
