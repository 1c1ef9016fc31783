//! The buffer crate's error type.

/// Everything that can go wrong while reading bytes, framing messages or opening input.
///
/// Offsets are absolute: counted from the start of the stream or buffer the reader was given.
/// For a header field that is wrong, the offset is that of the field itself (the marker starts
/// a BGP message; a BGP length field is 16 bytes into it and its type 18; an MRT length field is
/// 8 bytes into its record).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A read needed more bytes than remain. The input is truncated or a length field overruns;
    /// the caller can report the offset and skip the enclosing record.
    ///
    /// The stream readers also return it when the input ends inside a message or record: then
    /// `offset` is where that message or record starts, `needed` its full length (or the header
    /// length while the header itself is incomplete) and `available` what the input still had.
    #[error("truncated: needed {needed} bytes at offset {offset}, {available} available")]
    Truncated {
        /// Bytes the read needed.
        needed: usize,
        /// Bytes that were left.
        available: usize,
        /// Absolute offset where the read started.
        offset: usize,
    },
    /// Bytes were left over where a field should have ended exactly.
    #[error("{left} trailing bytes at offset {offset}")]
    Trailing {
        /// Bytes left over.
        left: usize,
        /// Absolute offset of the first left-over byte.
        offset: usize,
    },
    /// A BGP message header's 16-byte marker is not all ones (RFC 4271 §4.1). The stream is out
    /// of step or not BGP; nothing after it can be framed. A BGP speaker answers with a
    /// NOTIFICATION (Message Header Error, Connection Not Synchronized) and closes the session;
    /// a file reader reports the offset and stops.
    #[error("BGP marker is not all ones at offset {offset}")]
    BadMarker {
        /// Absolute offset of the marker (the start of the message).
        offset: usize,
    },
    /// A length field is outside what its header allows: a BGP message shorter than 19 bytes,
    /// longer than 4096 (65535 with RFC 8654 extended messages), shorter than its type's minimum
    /// (RFC 4271 §6.1), or an MRT `_ET` record too short to hold its microsecond field. The
    /// framing cannot continue; a BGP speaker answers with Bad Message Length, a file reader
    /// reports and stops. If the peer negotiated extended messages, enable them on the reader.
    #[error("length {length} at offset {offset} is outside {min}..={max}")]
    BadLength {
        /// The length the header claims.
        length: usize,
        /// The smallest length allowed here.
        min: usize,
        /// The largest length allowed here.
        max: usize,
        /// Absolute offset of the length field.
        offset: usize,
    },
    /// A BGP header carries a message type outside 1..=5 (RFC 4271 §4.1, RFC 2918). A BGP
    /// speaker answers with Bad Message Type and closes; a file reader reports and stops.
    #[error("unknown BGP message type {msg_type} at offset {offset}")]
    UnknownMessageType {
        /// The type octet found.
        msg_type: u8,
        /// Absolute offset of the type octet.
        offset: usize,
    },
    /// An MRT record's length field exceeds the reader's configured maximum, so it was not
    /// buffered. Either the file is corrupt there (MRT has no resynchronisation marker, so the
    /// reader stops) or the record is genuinely that large: raise the limit with
    /// `MrtReader::with_max_record_len` and read again.
    #[error("record length {length} at offset {offset} exceeds the maximum {max}")]
    RecordTooLong {
        /// The length the header claims (without the 12-byte common header).
        length: usize,
        /// The configured maximum.
        max: usize,
        /// Absolute offset of the length field.
        offset: usize,
    },
    /// The underlying reader (file, pipe, socket or decompressor) failed. Interrupted reads are
    /// retried before this is returned. The stream readers stop after it; the caller can report
    /// it and, if the source is worth retrying, open it again.
    #[error("I/O error at offset {offset}: {source}")]
    Io {
        /// Absolute offset of the first stream byte not yet read when the error occurred.
        offset: usize,
        /// The error the reader returned.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The absolute offset the error names.
    pub fn offset(&self) -> usize {
        match *self {
            Error::Truncated { offset, .. }
            | Error::Trailing { offset, .. }
            | Error::BadMarker { offset }
            | Error::BadLength { offset, .. }
            | Error::UnknownMessageType { offset, .. }
            | Error::RecordTooLong { offset, .. }
            | Error::Io { offset, .. } => offset,
        }
    }
}
