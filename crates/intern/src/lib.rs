//! General-purpose interning: one canonical instance per distinct value, handles that compare by
//! pointer, per-field policies, sharding and live statistics.
//!
//! Layering: bottom of the stack beside `ribcage-buffer`; it knows nothing about BGP and depends
//! on no other ribcage crate.
//!
//! - [`Pool<T>`] interns `[u8]`, `str` or any sized `T: Hash + Eq + Clone`, from many threads
//!   through `&`. A hit hashes the value once, takes one shard lock and allocates nothing.
//! - [`Interned<T>`] is the handle: a reference-counted pointer to the value and its stored
//!   hash, valid for as long as it is held whatever the pool does; equality is "same pointer,
//!   else same value", `Hash` uses the stored hash.
//! - [`Policy`] chooses per pool (per field) between `Inline`, `Unbounded`, `Lru { capacity }`
//!   and `Weak`, and can be changed at runtime ([`Pool::set_policy`]).
//! - [`Stats`] reports calls, hits, misses, inserts, evictions, bytes held and saved.
//! - [`recommended_policy`] turns a value size and an expected reuse into a policy, following
//!   the [break-even table](breakeven).
//!
//! ```
//! use ribcage_intern::{Interned, Policy, Pool};
//!
//! let pool: Pool<str> = Pool::new("lru:1000".parse().unwrap());
//! let a = pool.intern("alpha");
//! assert!(Interned::ptr_eq(&a, &pool.intern("alpha")));
//! assert_eq!(&*a, "alpha");
//! pool.set_policy(Policy::Weak);
//! drop(a);
//! assert!(pool.is_empty()); // the last handle is gone, so is the entry
//! ```
//!
//! Under [`Policy::Inline`], `intern` still returns an [`Interned<T>`]: a fresh allocation the
//! pool does not remember (the same as [`Interned::new`]). Callers that want the value in their
//! own struct instead keep `T` itself for such fields; the break-even table compares both.

mod error;
mod handle;
mod internable;
mod policy;
mod pool;
mod stats;

#[cfg(test)]
mod tests;

pub use error::Error;
pub use handle::Interned;
pub use internable::{heap_size_of, Internable, Stored};
pub use policy::{recommended_policy, Policy, ENTRY_OVERHEAD_BYTES, INLINE_MAX_BYTES};
pub use pool::Pool;
pub use stats::Stats;

pub mod breakeven {
    #![doc = include_str!("../BREAKEVEN.md")]
}
