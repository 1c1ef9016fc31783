//! The intern crate's error type.

/// What can go wrong in this crate: only reading a [`Policy`](crate::Policy) from text, since
/// interning itself cannot fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text names no policy. The caller can show the accepted forms: `inline`, `unbounded`,
    /// `lru:CAPACITY`, `weak`.
    #[error("unknown intern policy {text:?}: expected inline, unbounded, lru:CAPACITY or weak")]
    UnknownPolicy {
        /// The text that was given (configuration text, not wire input).
        text: String,
    },
    /// `lru:` was followed by something that is not a positive integer. The caller can ask for a
    /// capacity of at least 1.
    #[error("bad LRU capacity {text:?} at offset {offset}: expected an integer of at least 1")]
    BadCapacity {
        /// The capacity text that was given.
        text: String,
        /// Offset of the capacity text in the policy text.
        offset: usize,
    },
}
