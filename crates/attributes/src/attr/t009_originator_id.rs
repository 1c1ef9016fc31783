//! ORIGINATOR_ID (type 9; RFC 4456 §8). RFC 7606 §7.9: a length other than 4 is
//! treat-as-withdraw.

use std::fmt;
use std::net::Ipv4Addr;

use crate::{Error, RawAttribute};

/// The ORIGINATOR_ID attribute: the BGP identifier of the route's originator in the AS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct OriginatorId(pub Ipv4Addr);

impl OriginatorId {
    /// Decodes the attribute value.
    pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Self, Error> {
        raw.fixed::<4>().map(|a| OriginatorId(Ipv4Addr::from(a)))
    }
}

impl fmt::Display for OriginatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
