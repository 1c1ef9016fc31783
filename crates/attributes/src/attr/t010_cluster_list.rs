//! CLUSTER_LIST (type 10; RFC 4456 §8). RFC 7606 §7.10: a length of 0 or not a multiple of 4
//! is treat-as-withdraw.

use std::fmt;
use std::net::Ipv4Addr;

use crate::attr::list::{check_list, join};
use crate::{Error, RawAttribute};

/// The CLUSTER_LIST attribute: the cluster IDs a reflected route passed through.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClusterList<'a>(&'a [u8]);

impl<'a> ClusterList<'a> {
    /// Validates and wraps the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        check_list(raw, 4, false)?;
        Ok(Self(raw.value))
    }

    /// The wire bytes.
    pub fn wire(&self) -> &'a [u8] {
        self.0
    }

    /// The cluster IDs in wire order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Ipv4Addr> + Clone + 'a {
        self.0
            .chunks_exact(4)
            .map(|c| Ipv4Addr::new(c[0], c[1], c[2], c[3]))
    }
}

impl fmt::Display for ClusterList<'_> {
    /// Space-separated cluster IDs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(f, self.iter(), " ")
    }
}

impl fmt::Debug for ClusterList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for ClusterList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}
