//! One module per address family, each a `static` [`FamilyDecoder`](crate::FamilyDecoder).

mod addr_util;
pub mod bgp_ls;
pub mod evpn;
pub mod flowspec;
pub mod labeled_unicast;
pub mod mpls_vpn;
pub mod mup;
pub mod mvpn;
pub mod opaque;
pub mod rd_text;
pub mod rt_constraint;
pub mod sr_policy;
pub mod unicast;
pub mod vpls;
