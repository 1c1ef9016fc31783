//! OTC, Only to Customer (type 35; RFC 9234 §5). A length other than 4 is treat-as-withdraw.

use std::fmt;

use crate::{Error, RawAttribute};

/// The OTC attribute: the AS that first marked the route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Otc(pub u32);

impl Otc {
    /// Decodes the attribute value.
    pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Self, Error> {
        raw.fixed::<4>().map(|a| Otc(u32::from_be_bytes(a)))
    }
}

impl fmt::Display for Otc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
