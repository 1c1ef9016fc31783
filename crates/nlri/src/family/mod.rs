//! One module per address family, each a `static` [`FamilyDecoder`](crate::FamilyDecoder).

pub mod opaque;
pub mod unicast;
