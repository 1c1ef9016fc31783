//! The buffer crate's error type.

/// Everything that can go wrong while reading bytes, framing messages or opening input.
///
/// Offsets are absolute: counted from the start of the stream or buffer the reader was given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A read needed more bytes than remain. The input is truncated or a length field overruns;
    /// the caller can report the offset and skip the enclosing record.
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
}
