//! One module per address family, each a `static` [`FamilyDecoder`](crate::FamilyDecoder).

mod addr_util;
pub mod bgp_ls;
pub mod evpn;
pub mod flowspec;
pub mod mup;
pub mod opaque;
pub mod rd_text;
pub mod sr_policy;
pub mod unicast;
