//! LARGE_COMMUNITY (type 32; RFC 8092). RFC 8092 §5: a length of 0 or not a multiple of 12 is
//! treat-as-withdraw.

use std::fmt;

use crate::attr::list::{check_list, join, DisplaySeq};
use crate::{Error, RawAttribute};

/// One large community: global administrator, two local data parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LargeCommunity {
    /// Global administrator (an AS number).
    pub global: u32,
    /// Local data part 1.
    pub local1: u32,
    /// Local data part 2.
    pub local2: u32,
}

impl fmt::Display for LargeCommunity {
    /// `global:local1:local2` (RFC 8195 §2 notation).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.global, self.local1, self.local2)
    }
}

/// The LARGE_COMMUNITY attribute, borrowed from the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LargeCommunities<'a>(&'a [u8]);

impl<'a> LargeCommunities<'a> {
    /// Validates and wraps the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        check_list(raw, 12, false)?;
        Ok(Self(raw.value))
    }

    /// The wire bytes.
    pub fn wire(&self) -> &'a [u8] {
        self.0
    }

    /// The communities in wire order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = LargeCommunity> + Clone + 'a {
        self.0.chunks_exact(12).map(|c| {
            let w = |i: usize| u32::from_be_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
            LargeCommunity {
                global: w(0),
                local1: w(4),
                local2: w(8),
            }
        })
    }
}

impl fmt::Display for LargeCommunities<'_> {
    /// Space-separated.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(f, self.iter(), " ")
    }
}

impl fmt::Debug for LargeCommunities<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for LargeCommunities<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&DisplaySeq(self.iter()), s)
    }
}
