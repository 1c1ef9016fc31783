//! MULTI_EXIT_DISC (type 4; RFC 4271 §5.1.4). RFC 7606 §7.4: a length other than 4 is
//! treat-as-withdraw.

use std::fmt;

use crate::{Error, RawAttribute};

/// The MULTI_EXIT_DISC attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Med(pub u32);

impl Med {
    /// Decodes the attribute value.
    pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Self, Error> {
        raw.fixed::<4>().map(|a| Med(u32::from_be_bytes(a)))
    }
}

impl fmt::Display for Med {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
