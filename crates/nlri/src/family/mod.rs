//! One module per address family, each a `static` [`FamilyDecoder`](crate::FamilyDecoder).

pub mod labeled_unicast;
pub mod mpls_vpn;
pub mod mvpn;
pub mod opaque;
pub mod rt_constraint;
pub mod unicast;
pub mod vpls;
