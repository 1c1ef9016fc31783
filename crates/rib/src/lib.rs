//! A compact in-memory RIB: routes keyed by peer, family, NLRI and path id, each pointing at an
//! interned attribute set.
//!
//! Layering: above `ribcage-mrt`; below `ribcage-cli`. It does no I/O on paths: callers hand it
//! MRT input in memory ([`Rib::load`]) or record by record ([`Loader::apply`]).
//!
//! Layout (measured in `docs/bench/rib.md`):
//! - per family, every NLRI is stored once (the NLRI store): IPv4 prefixes in five packed
//!   bytes, others as wire bytes in one arena, named by a `u32` id. Labeled and VPN NLRI are
//!   keyed without their label stack (kept per route, interned), VPN route distinguishers are
//!   interned;
//! - per (peer, family), a route table maps NLRI id to a `u32` attribute set handle: a sorted
//!   `Vec<(u32, u32)>` for small tables, a dense `Vec<u32>` indexed by NLRI id for full tables
//!   (4 bytes a route; 8 with a label handle), a hash map for ADD-PATH routes — no allocation
//!   per route;
//! - attribute sets are encoded in one arena and deduplicated; inside a set each attribute is
//!   inline or a handle into that attribute type's pool, as the [`InternConfig`] says (AS paths
//!   can be split into first AS and shared tail).
//!
//! Every pool is a [`ribcage_intern::ArenaPool`]: values back to back in one arena, named by
//! `u32` indexes, deduplicated through an index of those numbers; about 7 to 11 bytes a distinct
//! value beyond its payload, against some 80 for an entry of the intern crate's `Pool` (its
//! break-even table measures both). Pools never evict: handles are plain indexes, and a set no
//! route points at any more stays stored until the `Rib` is dropped (update streams that churn
//! grow the pools).
//!
//! ```
//! use ribcage_rib::{InternConfig, Rib};
//!
//! let rib = Rib::new("default".parse::<InternConfig>().unwrap());
//! assert_eq!(rib.routes(), 0);
//! assert!(rib.longest_match("192.0.2.1".parse().unwrap()).is_none());
//! ```

mod attrs;
mod config;
mod dump;
mod error;
mod nlri_store;
mod rib;
mod source;
mod table;

#[cfg(test)]
mod tests;

pub use attrs::{AttrSetId, CacheStats, SetHeader};
pub use config::{FieldMode, InternConfig, ParsePolicyError, FIELD_NAMES};
pub use dump::DumpStats;
pub use error::Error;
pub use rib::{FamilyCount, LoadStats, Loader, Peer, PeerId, Rib, Route};
pub use source::Source;
