//! Deterministic workload generators for ribcage's benchmarks: MRT files built byte by byte.
//!
//! - [`vpn::generate`]: a BGP4MP `MESSAGE_AS4` file (RFC 6396 §4.4.3) of UPDATEs carrying
//!   VPNv4 routes (RFC 4364) in `MP_REACH_NLRI` (RFC 4760), N routes over V route
//!   distinguishers and L labels.
//! - [`table::generate`]: a TABLE_DUMP_V2 RIB (RFC 6396 §4.3) in which each of P peers carries a
//!   real table read from a legacy TABLE_DUMP file (RFC 6396 §4.2), with per-peer variation.
//!
//! The same options and seed always give the same bytes. Generators write to any
//! [`std::io::Write`]; this crate opens no files. It depends on no other ribcage crate: it
//! encodes the wire formats itself so that it can test ribcage's decoders independently.

pub mod check;
mod error;
mod mrt;
mod rng;
pub mod source;
pub mod table;
pub mod vpn;

pub use error::GenError;
pub use rng::Rng;

#[cfg(test)]
mod tests;
