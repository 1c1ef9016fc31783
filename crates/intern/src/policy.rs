//! Intern policies: what a pool does with a value, chosen per field and changeable at runtime.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// How a [`Pool`](crate::Pool) stores values. Text form (for a CLI flag or a configuration
/// file, and the serde form): `inline`, `unbounded`, `lru:10000`, `weak`.
///
/// ```
/// use ribcage_intern::Policy;
///
/// let p: Policy = "lru:10000".parse().unwrap();
/// assert_eq!(p, Policy::Lru { capacity: 10_000 });
/// assert_eq!(p.to_string(), "lru:10000");
/// assert!("lru:0".parse::<Policy>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Policy {
    /// No pool: every `intern` returns a fresh, unshared allocation (the value is not worth
    /// sharing). Nothing is remembered, so `get` finds nothing.
    Inline,
    /// One canonical instance per value for as long as the pool lives (or until `clear`).
    Unbounded,
    /// At most `capacity` entries; a miss on a full pool evicts the least recently used entry
    /// of its shard. Evicted values stay valid for the handles that hold them.
    ///
    /// The order is exact per shard, approximate across shards. A capacity smaller than the
    /// shard count leaves some shards with no room (values that hash there are not stored):
    /// give tiny caches one shard ([`Pool::with_shards`](crate::Pool::with_shards)).
    Lru {
        /// Maximum number of entries, split evenly over the shards (their sum is exactly this).
        capacity: usize,
    },
    /// Refcounted: an entry no handle holds any more is released (see
    /// [`Pool::purge`](crate::Pool::purge) for exactly when). The default, because a pool of
    /// this kind never holds more than its live handles need.
    #[default]
    Weak,
}

impl Policy {
    /// The LRU capacity, if this is [`Policy::Lru`].
    pub fn capacity(self) -> Option<usize> {
        match self {
            Policy::Lru { capacity } => Some(capacity),
            _ => None,
        }
    }

    /// True when the policy keeps a table (everything but [`Policy::Inline`]).
    pub fn is_pooled(self) -> bool {
        !matches!(self, Policy::Inline)
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Policy::Inline => f.write_str("inline"),
            Policy::Unbounded => f.write_str("unbounded"),
            Policy::Lru { capacity } => write!(f, "lru:{capacity}"),
            Policy::Weak => f.write_str("weak"),
        }
    }
}

impl FromStr for Policy {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        match lower.as_str() {
            "inline" => return Ok(Policy::Inline),
            "unbounded" => return Ok(Policy::Unbounded),
            "weak" => return Ok(Policy::Weak),
            _ => {}
        }
        let Some(cap) = lower.strip_prefix("lru:") else {
            return Err(Error::UnknownPolicy {
                text: text.to_owned(),
            });
        };
        let offset = text.len() - text.trim_start().len() + "lru:".len();
        let digits: String = cap.chars().filter(|&c| c != '_').collect();
        match digits.parse::<usize>() {
            Ok(capacity) if capacity > 0 => Ok(Policy::Lru { capacity }),
            _ => Err(Error::BadCapacity {
                text: cap.to_owned(),
                offset,
            }),
        }
    }
}

impl serde::Serialize for Policy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Values at most this many bytes long are kept inline: a pooled handle to a slice is 16 bytes
/// itself, so sharing cannot save anything on them at any reuse (see the
/// [break-even table](crate::breakeven)).
pub const INLINE_MAX_BYTES: usize = 16;

/// Heap bytes one pooled entry costs beyond its payload (reference counts, stored hash, slab
/// slot, table bucket, malloc's block overhead), as measured by the
/// [break-even table](crate::breakeven) on 64-bit Linux (the largest figure measured, rounded up).
pub const ENTRY_OVERHEAD_BYTES: usize = 86;

/// Heap bytes a value longer than [`INLINE_MAX_BYTES`] costs per reference beyond its payload
/// when kept by value: a `Box<[u8]>` (16 bytes) and malloc's block overhead (16 bytes).
const BOXED_OVERHEAD_BYTES: usize = 32;

/// Bytes of a handle to a pooled slice.
const HANDLE_BYTES: usize = 16;

/// The policy the [break-even table](crate::breakeven) recommends for a field whose values are
/// `value_len_bytes` long and are each referenced `expected_reuse` times on average.
///
/// The rule: values of at most [`INLINE_MAX_BYTES`] stay inline. A longer value kept by value
/// costs `len + 32` bytes per reference (box and malloc block); pooled, it costs a 16-byte handle
/// plus its share of one entry, `(len + ENTRY_OVERHEAD_BYTES) / reuse`. The field is pooled
/// ([`Policy::Weak`]) when that is smaller, which is from a reuse of about 2 (60-byte values) to
/// 4 (18-byte values); otherwise it stays inline.
///
/// A fixed-size value slightly longer than 16 bytes that the caller can keep as an array (a
/// 17-byte IPv6 prefix) costs only its length by value: keep it inline whatever this returns.
///
/// ```
/// use ribcage_intern::{recommended_policy, Policy};
///
/// assert_eq!(recommended_policy(8, 10_000), Policy::Inline); // a route distinguisher
/// assert_eq!(recommended_policy(50, 1), Policy::Inline); // unique AS_PATHs
/// assert_eq!(recommended_policy(50, 2), Policy::Inline);
/// assert_eq!(recommended_policy(50, 3), Policy::Weak); // shared AS_PATHs
/// assert_eq!(recommended_policy(18, 3), Policy::Inline);
/// assert_eq!(recommended_policy(18, 4), Policy::Weak);
/// ```
pub fn recommended_policy(value_len_bytes: usize, expected_reuse: usize) -> Policy {
    if value_len_bytes <= INLINE_MAX_BYTES || expected_reuse == 0 {
        return Policy::Inline;
    }
    // Compare per-reference costs multiplied by `reuse`, in integers:
    // (len + E) + 16·reuse  <  (len + 32)·reuse.
    let pooled = (value_len_bytes + ENTRY_OVERHEAD_BYTES)
        .saturating_add(HANDLE_BYTES.saturating_mul(expected_reuse));
    let by_value = (value_len_bytes + BOXED_OVERHEAD_BYTES).saturating_mul(expected_reuse);
    if pooled < by_value {
        Policy::Weak
    } else {
        Policy::Inline
    }
}
