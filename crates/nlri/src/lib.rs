//! NLRI decoding per address family through the [`FamilyDecoder`] registry.
//!
//! Layering: above `ribcage-buffer` and `ribcage-intern`; below `ribcage-attributes`. It knows
//! nothing about path attributes.
//!
//! NLRI keep their wire bytes ("packed bytes first"): splitting a run of NLRI validates only
//! their framing, and fields (prefix, route distinguisher, labels, ...) are decoded when asked.
//!
//! ```
//! use ribcage_buffer::Cursor;
//! use ribcage_nlri::{DecodeContext, Family, Registry};
//!
//! let registry = Registry::default();
//! let wire = [24, 192, 0, 2, 16, 10, 1];
//! let ctx = DecodeContext::default();
//! let prefixes: Vec<String> = registry
//!     .iter(Family::IPV4_UNICAST, Cursor::new(&wire), &ctx)
//!     .map(|n| n.unwrap().to_string())
//!     .collect();
//! assert_eq!(prefixes, ["192.0.2.0/24", "10.1.0.0/16"]);
//! ```
//!
//! Holding NLRI: [`PackedNlri`] keeps one NLRI's wire bytes in 24 bytes (inline up to 22
//! octets: every VPNv4 NLRI); [`Nlri`] adds the family and ADD-PATH identifier (32 bytes).
//! [`FieldPolicies`] names the `ribcage-intern` policy of each field (route distinguisher, labels,
//! path id, prefix, whole NLRI); decoders state defaults (every field inline, per the break-even
//! rule), users override them with [`Registry::set_policies`], and [`NlriPools`] applies them.

#![forbid(unsafe_code)]

mod afi;
mod context;
mod decoder;
mod error;
pub mod family;
mod label;
mod nlri;
mod packed;
mod policies;
mod prefix;
mod rd;
mod registry;

pub use afi::{Afi, Family, Safi};
pub use context::{DecodeContext, Session};
pub use decoder::{Decoded, FamilyDecoder};
pub use error::Error;
pub use label::{Label, Labels};
pub use nlri::{Nlri, NlriRef};
pub use packed::{HeldNlri, NlriPools, PackedNlri, INLINE_WIRE};
pub use policies::FieldPolicies;
pub use prefix::Prefix;
pub use rd::{ParseRdError, RouteDistinguisher};
pub use registry::{NlriIter, Registry, DEFAULT_FAMILIES};
