//! ATOMIC_AGGREGATE (type 6; RFC 4271 §5.1.6). RFC 7606 §7.6: a length other than 0 is
//! attribute-discard.

use std::fmt;

use crate::{Error, RawAttribute};

/// The ATOMIC_AGGREGATE attribute: present or not. A zero-sized singleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct AtomicAggregate;

impl AtomicAggregate {
    /// Decodes the attribute value (which must be empty).
    pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Self, Error> {
        raw.fixed::<0>().map(|_| AtomicAggregate)
    }

    /// What bgpdump prints in its atomic-aggregate column: `AG` when present, `NAG` when not.
    pub fn bgpdump(present: bool) -> &'static str {
        if present {
            "AG"
        } else {
            "NAG"
        }
    }
}

impl fmt::Display for AtomicAggregate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AG")
    }
}
