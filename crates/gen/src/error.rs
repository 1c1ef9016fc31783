//! The crate's one error type.

/// Why a generator stopped.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// Writing the output failed; the caller can retry with another destination.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    /// The source file ends inside a record or a field; the caller can pass a complete file.
    #[error("source truncated at offset {offset}: needed {needed} bytes, {available} available")]
    Truncated {
        /// Bytes the field needed.
        needed: usize,
        /// Bytes left in the enclosing record.
        available: usize,
        /// Absolute offset of the field in the source.
        offset: usize,
    },
    /// A path attribute of the source is malformed (its length does not fit its type); the
    /// caller can drop that record from the source.
    #[error("malformed attribute type {code} at offset {offset}")]
    BadAttribute {
        /// The attribute type code.
        code: u8,
        /// Absolute offset of the attribute in the source.
        offset: usize,
    },
    /// A source route's prefix length exceeds 32; the caller can drop that record.
    #[error("prefix length {len} at offset {offset} exceeds 32")]
    BadPrefixLength {
        /// The prefix length found.
        len: u8,
        /// Absolute offset of the length octet in the source.
        offset: usize,
    },
    /// A generator option is out of its range; the caller can pick a value in range.
    #[error("option {name} = {value} is out of range")]
    BadOption {
        /// The option's name as on the command line.
        name: &'static str,
        /// The value given.
        value: u64,
    },
    /// A file read back by [`crate::check`] is not what the generators write (the caller can
    /// regenerate it), or a source route's attributes grow past 65,535 bytes once rewritten
    /// (the caller can drop that record).
    #[error("unexpected {what} {value} at offset {offset}")]
    Unexpected {
        /// Which field.
        what: &'static str,
        /// The value found.
        value: u64,
        /// Absolute offset of the field.
        offset: usize,
    },
    /// The source holds no TABLE_DUMP IPv4 route to replicate; the caller can pass another file.
    #[error("the source holds no TABLE_DUMP IPv4 route")]
    EmptySource,
}
