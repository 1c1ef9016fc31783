//! LOCAL_PREF (type 5; RFC 4271 §5.1.5). RFC 7606 §7.5: a length other than 4 is
//! treat-as-withdraw.

use std::fmt;

use crate::{Error, RawAttribute};

/// The LOCAL_PREF attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct LocalPref(pub u32);

impl LocalPref {
    /// Decodes the attribute value.
    pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Self, Error> {
        raw.fixed::<4>().map(|a| LocalPref(u32::from_be_bytes(a)))
    }
}

impl fmt::Display for LocalPref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
