//! NEXT_HOP (type 3; RFC 4271 §5.1.3): the IPv4 next hop of the body NLRI. RFC 7606 §7.3: a
//! length other than 4 is treat-as-withdraw.

use std::fmt;
use std::net::Ipv4Addr;

use crate::{Error, RawAttribute};

/// The NEXT_HOP attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct NextHop(pub Ipv4Addr);

impl NextHop {
    /// Decodes the attribute value.
    pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Self, Error> {
        raw.fixed::<4>().map(|a| NextHop(Ipv4Addr::from(a)))
    }
}

impl fmt::Display for NextHop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
