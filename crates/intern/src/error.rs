//! The intern crate's error type.

/// What can go wrong in this crate: reading a [`Policy`](crate::Policy) from text, and a
/// [`SymbolPool`](crate::SymbolPool) running out of `u32` symbols. Interning into a
/// [`Pool`](crate::Pool) cannot fail.
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
    /// A [`SymbolPool`](crate::SymbolPool) already holds 2³² values, as many as `u32` symbols
    /// can name. The caller can intern into a [`Pool`](crate::Pool) instead.
    #[error("symbol pool full: {len} values")]
    SymbolsExhausted {
        /// Values the pool holds.
        len: usize,
    },
}
