//! The values a pool can hold, how each is hashed, and how it is laid out behind a handle.
//!
//! Every stored value carries its hash inside its one allocation, so a table never rehashes a
//! value on resize and a handle hashes without touching the value. Slices and strings keep it as
//! an 8-byte prefix of an `Arc<[u8]>` / `Arc<str>` (no second allocation, no unsafe code);
//! sized values as a field beside the value.

use std::cell::RefCell;
use std::hash::{BuildHasher, Hash};
use std::mem::size_of;
use std::sync::{Arc, OnceLock};

/// Bytes of an `Arc`'s two reference counts, which precede the value in its allocation.
pub(crate) const ARC_COUNTS: usize = 2 * size_of::<usize>();

/// Length of the hash prefix in front of stored slices and strings.
const PREFIX: usize = 8;

/// Values longer than this are copied straight into their allocation instead of through the
/// per-thread scratch buffer, so the buffer never keeps a large value's capacity alive.
const SCRATCH_MAX: usize = 1024;

/// An odd constant that spreads the 56 bits of a string's hash over 64.
const SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

/// The inverse of [`SPREAD`] modulo 2^64 (Newton's iteration doubles the correct bits each step).
const SPREAD_INV: u64 = {
    let mut x = SPREAD;
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(SPREAD.wrapping_mul(x)));
        i += 1;
    }
    x
};

/// The process-wide hasher: one random seed per process, so equal values hash equally in every
/// pool (handles from two pools, or two copies after an LRU eviction, compare and hash alike),
/// and so hashes cannot be predicted from outside.
fn hasher() -> &'static foldhash::fast::FixedState {
    static STATE: OnceLock<foldhash::fast::FixedState> = OnceLock::new();
    STATE.get_or_init(|| {
        let seed = std::hash::RandomState::new().hash_one(0x7269_6263_6167_6531_u64);
        foldhash::fast::FixedState::with_seed(seed)
    })
}

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static SCRATCH_STR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// A type a [`Pool`](crate::Pool) can intern: `[u8]`, `str`, and every sized
/// `T: Hash + Eq + Clone`.
///
/// The hidden items describe the storage layout; they are public only because handles name
/// them. Implement this trait for your own unsized type only if you know why.
pub trait Internable: Eq + Hash {
    /// The shared allocation behind a handle: the value and its stored hash.
    #[doc(hidden)]
    type Stored: ?Sized;

    /// The hash a pool files this value under (the same in every pool of the process).
    fn intern_hash(&self) -> u64;

    /// Builds the shared allocation for this value, whose hash is `hash`.
    #[doc(hidden)]
    fn store(&self, hash: u64) -> Arc<Self::Stored>;

    /// The value inside a stored allocation.
    #[doc(hidden)]
    fn stored_value(stored: &Self::Stored) -> &Self;

    /// The hash kept inside a stored allocation.
    #[doc(hidden)]
    fn stored_hash(stored: &Self::Stored) -> u64;

    /// Bytes of the value itself: the length of a slice or string, `size_of::<T>()` for a sized
    /// value (its own heap blocks, if it has any, are not counted).
    fn payload_len(&self) -> usize;

    /// Heap bytes of the one allocation that holds this value once stored (reference counts,
    /// stored hash and value), before the allocator's own rounding.
    fn stored_size(&self) -> usize;
}

/// An `Arc` allocation's size: its layout is padded to the counts' alignment (8).
const fn round8(n: usize) -> usize {
    n.next_multiple_of(8)
}

/// Copies `prefix` and `body` into one new `Arc<[u8]>` (a single allocation).
fn arc_bytes(prefix: &[u8], body: &[u8]) -> Arc<[u8]> {
    if body.len() > SCRATCH_MAX {
        return prefix.iter().chain(body).copied().collect();
    }
    SCRATCH.with_borrow_mut(|buf| {
        buf.clear();
        buf.extend_from_slice(prefix);
        buf.extend_from_slice(body);
        Arc::from(&buf[..])
    })
}

impl Internable for [u8] {
    type Stored = [u8];

    fn intern_hash(&self) -> u64 {
        hasher().hash_one(self)
    }

    fn store(&self, hash: u64) -> Arc<[u8]> {
        arc_bytes(&hash.to_le_bytes(), self)
    }

    fn stored_value(stored: &[u8]) -> &[u8] {
        stored.get(PREFIX..).unwrap_or_default()
    }

    fn stored_hash(stored: &[u8]) -> u64 {
        let mut h = [0u8; PREFIX];
        if let Some(p) = stored.get(..PREFIX) {
            h.copy_from_slice(p);
        }
        u64::from_le_bytes(h)
    }

    fn payload_len(&self) -> usize {
        self.len()
    }

    fn stored_size(&self) -> usize {
        round8(ARC_COUNTS + PREFIX + self.len())
    }
}

/// The 56 bits of a string's hash that fit in its ASCII prefix.
fn str_bits(full: u64) -> u64 {
    full >> 8
}

/// The table hash made from a string's 56 stored bits.
fn str_spread(bits: u64) -> u64 {
    bits.wrapping_mul(SPREAD)
}

impl Internable for str {
    type Stored = str;

    fn intern_hash(&self) -> u64 {
        str_spread(str_bits(hasher().hash_one(self)))
    }

    fn store(&self, hash: u64) -> Arc<str> {
        // `hash` is spread from 56 bits by an invertible multiplication; undo it.
        let bits = hash.wrapping_mul(SPREAD_INV);
        let prefix: [u8; PREFIX] = std::array::from_fn(|i| ((bits >> (7 * i)) & 0x7f) as u8);
        if self.len() > SCRATCH_MAX {
            let mut s = String::with_capacity(PREFIX + self.len());
            s.extend(prefix.iter().map(|&b| char::from(b)));
            s.push_str(self);
            return Arc::from(s);
        }
        SCRATCH_STR.with_borrow_mut(|buf| {
            buf.clear();
            buf.extend(prefix.iter().map(|&b| char::from(b)));
            buf.push_str(self);
            Arc::from(buf.as_str())
        })
    }

    fn stored_value(stored: &str) -> &str {
        stored.get(PREFIX..).unwrap_or_default()
    }

    fn stored_hash(stored: &str) -> u64 {
        let bits = stored
            .as_bytes()
            .iter()
            .take(PREFIX)
            .enumerate()
            .fold(0u64, |acc, (i, &b)| acc | (u64::from(b & 0x7f) << (7 * i)));
        str_spread(bits)
    }

    fn payload_len(&self) -> usize {
        self.len()
    }

    fn stored_size(&self) -> usize {
        round8(ARC_COUNTS + PREFIX + self.len())
    }
}

/// A sized value with its stored hash: what a handle to a sized `T` points to.
#[doc(hidden)]
#[derive(Debug)]
pub struct Stored<T> {
    hash: u64,
    value: T,
}

impl<T: Hash + Eq + Clone> Internable for T {
    type Stored = Stored<T>;

    fn intern_hash(&self) -> u64 {
        hasher().hash_one(self)
    }

    fn store(&self, hash: u64) -> Arc<Stored<T>> {
        Arc::new(Stored {
            hash,
            value: self.clone(),
        })
    }

    fn stored_value(stored: &Stored<T>) -> &T {
        &stored.value
    }

    fn stored_hash(stored: &Stored<T>) -> u64 {
        stored.hash
    }

    fn payload_len(&self) -> usize {
        size_of::<T>()
    }

    fn stored_size(&self) -> usize {
        let align = std::mem::align_of::<Stored<T>>();
        ARC_COUNTS.next_multiple_of(align) + size_of::<Stored<T>>()
    }
}

/// Heap bytes that interning `value` allocates once (its shared allocation), before the
/// allocator's rounding; a pool adds [`Stats::table_bytes`](crate::Stats::table_bytes) on top.
pub fn heap_size_of<T: Internable + ?Sized>(value: &T) -> usize {
    value.stored_size()
}
