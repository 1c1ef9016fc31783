//! [`RawAttribute`]: one path attribute as framed on the wire (RFC 4271 §4.3), and
//! [`RawAttributes`], the iterator that splits an attribute block into them.

use std::fmt;

use crate::{AttrFlags, AttrType, Error};

/// One path attribute as framed on the wire: flags, type, value bytes and where it sits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RawAttribute<'a> {
    /// The flags octet.
    pub flags: AttrFlags,
    /// The type code.
    pub code: AttrType,
    /// The value bytes (after the length field).
    pub value: &'a [u8],
    /// Absolute offset of the flags octet.
    pub offset: usize,
    /// The whole attribute, header included.
    pub wire: &'a [u8],
}

impl<'a> RawAttribute<'a> {
    /// Absolute offset of the first value byte.
    pub fn value_offset(&self) -> usize {
        self.offset + (self.wire.len() - self.value.len())
    }

    /// A length error for this attribute.
    pub fn bad_length(&self) -> Error {
        Error::Length {
            code: self.code,
            length: self.value.len(),
            offset: self.value_offset(),
        }
    }

    /// Checks the optional and transitive flags against the type's (RFC 7606 §3 c).
    pub fn check_flags(&self) -> Result<(), Error> {
        match self.code.expected_flags() {
            Some((opt, trans))
                if opt != self.flags.optional() || trans != self.flags.transitive() =>
            {
                Err(Error::Flags {
                    code: self.code,
                    flags: self.flags,
                    offset: self.offset,
                })
            }
            _ => Ok(()),
        }
    }

    /// The value as a fixed-size array, or a length error.
    pub(crate) fn fixed<const N: usize>(&self) -> Result<[u8; N], Error> {
        self.value.try_into().map_err(|_| self.bad_length())
    }
}

impl fmt::Debug for RawAttribute<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}[{}]@{}:", self.code, self.flags, self.offset)?;
        self.value.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// Iterator over the attributes of a block, in wire order. Yields each attribute's framing; an
/// overrun ends it after one `Err` (what follows cannot be located).
#[derive(Clone, Debug)]
pub struct RawAttributes<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
}

impl<'a> RawAttributes<'a> {
    /// Iterates the attribute block `data`, whose first byte is at absolute offset `base`.
    pub fn new(data: &'a [u8], base: usize) -> Self {
        Self { data, pos: 0, base }
    }

    fn split(&mut self) -> Result<RawAttribute<'a>, Error> {
        let rest = &self.data[self.pos..];
        let offset = self.base + self.pos;
        let overrun = |code: u8, length: usize, available: usize| Error::AttributeOverrun {
            code: AttrType(code),
            length,
            available,
            offset,
        };
        let (flags, code) = match rest {
            [f, c, ..] => (AttrFlags(*f), AttrType(*c)),
            _ => return Err(overrun(0, 0, rest.len())),
        };
        let (hdr, len) = if flags.extended_length() {
            match rest {
                [_, _, a, b, ..] => (4, usize::from(u16::from_be_bytes([*a, *b]))),
                _ => return Err(overrun(code.0, 0, rest.len().saturating_sub(2))),
            }
        } else {
            match rest {
                [_, _, a, ..] => (3, usize::from(*a)),
                _ => return Err(overrun(code.0, 0, rest.len().saturating_sub(2))),
            }
        };
        if hdr + len > rest.len() {
            return Err(overrun(code.0, len, rest.len() - hdr));
        }
        self.pos += hdr + len;
        Ok(RawAttribute {
            flags,
            code,
            value: &rest[hdr..hdr + len],
            offset,
            wire: &rest[..hdr + len],
        })
    }
}

impl<'a> Iterator for RawAttributes<'a> {
    type Item = Result<RawAttribute<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.data.len() {
            return None;
        }
        let item = self.split();
        if item.is_err() {
            self.pos = self.data.len();
        }
        Some(item)
    }
}

impl std::iter::FusedIterator for RawAttributes<'_> {}
