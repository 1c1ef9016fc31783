//! The parts of a BGP UPDATE (RFC 4271 §4.3) and of its path attributes that MRT decoding needs
//! to find routes: the three fields, attribute framing, and MP_REACH/MP_UNREACH (RFC 4760).
//!
//! Attribute *contents* (AS_PATH, communities, ...) are `ribcage-attributes`' business; this
//! module only frames them.

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, Family, Safi};

use crate::Error;

/// Path attribute type codes used by MRT decoding (IANA "BGP Path Attributes").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttrType(pub u8);

impl AttrType {
    /// ORIGIN (RFC 4271 §5.1.1).
    pub const ORIGIN: AttrType = AttrType(1);
    /// AS_PATH (RFC 4271 §5.1.2).
    pub const AS_PATH: AttrType = AttrType(2);
    /// NEXT_HOP (RFC 4271 §5.1.3).
    pub const NEXT_HOP: AttrType = AttrType(3);
    /// MULTI_EXIT_DISC (RFC 4271 §5.1.4).
    pub const MULTI_EXIT_DISC: AttrType = AttrType(4);
    /// LOCAL_PREF (RFC 4271 §5.1.5).
    pub const LOCAL_PREF: AttrType = AttrType(5);
    /// ATOMIC_AGGREGATE (RFC 4271 §5.1.6).
    pub const ATOMIC_AGGREGATE: AttrType = AttrType(6);
    /// AGGREGATOR (RFC 4271 §5.1.7).
    pub const AGGREGATOR: AttrType = AttrType(7);
    /// COMMUNITIES (RFC 1997).
    pub const COMMUNITIES: AttrType = AttrType(8);
    /// ORIGINATOR_ID (RFC 4456).
    pub const ORIGINATOR_ID: AttrType = AttrType(9);
    /// CLUSTER_LIST (RFC 4456).
    pub const CLUSTER_LIST: AttrType = AttrType(10);
    /// MP_REACH_NLRI (RFC 4760 §3).
    pub const MP_REACH_NLRI: AttrType = AttrType(14);
    /// MP_UNREACH_NLRI (RFC 4760 §4).
    pub const MP_UNREACH_NLRI: AttrType = AttrType(15);
    /// EXTENDED COMMUNITIES (RFC 4360).
    pub const EXTENDED_COMMUNITIES: AttrType = AttrType(16);
    /// AS4_PATH (RFC 6793).
    pub const AS4_PATH: AttrType = AttrType(17);
    /// AS4_AGGREGATOR (RFC 6793).
    pub const AS4_AGGREGATOR: AttrType = AttrType(18);
    /// LARGE_COMMUNITY (RFC 8092).
    pub const LARGE_COMMUNITY: AttrType = AttrType(32);
}

/// The extended-length attribute flag (RFC 4271 §4.3).
pub const FLAG_EXTENDED_LENGTH: u8 = 0x10;

/// One path attribute as framed: flags, type, value and the value's absolute offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawAttr<'a> {
    /// The flags octet.
    pub flags: u8,
    /// The type code.
    pub type_code: AttrType,
    /// The value bytes.
    pub value: &'a [u8],
    /// Absolute offset of the value.
    pub offset: usize,
}

/// Iterator over the attributes of an attribute block; stops after the first framing error.
#[derive(Clone, Debug)]
pub struct AttrIter<'a> {
    cur: Cursor<'a>,
    done: bool,
}

impl<'a> AttrIter<'a> {
    /// Frames the attributes in `block` (the path attribute field of an UPDATE or RIB entry).
    pub fn new(block: Cursor<'a>) -> Self {
        Self {
            cur: block,
            done: false,
        }
    }

    fn next_attr(&mut self) -> Result<RawAttr<'a>, Error> {
        let start = self.cur.position();
        let flags = self.cur.read_u8()?;
        let type_code = self.cur.read_u8()?;
        let len = if flags & FLAG_EXTENDED_LENGTH != 0 {
            usize::from(self.cur.read_u16()?)
        } else {
            usize::from(self.cur.read_u8()?)
        };
        let offset = self.cur.position();
        let value = self.cur.take_slice(len).map_err(|_| Error::Attribute {
            type_code,
            length: len,
            offset: start,
        })?;
        Ok(RawAttr {
            flags,
            type_code: AttrType(type_code),
            value,
            offset,
        })
    }
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = Result<RawAttr<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.cur.is_empty() {
            return None;
        }
        let r = self.next_attr();
        self.done = r.is_err();
        Some(r)
    }
}

/// The three variable fields of an UPDATE body (RFC 4271 §4.3), as cursors with absolute
/// offsets.
#[derive(Clone, Copy, Debug)]
pub struct UpdateParts<'a> {
    /// Withdrawn routes (IPv4 unicast prefixes).
    pub withdrawn: Cursor<'a>,
    /// The path attribute block.
    pub attributes: Cursor<'a>,
    /// Announced IPv4 unicast prefixes.
    pub nlri: Cursor<'a>,
}

impl<'a> UpdateParts<'a> {
    /// Splits an UPDATE body (after the 19-byte header).
    pub fn split(mut body: Cursor<'a>) -> Result<Self, Error> {
        let wlen = usize::from(body.read_u16()?);
        let withdrawn = body.take(wlen)?;
        let alen = usize::from(body.read_u16()?);
        let attributes = body.take(alen)?;
        Ok(Self {
            withdrawn,
            attributes,
            nlri: body,
        })
    }
}

/// MP_REACH_NLRI (RFC 4760 §3), split.
#[derive(Clone, Copy, Debug)]
pub struct MpReach<'a> {
    /// The family of the NLRI.
    pub family: Family,
    /// The next hop bytes (4, 16 or 32 for IP families; RD-prefixed for VPN families).
    pub next_hop: &'a [u8],
    /// The NLRI run.
    pub nlri: Cursor<'a>,
}

impl<'a> MpReach<'a> {
    /// Parses the full form of the attribute value.
    pub fn parse(value: &'a [u8], offset: usize) -> Result<Self, Error> {
        let mut cur = Cursor::with_base(value, offset);
        let bad = |family| Error::MpAttribute { family, offset };
        let afi = Afi(cur.read_u16().map_err(|_| bad(Family::default()))?);
        let safi = Safi(cur.read_u8().map_err(|_| bad(Family::default()))?);
        let family = Family::new(afi, safi);
        let nh_len = usize::from(cur.read_u8().map_err(|_| bad(family))?);
        let next_hop = cur.take_slice(nh_len).map_err(|_| bad(family))?;
        let _reserved = cur.read_u8().map_err(|_| bad(family))?;
        Ok(Self {
            family,
            next_hop,
            nlri: cur,
        })
    }

    /// Parses the abbreviated form TABLE_DUMP_V2 RIB entries use (RFC 6396 §4.3.4): only the
    /// next hop length and next hop. The family comes from the RIB record.
    pub fn parse_abbreviated(
        family: Family,
        value: &'a [u8],
        offset: usize,
    ) -> Result<Self, Error> {
        let mut cur = Cursor::with_base(value, offset);
        let bad = Error::MpAttribute { family, offset };
        let nh_len = usize::from(cur.read_u8().map_err(|_| bad.clone())?);
        let next_hop = cur.take_slice(nh_len).map_err(|_| bad)?;
        Ok(Self {
            family,
            next_hop,
            nlri: Cursor::with_base(&[], cur.position()),
        })
    }
}

/// MP_UNREACH_NLRI (RFC 4760 §4), split.
#[derive(Clone, Copy, Debug)]
pub struct MpUnreach<'a> {
    /// The family of the withdrawn NLRI.
    pub family: Family,
    /// The withdrawn NLRI run.
    pub nlri: Cursor<'a>,
}

impl<'a> MpUnreach<'a> {
    /// Parses the attribute value.
    pub fn parse(value: &'a [u8], offset: usize) -> Result<Self, Error> {
        let mut cur = Cursor::with_base(value, offset);
        let bad = Error::MpAttribute {
            family: Family::default(),
            offset,
        };
        let afi = Afi(cur.read_u16().map_err(|_| bad.clone())?);
        let safi = Safi(cur.read_u8().map_err(|_| bad)?);
        Ok(Self {
            family: Family::new(afi, safi),
            nlri: cur,
        })
    }
}
