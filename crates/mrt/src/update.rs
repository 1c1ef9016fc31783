//! The UPDATE (RFC 4271 §4.3) and path attribute framing route decoding uses, as thin
//! adapters over `ribcage-attributes`: [`UpdateParts`] is its `UpdateFields`, [`AttrIter`] its
//! `RawAttributes`, [`MpReach`] and [`MpUnreach`] its MP_REACH_NLRI / MP_UNREACH_NLRI views
//! (RFC 4760), and [`AttrType`] is its codepoint type. No framing is done here: the adapters
//! only keep the shapes this crate's route decoding reads and map errors to [`Error`].

use ribcage_attributes::{AttrFlags, RawAttribute, RawAttributes, UpdateFields};
use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, Family, Registry, Safi};

use crate::{static_context, Error};

pub use ribcage_attributes::AttrType;

/// The extended-length attribute flag (RFC 4271 §4.3).
pub const FLAG_EXTENDED_LENGTH: u8 = AttrFlags::EXTENDED_LENGTH;

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

/// Maps an attributes error to this crate's: framing errors name the attribute, MP errors the
/// family.
fn attr_error(e: &ribcage_attributes::Error, family: Family) -> Error {
    match *e {
        ribcage_attributes::Error::AttributeOverrun {
            code,
            length,
            offset,
            ..
        } => Error::Attribute {
            type_code: code.0,
            length,
            offset,
        },
        ribcage_attributes::Error::WithdrawnLength {
            length,
            available,
            offset,
        }
        | ribcage_attributes::Error::AttributesLength {
            length,
            available,
            offset,
        } => Error::Truncated {
            needed: length,
            available,
            offset,
        },
        ref other => Error::MpAttribute {
            family,
            offset: other.offset(),
        },
    }
}

/// Iterator over the attributes of an attribute block; stops after the first framing error.
#[derive(Clone, Debug)]
pub struct AttrIter<'a> {
    raw: RawAttributes<'a>,
}

impl<'a> AttrIter<'a> {
    /// Frames the attributes in `block` (the path attribute field of an UPDATE or RIB entry).
    pub fn new(block: Cursor<'a>) -> Self {
        Self {
            raw: RawAttributes::new(block.rest(), block.position()),
        }
    }
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = Result<RawAttr<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.raw.next()? {
            Ok(a) => Ok(RawAttr {
                flags: a.flags.0,
                type_code: a.code,
                value: a.value,
                offset: a.value_offset(),
            }),
            Err(e) => Err(attr_error(&e, Family::default())),
        })
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
    #[inline]
    pub fn split(body: Cursor<'a>) -> Result<Self, Error> {
        let f = UpdateFields::split(body.rest(), body.position())
            .map_err(|e| attr_error(&e, Family::default()))?;
        Ok(Self {
            withdrawn: f.withdrawn,
            attributes: f.attributes,
            nlri: f.nlri,
        })
    }
}

/// The built-in NLRI decoders, for the MP views (the runs are split later by the caller's
/// registry).
static BUILTIN: Registry = Registry::BUILTIN;

/// An MP attribute's value as a raw attribute whose value starts at `offset`.
fn raw(code: AttrType, value: &[u8], offset: usize) -> RawAttribute<'_> {
    RawAttribute {
        flags: AttrFlags(AttrFlags::OPTIONAL),
        code,
        value,
        offset,
        wire: value,
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
    fn from_view(m: ribcage_attributes::MpReach<'a>) -> Self {
        Self {
            family: m.family(),
            next_hop: m.next_hop_wire(),
            nlri: Cursor::with_base(m.nlri_wire(), m.nlri_offset()),
        }
    }

    /// Parses the full form of the attribute value (as `ribcage-attributes` does, next hop
    /// length checked against the family).
    #[inline]
    pub fn parse(value: &'a [u8], offset: usize) -> Result<Self, Error> {
        // Split here when `ribcage-attributes` would accept the value (its view also decodes
        // the next hop, which this adapter drops); it reports anything else.
        if let &[a0, a1, safi, nh_len, ref rest @ ..] = value {
            let family = Family::new(Afi(u16::from_be_bytes([a0, a1])), Safi(safi));
            let n = usize::from(nh_len);
            if let (Some(next_hop), Some(nlri)) = (rest.get(..n), rest.get(n + 1..)) {
                if ribcage_attributes::MpReach::next_hop_len_ok(family, n) {
                    return Ok(Self {
                        family,
                        next_hop,
                        nlri: Cursor::with_base(nlri, offset.saturating_add(5 + n)),
                    });
                }
            }
        }
        Self::parse_checked(value, offset)
    }

    /// [`MpReach::parse`] through `ribcage-attributes`' view, which names what is wrong.
    #[inline(never)]
    fn parse_checked(value: &'a [u8], offset: usize) -> Result<Self, Error> {
        let r = raw(AttrType::MP_REACH_NLRI, value, offset);
        ribcage_attributes::MpReach::from_raw(&r, static_context(true, false), &BUILTIN)
            .map(Self::from_view)
            .map_err(|e| attr_error(&e, e.family().unwrap_or_default()))
    }

    /// Parses the abbreviated form TABLE_DUMP_V2 RIB entries use (RFC 6396 §4.3.4): only the
    /// next hop length and next hop. The family comes from the RIB record.
    pub fn parse_abbreviated(
        family: Family,
        value: &'a [u8],
        offset: usize,
    ) -> Result<Self, Error> {
        let r = raw(AttrType::MP_REACH_NLRI, value, offset);
        ribcage_attributes::MpReach::from_raw_abbreviated(
            &r,
            family,
            static_context(true, false),
            &BUILTIN,
        )
        .map(Self::from_view)
        .map_err(|e| attr_error(&e, family))
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
        let r = raw(AttrType::MP_UNREACH_NLRI, value, offset);
        ribcage_attributes::MpUnreach::from_raw(&r, static_context(true, false), &BUILTIN)
            .map(|m| Self {
                family: m.family(),
                nlri: Cursor::with_base(m.nlri_wire(), m.nlri_offset()),
            })
            .map_err(|e| attr_error(&e, Family::default()))
    }
}

#[cfg(test)]
mod tests;
