//! One module per address family, each a `static` [`FamilyDecoder`](crate::FamilyDecoder).

mod addr_util;
pub mod bgp_ls;
pub mod evpn;
pub mod flowspec;
pub mod mup;
pub mod opaque;
pub mod rd_text;
pub mod labeled_unicast;
pub mod mpls_vpn;
pub mod mvpn;
pub mod sr_policy;
pub mod rt_constraint;
pub mod unicast;
pub mod vpls;
