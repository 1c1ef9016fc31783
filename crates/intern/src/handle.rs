//! `Interned<T>`: the handle to an interned value.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use crate::Internable;

/// A shared, immutable value: a pointer to one allocation that holds the value and its hash.
///
/// - `Clone` bumps a reference count; the handle stays valid for as long as it is held, whatever
///   its pool does afterwards (evict, purge, clear, drop).
/// - Equality is "same allocation, else same stored hash and same value": O(1) for two handles
///   from the same pool entry, and still correct for equal values stored twice (after an LRU
///   eviction, or from two pools).
/// - `Hash` writes the stored hash (never the address), which is the same for equal values in
///   every pool of the process. It is not `T`'s own hash, so `Interned<T>` does not implement
///   `Borrow<T>`.
/// - Size: 8 bytes for a sized `T`, 16 for `[u8]` and `str`.
pub struct Interned<T: ?Sized + Internable> {
    stored: Arc<T::Stored>,
}

impl<T: ?Sized + Internable> Interned<T> {
    /// A handle that belongs to no pool: a fresh allocation holding a copy of `value`. This is
    /// what a pool under [`Policy::Inline`](crate::Policy::Inline) returns.
    pub fn new(value: &T) -> Self {
        Self {
            stored: value.store(value.intern_hash()),
        }
    }

    pub(crate) fn from_stored(stored: Arc<T::Stored>) -> Self {
        Self { stored }
    }

    /// True when both handles point to the same allocation.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.stored, &b.stored)
    }

    /// The stored hash (what `Hash` writes).
    pub fn stored_hash(this: &Self) -> u64 {
        T::stored_hash(&this.stored)
    }

    /// How many handles (including a pool's own entry) share this allocation.
    pub fn strong_count(this: &Self) -> usize {
        Arc::strong_count(&this.stored)
    }

    /// The address of the shared allocation, for diagnostics and identity tests.
    pub fn as_ptr(this: &Self) -> *const u8 {
        Arc::as_ptr(&this.stored).cast::<u8>()
    }
}

impl<T: ?Sized + Internable> Clone for Interned<T> {
    fn clone(&self) -> Self {
        Self {
            stored: Arc::clone(&self.stored),
        }
    }
}

impl<T: ?Sized + Internable> Deref for Interned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        T::stored_value(&self.stored)
    }
}

impl<T: ?Sized + Internable> AsRef<T> for Interned<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: ?Sized + Internable> PartialEq for Interned<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.stored, &other.stored)
            || (T::stored_hash(&self.stored) == T::stored_hash(&other.stored) && **self == **other)
    }
}

impl<T: ?Sized + Internable> Eq for Interned<T> {}

impl<T: ?Sized + Internable> Hash for Interned<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(T::stored_hash(&self.stored));
    }
}

impl<T: ?Sized + Internable + PartialOrd> PartialOrd for Interned<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: ?Sized + Internable + Ord> Ord for Interned<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        if Arc::ptr_eq(&self.stored, &other.stored) {
            return Ordering::Equal;
        }
        (**self).cmp(&**other)
    }
}

impl<T: ?Sized + Internable + fmt::Debug> fmt::Debug for Interned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + Internable + fmt::Display> fmt::Display for Interned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: ?Sized + Internable + serde::Serialize> serde::Serialize for Interned<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}
