//! AS4_AGGREGATOR (type 18; RFC 6793 §3): AGGREGATOR with a 4-byte AS, sent beside a 2-byte
//! AGGREGATOR holding AS_TRANS. RFC 6793 §6: a length other than 8 is attribute-discard. The
//! value type is [`Aggregator`](crate::Aggregator); merging is
//! [`PathAttributes::merged_aggregator`](crate::PathAttributes::merged_aggregator).

use crate::{Aggregator, Error, RawAttribute};

/// Decodes an AS4_AGGREGATOR value (always 8 bytes).
pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Aggregator, Error> {
    Aggregator::from_raw(raw, true)
}
