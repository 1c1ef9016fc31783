//! The crate's error type: what went wrong with one part of an input while loading it.

/// A part of an input that could not be loaded. Loading goes on after each of these: the
/// [`LoadStats`](crate::LoadStats) count them and keep the first few.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bytes that did not frame as MRT records were skipped (damage, or a truncated end); the
    /// routes in records before and after were loaded.
    #[error("framing: {0}")]
    Frame(#[from] ribcage_mrt::FrameError),
    /// A record, or one of its RIB entries or NLRI, did not decode; the rest of the record's
    /// routes were loaded.
    #[error("record at offset {offset}: {source}")]
    Record {
        /// Absolute offset of the record.
        offset: usize,
        /// What the MRT decoder found.
        source: ribcage_mrt::Error,
    },
    /// An UPDATE's framing could not be trusted (RFC 7606 §4); its announcements were treated
    /// as withdrawals.
    #[error("update in the record at offset {offset}: {source}")]
    Update {
        /// Absolute offset of the record.
        offset: usize,
        /// What the attribute decoder found.
        source: ribcage_attributes::Error,
    },
    /// A route could not be stored: its NLRI does not fit the family's packed form, or an arena
    /// passed 4 GiB. The route was skipped.
    #[error("route at offset {offset} not stored")]
    NotStored {
        /// Absolute offset of the route's NLRI (or of its record).
        offset: usize,
    },
}
