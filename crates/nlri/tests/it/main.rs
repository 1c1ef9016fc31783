//! Integration tests of ribcage-nlri: real and RFC wire vectors, malformed input, ADD-PATH,
//! registry overrides, a fuzz-style property test and memory figures.
//!
//! Allocation counts use `allocation-counter`'s per-thread global allocator, so tests running
//! in parallel on other threads do not disturb a measurement.

mod addpath;
mod bgp_ls;
mod evpn;
mod fixtures;
mod flowspec;
mod labels;
mod malformed;
mod memory;
mod mup;
mod nlrib_fixtures;
mod props;
mod registry;
mod session;
mod sr_policy;
mod util;
