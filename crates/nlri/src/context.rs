//! [`DecodeContext`]: what a BGP session negotiated that decoding depends on.

use crate::Family;

/// Most families for which ADD-PATH can be listed individually: more than a session negotiates
/// (the built-in decoders handle 25 AFI/SAFI pairs), in 128 bytes.
const MAX_ADD_PATH_FAMILIES: usize = 32;

/// What a session negotiated that changes how bytes decode: 4-byte AS numbers (RFC 6793),
/// ADD-PATH receive per family (RFC 7911), extended next hop (RFC 8950) and multiple labels
/// (RFC 8277).
///
/// MRT decoding sets it from the record subtype; it is never guessed from the bytes. `Copy` and
/// allocation-free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeContext {
    four_byte_as: bool,
    add_path_all: bool,
    add_path: [Family; MAX_ADD_PATH_FAMILIES],
    add_path_len: u8,
    extended_next_hop: bool,
    max_labels: u8,
}

impl Default for DecodeContext {
    /// 4-byte AS on, no ADD-PATH, no extended next hop, one label per labeled NLRI.
    fn default() -> Self {
        Self {
            four_byte_as: true,
            add_path_all: false,
            add_path: [Family::default(); MAX_ADD_PATH_FAMILIES],
            add_path_len: 0,
            extended_next_hop: false,
            max_labels: 1,
        }
    }
}

impl DecodeContext {
    /// Whether AS numbers in AS_PATH and AGGREGATOR are 4 bytes wide.
    pub fn four_byte_as(&self) -> bool {
        self.four_byte_as
    }

    /// Sets whether AS numbers are 4 bytes wide.
    pub fn with_four_byte_as(mut self, on: bool) -> Self {
        self.four_byte_as = on;
        self
    }

    /// Whether NLRI of `family` carry an ADD-PATH path identifier.
    #[inline]
    pub fn add_path(&self, family: Family) -> bool {
        self.add_path_all || self.add_path[..usize::from(self.add_path_len)].contains(&family)
    }

    /// Turns ADD-PATH receive on for every family.
    pub fn with_add_path_all(mut self, on: bool) -> Self {
        self.add_path_all = on;
        self
    }

    /// Turns ADD-PATH receive on for `family`. Past 32 listed families (more than any session
    /// negotiates), ADD-PATH is turned on for every family.
    pub fn with_add_path(mut self, family: Family) -> Self {
        if self.add_path(family) {
            return self;
        }
        match self.add_path.get_mut(usize::from(self.add_path_len)) {
            Some(slot) => {
                *slot = family;
                self.add_path_len += 1;
            }
            None => self.add_path_all = true,
        }
        self
    }

    /// Whether an IPv4 NLRI may have an IPv6 next hop (RFC 8950).
    pub fn extended_next_hop(&self) -> bool {
        self.extended_next_hop
    }

    /// Sets the extended next hop capability.
    pub fn with_extended_next_hop(mut self, on: bool) -> Self {
        self.extended_next_hop = on;
        self
    }

    /// How many labels a labeled NLRI may carry (RFC 8277 §2.1; 1 without the capability). A
    /// stack ends at its bottom-of-stack bit; this count is the stack assumed when no label
    /// within the NLRI has the bit.
    pub fn max_labels(&self) -> u8 {
        self.max_labels
    }

    /// Sets the number of labels negotiated with the Multiple Labels capability (at least 1).
    pub fn with_max_labels(mut self, n: u8) -> Self {
        self.max_labels = n.max(1);
        self
    }
}
