//! General-purpose interning: one canonical instance per distinct value, handles that compare by
//! pointer, per-field policies, sharding and live statistics.
//!
//! ```
//! use ribcage_intern::{Interned, Policy, Pool};
//! let pool: Pool<[u8]> = Pool::new(Policy::Weak);
//! let a = pool.intern(b"65000 65001 65002");
//! assert!(Interned::ptr_eq(&a, &pool.intern(b"65000 65001 65002")));
//! drop(a); assert_eq!(pool.stats().live_entries, 0); // the last handle took its entry along
//! ```
//!
//! | [`Policy`] | text | what the pool keeps | an entry goes | use it for |
//! |---|---|---|---|---|
//! | `Inline` | `inline` | nothing: each `intern` is a fresh allocation | with its handle | a field whose pool is switched off |
//! | `Unbounded` | `unbounded` | every value, one canonical instance each | on `clear` only | a bounded set of values |
//! | `Lru { capacity }` | `lru:N` | at most `capacity` values, least recently used evicted | on eviction (handles stay valid) | caches under adversarial input |
//! | `Weak` (default) | `weak` | every value some handle holds | when its last handle drops | values that come and go with the records holding them |
//!
//! **The rule** (from the measured [break-even table](breakeven), implemented by
//! [`recommended_policy`]): keep values of at most 16 bytes inline, by value in your struct
//! (a pooled handle is 16 bytes itself, so sharing never pays); pool a longer value when
//! `reuse × (len + 32) > len + 112 + 16 × reuse` (from a reuse of 3 for 60-byte values, 4 for
//! 18-byte ones), with `Weak`; where references vastly outnumber values and nothing need ever
//! go, a [`SymbolPool`]'s 4-byte [`Symbol`]s are cheaper still.
//!
//! Layering: bottom of the stack beside `ribcage-buffer`; it knows nothing about BGP and depends
//! on no other ribcage crate.
//!
//! - [`Pool<T>`] interns `[u8]`, `str` or any sized `T: Hash + Eq + Clone`, from many threads
//!   through `&`. A hit hashes the value once, takes one shard lock and allocates nothing.
//! - [`Interned<T>`] is the handle: a reference-counted pointer to the value and its header
//!   (stored hash, back-reference to its shard), valid for as long as it is held whatever the
//!   pool does; equality is "same pointer, else same value", `Hash` uses the stored hash. It is
//!   8 bytes for a sized `T`, 16 for `[u8]` and `str`.
//! - [`Policy`] is chosen per pool (per field) and can be changed at runtime
//!   ([`Pool::set_policy`] says what happens to the entries).
//! - [`Stats`] reports calls, hits, misses, inserts, evictions, releases, bytes held and saved.
//! - [`SymbolPool<T>`] hands out 4-byte [`Symbol`]s into an append-only pool.
//!
//! # Release on drop
//!
//! Every pooled entry's allocation carries a weak back-reference to its shard. Under `Weak` the
//! shard's table holds only a weak reference to the entry, so the handles alone keep it alive.
//! When the last one drops, the entry's header is dropped first: it locks the shard, removes the
//! now dead table entry, unlocks, and only then is the value itself dropped. A concurrent
//! `intern` of the same value either upgrades the table's weak reference before the last handle
//! goes (then that drop was not the last) or finds it dead and files a new entry: `Weak`'s
//! atomic upgrade makes the two exclusive, and the removal under the lock takes only a dead
//! entry, never the new one. The pool never drops an entry while it holds a shard lock, so a
//! value may hold handles into the same pool.
//!
//! Under [`Policy::Inline`], `intern` still returns an [`Interned<T>`]: a fresh allocation the
//! pool does not remember (the same as [`Interned::new`]). Callers that want the value in their
//! own struct instead keep `T` itself for such fields; the break-even table compares both.

#![forbid(unsafe_code)]

mod arena;
mod error;
mod handle;
mod internable;
mod policy;
mod pool;
mod stats;
mod symbol;

#[cfg(test)]
mod tests;

pub use arena::{ArenaOptions, ArenaPool};
pub use error::Error;
pub use handle::Interned;
pub use internable::{heap_size_of, Internable, Stored};
pub use policy::{recommended_policy, Policy, ENTRY_OVERHEAD_BYTES, INLINE_MAX_BYTES};
pub use pool::Pool;
pub use stats::Stats;
pub use symbol::{Symbol, SymbolPool};

pub mod breakeven {
    #![doc = include_str!("../BREAKEVEN.md")]
}
