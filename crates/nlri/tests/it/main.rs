//! Integration tests of ribcage-nlri, one module per family.

mod bgp_ls;
mod evpn;
mod flowspec;
mod mup;
mod nlrib_fixtures;
mod sr_policy;
