//! The mrt crate's error type.

use ribcage_nlri::Family;

/// Why an MRT record (or part of one) could not be decoded.
///
/// Offsets are absolute, counted from the start of the input. A caller reports the error with
/// the record's offset and goes on with the next record: an error never poisons the stream.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field needed more bytes than the record (or the enclosing length) holds. The record is
    /// truncated or a length field inside it overruns; skip the record (or the entry).
    #[error("truncated: needed {needed} bytes at offset {offset}, {available} available")]
    Truncated {
        /// Bytes the read needed.
        needed: usize,
        /// Bytes that were left.
        available: usize,
        /// Absolute offset where the read started.
        offset: usize,
    },
    /// Bytes were left over after a structure that should have ended exactly.
    #[error("{left} trailing bytes at offset {offset}")]
    Trailing {
        /// Bytes left over.
        left: usize,
        /// Absolute offset of the first left-over byte.
        offset: usize,
    },
    /// An address family identifier the record layout does not allow (RFC 6396 §4.2, §4.4).
    #[error("unsupported AFI {afi} at offset {offset}")]
    Afi {
        /// The AFI found.
        afi: u16,
        /// Absolute offset of the field.
        offset: usize,
    },
    /// A prefix length longer than the address family allows.
    #[error("prefix length {length} over {max} at offset {offset}")]
    PrefixLength {
        /// The length found, in bits.
        length: u8,
        /// The family's maximum.
        max: u8,
        /// Absolute offset of the length field.
        offset: usize,
    },
    /// A TABLE_DUMP_V2 RIB record came before any PEER_INDEX_TABLE (RFC 6396 §4.3.1); its
    /// entries cannot be attributed to a peer.
    #[error("RIB record at offset {offset} before any PEER_INDEX_TABLE")]
    NoPeerTable {
        /// Absolute offset of the RIB record body.
        offset: usize,
    },
    /// A RIB entry names a peer index past the end of the PEER_INDEX_TABLE.
    #[error("peer index {index} out of range ({peers} peers) at offset {offset}")]
    PeerIndex {
        /// The index found.
        index: u16,
        /// Number of peers in the table.
        peers: usize,
        /// Absolute offset of the field.
        offset: usize,
    },
    /// A BGP message inside a BGP4MP record whose marker is not all ones (RFC 4271 §4.1).
    #[error("bad BGP marker at offset {offset}")]
    Marker {
        /// Absolute offset of the marker.
        offset: usize,
    },
    /// A BGP message length field below the 19-byte header or beyond the record.
    #[error("bad BGP message length {length} at offset {offset}")]
    MessageLength {
        /// The length found.
        length: u16,
        /// Absolute offset of the field.
        offset: usize,
    },
    /// A path attribute whose length runs past the attribute block.
    #[error("attribute type {type_code} length {length} overruns at offset {offset}")]
    Attribute {
        /// The attribute type code.
        type_code: u8,
        /// The attribute length.
        length: usize,
        /// Absolute offset of the attribute header.
        offset: usize,
    },
    /// An NLRI that does not parse for its family.
    #[error(transparent)]
    Nlri(#[from] ribcage_nlri::Error),
    /// MP_REACH_NLRI or MP_UNREACH_NLRI too short for its fixed fields (RFC 4760 §3, §4).
    #[error("malformed MP attribute for {family} at offset {offset}")]
    MpAttribute {
        /// The family, as far as it was read.
        family: Family,
        /// Absolute offset of the attribute value.
        offset: usize,
    },
}

impl From<ribcage_buffer::Error> for Error {
    fn from(e: ribcage_buffer::Error) -> Self {
        match e {
            ribcage_buffer::Error::Truncated {
                needed,
                available,
                offset,
            } => Error::Truncated {
                needed,
                available,
                offset,
            },
            ribcage_buffer::Error::Trailing { left, offset } => Error::Trailing { left, offset },
            other => Error::Truncated {
                needed: 0,
                available: 0,
                offset: other.offset(),
            },
        }
    }
}

impl Error {
    /// The absolute offset the error names, when it names one.
    pub fn offset(&self) -> Option<usize> {
        Some(match self {
            Error::Truncated { offset, .. }
            | Error::Trailing { offset, .. }
            | Error::Afi { offset, .. }
            | Error::PrefixLength { offset, .. }
            | Error::NoPeerTable { offset }
            | Error::PeerIndex { offset, .. }
            | Error::Marker { offset }
            | Error::MessageLength { offset, .. }
            | Error::Attribute { offset, .. }
            | Error::MpAttribute { offset, .. } => *offset,
            Error::Nlri(_) => return None,
        })
    }
}
