//! [`DecodeContext`]: what a BGP session negotiated that decoding depends on.

use crate::{Afi, Family, Safi};

/// Most families for which ADD-PATH can be listed individually: more than a session negotiates
/// (the built-in decoders handle 25 AFI/SAFI pairs), in 128 bytes.
const MAX_ADD_PATH_FAMILIES: usize = 32;

/// Whether the peer an UPDATE came from is internal or external (RFC 4271 §1.1: an internal
/// peer is in the same AS as the local system, an external peer in a different one).
///
/// Decoding does not depend on it, but RFC 7606 error handling does: LOCAL_PREF (§7.5),
/// ORIGINATOR_ID (§7.9) and CLUSTER_LIST (§7.10) received from an external neighbor are
/// discarded whatever their contents ("attribute discard"), while from an internal neighbor a
/// malformed one withdraws the UPDATE's routes ("treat-as-withdraw").
///
/// Peers in different member ASes of one confederation (RFC 5065) exchange LOCAL_PREF
/// legitimately (RFC 4271 §5.1.5 excepts them): a caller that knows a peer is one sets
/// [`Session::Internal`]; one that cannot tell them from plain eBGP peers sets
/// [`Session::Unknown`] or accepts that their LOCAL_PREF is discarded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Session {
    /// Not known (the default; RIB dumps, a lone UPDATE). Errors are handled as from an
    /// internal peer, the conservative choice: a malformed LOCAL_PREF, ORIGINATOR_ID or
    /// CLUSTER_LIST withdraws the routes instead of being dropped silently.
    #[default]
    Unknown,
    /// An internal peer (iBGP: same AS).
    Internal,
    /// An external peer (eBGP: a different AS).
    External,
}

impl Session {
    /// The session between a local system in AS `local_as` and a peer in AS `peer_as`:
    /// internal when they are equal, external otherwise (RFC 4271 §1.1).
    pub fn between(local_as: u32, peer_as: u32) -> Self {
        if local_as == peer_as {
            Session::Internal
        } else {
            Session::External
        }
    }
}

/// What a session negotiated that changes how bytes decode: 4-byte AS numbers (RFC 6793),
/// ADD-PATH receive per family (RFC 7911), extended next hop (RFC 8950) and multiple labels
/// (RFC 8277); and what kind of session it is ([`Session`]), which RFC 7606 error handling
/// depends on.
///
/// MRT decoding sets it from the record subtype (and, for BGP4MP messages, the session from the
/// two AS numbers); it is never guessed from the bytes. `Copy` and allocation-free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeContext {
    four_byte_as: bool,
    add_path_all: bool,
    add_path: [Family; MAX_ADD_PATH_FAMILIES],
    add_path_len: u8,
    extended_next_hop: bool,
    max_labels: u8,
    session: Session,
}

impl Default for DecodeContext {
    /// [`DecodeContext::DEFAULT`].
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl DecodeContext {
    /// 4-byte AS on, no ADD-PATH, no extended next hop, one label per labeled NLRI, session
    /// [`Session::Unknown`] (what `default()` gives; usable in `const` and `static` items).
    pub const DEFAULT: Self = Self {
        four_byte_as: true,
        add_path_all: false,
        add_path: [Family::new(Afi(0), Safi(0)); MAX_ADD_PATH_FAMILIES],
        add_path_len: 0,
        extended_next_hop: false,
        max_labels: 1,
        session: Session::Unknown,
    };

    /// Whether AS numbers in AS_PATH and AGGREGATOR are 4 bytes wide.
    pub fn four_byte_as(&self) -> bool {
        self.four_byte_as
    }

    /// Sets whether AS numbers are 4 bytes wide.
    pub const fn with_four_byte_as(mut self, on: bool) -> Self {
        self.four_byte_as = on;
        self
    }

    /// Whether NLRI of `family` carry an ADD-PATH path identifier.
    #[inline]
    pub fn add_path(&self, family: Family) -> bool {
        self.add_path_all || self.add_path[..usize::from(self.add_path_len)].contains(&family)
    }

    /// Turns ADD-PATH receive on for every family.
    pub const fn with_add_path_all(mut self, on: bool) -> Self {
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

    /// The kind of session the bytes came from ([`Session::Unknown`] unless set).
    pub fn session(&self) -> Session {
        self.session
    }

    /// Sets the kind of session.
    pub const fn with_session(mut self, session: Session) -> Self {
        self.session = session;
        self
    }
}
