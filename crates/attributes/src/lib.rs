//! BGP path attributes, UPDATE decoding, RFC 7606 error handling and attribute caches.
//!
//! Layering: above `ribcage-nlri` (NLRI) and `ribcage-intern` (caches); below `ribcage-mrt`.
//! It does no I/O and knows nothing about MRT records beyond the abbreviated MP_REACH_NLRI of
//! RIB entries.
//!
//! - [`Update`] is a lazy view of one UPDATE message: [`Update::parse`] checks its framing
//!   and computes its RFC 7606 [`Outcome`] once; [`Update::withdrawn`],
//!   [`Update::announced`], [`Update::all_withdrawn`], [`Update::all_announced`] (every
//!   family, through the nlri registry), [`Update::attributes`], [`Update::problems`] and
//!   [`Update::is_end_of_rib`] read it on demand. Building and iterating allocate nothing.
//! - [`PathAttributes`] is a lazy view of one attribute block (an UPDATE's, through `Deref`, or
//!   an MRT RIB entry's, [`PathAttributes::for_rib`]) with one typed accessor per attribute
//!   (`origin()`, `as_path()`, `merged_as_path()`, `communities()`, `mp_reach()`, ...), each
//!   returning `Result<Option<T>, Error>`.
//! - Each attribute type has its own module under [`attr`], named by its code, with a typed
//!   view, `Display` and `serde::Serialize`; [`Attribute`] dispatches between them and keeps
//!   unknown attributes byte for byte with their flags.
//! - RFC 7606: every [`Error`] maps to an [`ErrorAction`]; [`Problem`] adds the attribute's
//!   code, flags, offset and (for AFI/SAFI disable) family.
//! - [`bgpdump`] is the one home of `bgpdump -m`'s quirks: its reading of attribute blocks, its
//!   AS4_PATH merge, and byte-buffer writers for its number, address, AS path and community
//!   text (used by `ribcage-mrt`'s line formatter) with `Display` forms on top.
//! - [`AttributeSet`] is the owned, canonical attribute set of a route (one boxed byte slice),
//!   and [`AttributeCache`] interns sets and large attribute values through ribcage-intern,
//!   with statistics and a switch that turns interning off ([`CacheConfig::disabled`]).
//!
//! ```
//! use ribcage_attributes::{Update, Origin};
//! use ribcage_nlri::{DecodeContext, Registry};
//!
//! // An UPDATE body: no withdrawn routes; ORIGIN IGP, AS_PATH 65000, NEXT_HOP 192.0.2.1;
//! // NLRI 10.0.0.0/8.
//! let body = [
//!     0, 0, 0, 20, 0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xe8, 0x40, 3, 4, 192, 0, 2, 1,
//!     8, 10,
//! ];
//! let ctx = DecodeContext::default();
//! let registry = Registry::default();
//! let update = Update::parse(&body, 0, &ctx, &registry).unwrap();
//! assert!(update.outcome().is_clean());
//! assert_eq!(update.origin().unwrap(), Some(Origin::IGP));
//! assert_eq!(update.as_path().unwrap().unwrap().to_string(), "65000");
//! let nlri: Vec<String> = update.all_announced().map(|n| n.unwrap().to_string()).collect();
//! assert_eq!(nlri, ["10.0.0.0/8"]);
//! ```

pub mod attr;
mod attrs;
pub mod bgpdump;
mod cache;
mod error;
mod raw;
mod set;
mod types;
mod update;

pub use attr::next_hop::MpNextHop;
pub use attr::t001_origin::Origin;
pub use attr::t002_as_path::{AsPath, Segment, SegmentType, Segments};
pub use attr::t003_next_hop::NextHop;
pub use attr::t004_med::Med;
pub use attr::t005_local_pref::LocalPref;
pub use attr::t006_atomic_aggregate::AtomicAggregate;
pub use attr::t007_aggregator::Aggregator;
pub use attr::t008_communities::{Communities, Community};
pub use attr::t009_originator_id::OriginatorId;
pub use attr::t010_cluster_list::ClusterList;
pub use attr::t014_mp_reach::MpReach;
pub use attr::t015_mp_unreach::MpUnreach;
pub use attr::t016_extended_communities::{
    Admin, ExtCommunityKind, ExtendedCommunities, ExtendedCommunity,
};
pub use attr::t017_as4_path::{MergedAsPath, AS_TRANS};
pub use attr::t022_pmsi_tunnel::PmsiTunnel;
pub use attr::t025_ipv6_ext_communities::{Ipv6ExtCommunities, Ipv6ExtCommunity};
pub use attr::t026_aigp::Aigp;
pub use attr::t032_large_communities::{LargeCommunities, LargeCommunity};
pub use attr::t035_otc::Otc;
pub use attr::t040_prefix_sid::PrefixSid;
pub use attr::Attribute;
pub use attrs::{Attributes, PathAttributes, Problems};
pub use cache::{AttributeCache, CacheConfig, CacheStats};
pub use error::{malformed_action, malformed_action_in, Error, ErrorAction, Outcome, Problem};
pub use raw::{RawAttribute, RawAttributes};
pub use set::AttributeSet;
pub use types::{AttrFlags, AttrType};
pub use update::{AllNlri, Update, UpdateFields, UpdateProblems, HEADER_LEN};

#[cfg(test)]
mod tests;

/// The workspace README, whose Rust example is compiled and run as a doctest of this crate so
/// that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeExample;
