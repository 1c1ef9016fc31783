//! The nlri crate's error type.

use crate::Family;

/// Why an NLRI could not be split off or decoded.
///
/// Every variant names the family and the absolute offset of the NLRI. A caller decoding an
/// UPDATE treats an NLRI error as RFC 7606 does for the attribute or field that carried it
/// (usually treat-as-withdraw for the whole UPDATE).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The NLRI's length says more bytes than remain.
    #[error(
        "{family} NLRI truncated at offset {offset}: needed {needed} bytes, {available} available"
    )]
    Truncated {
        /// The family being decoded.
        family: Family,
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
        /// Absolute offset of the read.
        offset: usize,
    },
    /// A prefix length larger than the family allows.
    #[error("{family} prefix length {length} over maximum {max} at offset {offset}")]
    PrefixLength {
        /// The family being decoded.
        family: Family,
        /// The length in bits found.
        length: u16,
        /// The largest length the family allows.
        max: u16,
        /// Absolute offset of the length field.
        offset: usize,
    },
    /// A length field inside the NLRI disagrees with the bytes it should describe.
    #[error("{family} NLRI length {length} invalid ({what}) at offset {offset}")]
    Length {
        /// The family being decoded.
        family: Family,
        /// Which length: a short, static description.
        what: &'static str,
        /// The length found.
        length: usize,
        /// Absolute offset of the length field.
        offset: usize,
    },
    /// A value inside the NLRI is not valid for its field.
    #[error("{family} NLRI field {what} has invalid value {value} at offset {offset}")]
    Value {
        /// The family being decoded.
        family: Family,
        /// Which field.
        what: &'static str,
        /// The value found.
        value: u64,
        /// Absolute offset of the field.
        offset: usize,
    },
}

impl Error {
    /// Maps a buffer error into this crate's error for `family`: a truncation stays one, left-over
    /// bytes are a `trailing bytes` [`Error::Length`], and anything else (which a cursor never
    /// returns) an [`Error::Length`] at the offset it names.
    pub fn from_buffer(family: Family, e: ribcage_buffer::Error) -> Self {
        match e {
            ribcage_buffer::Error::Truncated {
                needed,
                available,
                offset,
            } => Error::Truncated {
                family,
                needed,
                available,
                offset,
            },
            ribcage_buffer::Error::Trailing { left, offset } => Error::Length {
                family,
                what: "trailing bytes",
                length: left,
                offset,
            },
            other => Error::Length {
                family,
                what: "buffer",
                length: 0,
                offset: other.offset(),
            },
        }
    }

    /// Absolute offset where the error was found.
    pub fn offset(&self) -> usize {
        match *self {
            Error::Truncated { offset, .. }
            | Error::PrefixLength { offset, .. }
            | Error::Length { offset, .. }
            | Error::Value { offset, .. } => offset,
        }
    }
}
