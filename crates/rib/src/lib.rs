//! A compact in-memory RIB: routes keyed by peer, family, NLRI and path id, each pointing at an
//! interned attribute set.
//!
//! Layering: above `ribcage-mrt`; below `ribcage-cli`. It does no I/O on paths: callers hand it
//! MRT input in memory ([`Rib::load`]) or record by record ([`Loader::apply`]).
//!
//! Layout (measured in `docs/bench/rib.md`):
//! - per family, every NLRI is stored once (the NLRI store) and named by a `u32` id. NLRI
//!   first seen since the last [`Rib::compact`] sit in a hashed arena (IPv4 prefixes in five
//!   packed bytes, others as wire bytes); compaction sorts every prefix-shaped NLRI into groups
//!   by (route distinguisher, prefix length), each a run of its address bytes at their exact
//!   width with no index (3 bytes for a /24), and renumbers the routes to match. Labeled and
//!   VPN NLRI are keyed without their label stack (kept per route, interned), VPN route
//!   distinguishers are interned;
//! - per (peer, family), a route table maps NLRI id to an attribute set handle: a sorted
//!   `Vec<(u32, u32)>` for small tables; for full tables dense columns indexed by NLRI id, one
//!   for set ids and one for label stack ids, each 1 to 4 bytes a slot as the largest id
//!   needs; a hash map for ADD-PATH routes. No allocation per route;
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
