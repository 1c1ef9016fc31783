//! The values a pool can hold, how each is hashed, and how it is laid out behind a handle.
//!
//! Every stored value shares one allocation with a [`Header`]: the value's hash (so a table
//! never rehashes a value on resize and a handle hashes without touching the value) and a weak
//! back-reference to the pool shard that filed it. The header's destructor is the pool's
//! release-on-drop hook: it runs once, when the last strong reference to the allocation goes,
//! and removes the shard's table entry (see [`Pool`](crate::Pool)). Sized values sit beside
//! their header in a plain struct; slices and strings use `slice-dst`'s header-plus-slice
//! layout in a `std::sync::Arc`, so this crate needs no unsafe code.

use std::hash::{BuildHasher, Hash};
use std::mem::size_of;
use std::sync::{Arc, OnceLock, Weak};

use slice_dst::{SliceWithHeader, StrWithHeader};

use crate::pool::Shard;

/// Bytes of an `Arc`'s two reference counts, which precede the value in its allocation.
pub(crate) const ARC_COUNTS: usize = 2 * size_of::<usize>();

/// Bytes of `slice-dst`'s length word in front of a header-plus-slice value.
const DST_LEN: usize = size_of::<usize>();

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

/// What every stored value carries in its allocation: its hash and the shard that filed it.
///
/// Dropping the header (which happens exactly once, when the last strong reference to the
/// allocation goes, before the value itself is dropped) tells the shard that the entry is dead,
/// so a `Weak` pool removes it at once.
#[doc(hidden)]
pub struct Header<T: ?Sized + Internable> {
    hash: u64,
    back: Weak<Shard<T>>,
}

impl<T: ?Sized + Internable> Header<T> {
    /// A header filed with `shard`.
    pub(crate) fn new(hash: u64, back: Weak<Shard<T>>) -> Self {
        Self { hash, back }
    }

    /// A header that belongs to no pool (its drop does nothing).
    pub(crate) fn detached(hash: u64) -> Self {
        Self {
            hash,
            back: Weak::new(),
        }
    }

    /// The stored hash.
    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }
}

impl<T: ?Sized + Internable> Drop for Header<T> {
    fn drop(&mut self) {
        // A detached header's `Weak::new()` upgrades to nothing without touching memory; a
        // dropped pool's shard is gone too. Otherwise the shard removes its dead entry under its
        // lock; the value is dropped after this returns, so after the lock is released.
        if let Some(shard) = self.back.upgrade() {
            shard.entry_died(self.hash);
        }
    }
}

/// A type a [`Pool`](crate::Pool) can intern: `[u8]`, `str`, and every sized
/// `T: Hash + Eq + Clone`.
///
/// The hidden items describe the storage layout; they are public only because handles name
/// them. Implement this trait for your own unsized type only if you know why.
pub trait Internable: Eq + Hash {
    /// The shared allocation behind a handle: a [`Header`] and the value.
    #[doc(hidden)]
    type Stored: ?Sized;

    /// The hash a pool files this value under (the same in every pool of the process).
    fn intern_hash(&self) -> u64;

    /// Builds the shared allocation for this value, with `header`.
    #[doc(hidden)]
    fn store(&self, header: Header<Self>) -> Arc<Self::Stored>;

    /// The value inside a stored allocation.
    #[doc(hidden)]
    fn stored_value(stored: &Self::Stored) -> &Self;

    /// The header inside a stored allocation.
    #[doc(hidden)]
    fn stored_header(stored: &Self::Stored) -> &Header<Self>;

    /// The hash kept inside a stored allocation.
    #[doc(hidden)]
    fn stored_hash(stored: &Self::Stored) -> u64 {
        Self::stored_header(stored).hash()
    }

    /// [`payload_len`](Internable::payload_len) of the value behind a weak reference, read from
    /// the pointer alone (the value may already be dead).
    #[doc(hidden)]
    fn weak_payload_len(weak: &Weak<Self::Stored>) -> usize;

    /// Bytes of the value itself: the length of a slice or string, `size_of::<T>()` for a sized
    /// value (its own heap blocks, if it has any, are not counted).
    fn payload_len(&self) -> usize;

    /// Heap bytes of the one allocation that holds this value once stored (reference counts,
    /// header and value), before the allocator's own rounding.
    fn stored_size(&self) -> usize;

    /// [`stored_size`](Internable::stored_size) of a value whose payload is `len` bytes.
    #[doc(hidden)]
    fn stored_size_of_len(len: usize) -> usize;
}

/// An `Arc` allocation's size: its layout is padded to the counts' alignment (8).
const fn round8(n: usize) -> usize {
    n.next_multiple_of(8)
}

/// Allocation size of a header-plus-slice value of `len` bytes.
fn dst_size<T: ?Sized + Internable>(len: usize) -> usize {
    ARC_COUNTS + round8(DST_LEN + size_of::<Header<T>>() + len)
}

impl Internable for [u8] {
    type Stored = SliceWithHeader<Header<[u8]>, u8>;

    fn intern_hash(&self) -> u64 {
        hasher().hash_one(self)
    }

    fn store(&self, header: Header<[u8]>) -> Arc<Self::Stored> {
        SliceWithHeader::from_slice(header, self)
    }

    fn stored_value(stored: &Self::Stored) -> &[u8] {
        &stored.slice
    }

    fn stored_header(stored: &Self::Stored) -> &Header<[u8]> {
        &stored.header
    }

    fn weak_payload_len(weak: &Weak<Self::Stored>) -> usize {
        // The slice length is the fat pointer's metadata: no read through the pointer.
        (Weak::as_ptr(weak) as *const [u8]).len()
    }

    fn payload_len(&self) -> usize {
        self.len()
    }

    fn stored_size(&self) -> usize {
        Self::stored_size_of_len(self.len())
    }

    fn stored_size_of_len(len: usize) -> usize {
        dst_size::<[u8]>(len)
    }
}

impl Internable for str {
    type Stored = StrWithHeader<Header<str>>;

    fn intern_hash(&self) -> u64 {
        hasher().hash_one(self)
    }

    fn store(&self, header: Header<str>) -> Arc<Self::Stored> {
        StrWithHeader::new(header, self)
    }

    fn stored_value(stored: &Self::Stored) -> &str {
        &stored.str
    }

    fn stored_header(stored: &Self::Stored) -> &Header<str> {
        &stored.header
    }

    fn weak_payload_len(weak: &Weak<Self::Stored>) -> usize {
        (Weak::as_ptr(weak) as *const [u8]).len()
    }

    fn payload_len(&self) -> usize {
        self.len()
    }

    fn stored_size(&self) -> usize {
        Self::stored_size_of_len(self.len())
    }

    fn stored_size_of_len(len: usize) -> usize {
        dst_size::<str>(len)
    }
}

/// A sized value with its header: what a handle to a sized `T` points to. The header is the
/// first field, so it is dropped (and the entry removed) before the value is.
#[doc(hidden)]
pub struct Stored<T: Internable> {
    header: Header<T>,
    value: T,
}

impl<T: Hash + Eq + Clone> Internable for T {
    type Stored = Stored<T>;

    fn intern_hash(&self) -> u64 {
        hasher().hash_one(self)
    }

    fn store(&self, header: Header<T>) -> Arc<Stored<T>> {
        Arc::new(Stored {
            header,
            value: self.clone(),
        })
    }

    fn stored_value(stored: &Stored<T>) -> &T {
        &stored.value
    }

    fn stored_header(stored: &Stored<T>) -> &Header<T> {
        &stored.header
    }

    fn weak_payload_len(_: &Weak<Stored<T>>) -> usize {
        size_of::<T>()
    }

    fn payload_len(&self) -> usize {
        size_of::<T>()
    }

    fn stored_size(&self) -> usize {
        Self::stored_size_of_len(size_of::<T>())
    }

    fn stored_size_of_len(_: usize) -> usize {
        let align = std::mem::align_of::<Stored<T>>();
        ARC_COUNTS.next_multiple_of(align) + size_of::<Stored<T>>()
    }
}

/// Heap bytes that interning `value` allocates once (its shared allocation), before the
/// allocator's rounding; a pool adds [`Stats::table_bytes`](crate::Stats::table_bytes) on top.
pub fn heap_size_of<T: Internable + ?Sized>(value: &T) -> usize {
    value.stored_size()
}
