//! COMMUNITIES (type 8; RFC 1997, well-known values from IANA "BGP Well-known Communities").
//! RFC 7606 §7.8: a length of 0 or not a multiple of 4 is treat-as-withdraw.

use std::fmt;

use crate::attr::list::{check_list, join, DisplaySeq};
use crate::{Error, RawAttribute};

/// One community value (RFC 1997).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Community(pub u32);

impl Community {
    /// GRACEFUL_SHUTDOWN (RFC 8326).
    pub const GRACEFUL_SHUTDOWN: Community = Community(0xFFFF_0000);
    /// BLACKHOLE (RFC 7999).
    pub const BLACKHOLE: Community = Community(0xFFFF_029A);
    /// NO_EXPORT (RFC 1997).
    pub const NO_EXPORT: Community = Community(0xFFFF_FF01);
    /// NO_ADVERTISE (RFC 1997).
    pub const NO_ADVERTISE: Community = Community(0xFFFF_FF02);
    /// NO_EXPORT_SUBCONFED (RFC 1997).
    pub const NO_EXPORT_SUBCONFED: Community = Community(0xFFFF_FF03);
    /// NOPEER (RFC 3765).
    pub const NO_PEER: Community = Community(0xFFFF_FF04);

    /// The AS half (high 16 bits).
    pub fn asn(self) -> u16 {
        (self.0 >> 16) as u16
    }

    /// The value half (low 16 bits).
    pub fn value(self) -> u16 {
        self.0 as u16
    }

    /// The IANA name of a well-known community, or `None`.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::GRACEFUL_SHUTDOWN => "graceful-shutdown",
            Self::BLACKHOLE => "blackhole",
            Self::NO_EXPORT => "no-export",
            Self::NO_ADVERTISE => "no-advertise",
            Self::NO_EXPORT_SUBCONFED => "no-export-subconfed",
            Self::NO_PEER => "no-peer",
            _ => return None,
        })
    }

    /// The form bgpdump 1.6 prints: `no-export`, `no-advertise` and `local-AS` for the three
    /// RFC 1997 well-known values, `AS:value` for everything else.
    pub fn bgpdump(self) -> BgpdumpCommunity {
        BgpdumpCommunity(self)
    }
}

impl fmt::Display for Community {
    /// The well-known name, else `AS:value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "{}:{}", self.asn(), self.value()),
        }
    }
}

impl fmt::Debug for Community {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Community {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A community formatted as bgpdump prints it (see [`Community::bgpdump`]).
#[derive(Clone, Copy, Debug)]
pub struct BgpdumpCommunity(Community);

impl fmt::Display for BgpdumpCommunity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Community::NO_EXPORT => f.write_str("no-export"),
            Community::NO_ADVERTISE => f.write_str("no-advertise"),
            Community::NO_EXPORT_SUBCONFED => f.write_str("local-AS"),
            c => write!(f, "{}:{}", c.asn(), c.value()),
        }
    }
}

/// The COMMUNITIES attribute: a list of [`Community`], borrowed from the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Communities<'a>(&'a [u8]);

impl<'a> Communities<'a> {
    /// Validates and wraps the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        check_list(raw, 4, false)?;
        Ok(Self(raw.value))
    }

    /// Wraps wire bytes already known to be a multiple of 4 long (a trailing partial value is
    /// ignored).
    pub fn from_wire(wire: &'a [u8]) -> Self {
        Self(wire)
    }

    /// The wire bytes.
    pub fn wire(&self) -> &'a [u8] {
        self.0
    }

    /// The communities in wire order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Community> + Clone + 'a {
        self.0
            .chunks_exact(4)
            .map(|c| Community(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
    }

    /// Whether `c` is in the list.
    pub fn contains(&self, c: Community) -> bool {
        self.iter().any(|x| x == c)
    }

    /// The list as bgpdump prints it: space-separated [`Community::bgpdump`] forms.
    pub fn bgpdump(&self) -> impl fmt::Display + 'a {
        BgpdumpCommunities(*self)
    }
}

struct BgpdumpCommunities<'a>(Communities<'a>);

impl fmt::Display for BgpdumpCommunities<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(f, self.0.iter().map(Community::bgpdump), " ")
    }
}

impl fmt::Display for Communities<'_> {
    /// Space-separated.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(f, self.iter(), " ")
    }
}

impl fmt::Debug for Communities<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for Communities<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&DisplaySeq(self.iter()), s)
    }
}
