//! Attribute codepoints: [`AttrType`] (RFC 4271 §4.3, IANA "BGP Path Attributes") and
//! [`AttrFlags`].

use std::fmt;

/// A path attribute type code (IANA "BGP Path Attributes").
///
/// An open newtype: unknown values stay representable and round-trip.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct AttrType(pub u8);

impl AttrType {
    /// ORIGIN (RFC 4271 §5.1.1).
    pub const ORIGIN: AttrType = AttrType(1);
    /// AS_PATH (RFC 4271 §5.1.2).
    pub const AS_PATH: AttrType = AttrType(2);
    /// NEXT_HOP (RFC 4271 §5.1.3).
    pub const NEXT_HOP: AttrType = AttrType(3);
    /// MULTI_EXIT_DISC (RFC 4271 §5.1.4).
    pub const MULTI_EXIT_DISC: AttrType = AttrType(4);
    /// LOCAL_PREF (RFC 4271 §5.1.5).
    pub const LOCAL_PREF: AttrType = AttrType(5);
    /// ATOMIC_AGGREGATE (RFC 4271 §5.1.6).
    pub const ATOMIC_AGGREGATE: AttrType = AttrType(6);
    /// AGGREGATOR (RFC 4271 §5.1.7).
    pub const AGGREGATOR: AttrType = AttrType(7);
    /// COMMUNITIES (RFC 1997).
    pub const COMMUNITIES: AttrType = AttrType(8);
    /// ORIGINATOR_ID (RFC 4456).
    pub const ORIGINATOR_ID: AttrType = AttrType(9);
    /// CLUSTER_LIST (RFC 4456).
    pub const CLUSTER_LIST: AttrType = AttrType(10);
    /// MP_REACH_NLRI (RFC 4760 §3).
    pub const MP_REACH_NLRI: AttrType = AttrType(14);
    /// MP_UNREACH_NLRI (RFC 4760 §4).
    pub const MP_UNREACH_NLRI: AttrType = AttrType(15);
    /// EXTENDED COMMUNITIES (RFC 4360).
    pub const EXTENDED_COMMUNITIES: AttrType = AttrType(16);
    /// AS4_PATH (RFC 6793).
    pub const AS4_PATH: AttrType = AttrType(17);
    /// AS4_AGGREGATOR (RFC 6793).
    pub const AS4_AGGREGATOR: AttrType = AttrType(18);
    /// PMSI_TUNNEL (RFC 6514 §5).
    pub const PMSI_TUNNEL: AttrType = AttrType(22);
    /// Tunnel Encapsulation (RFC 9012).
    pub const TUNNEL_ENCAPSULATION: AttrType = AttrType(23);
    /// IPv6 Address Specific Extended Community (RFC 5701).
    pub const IPV6_EXT_COMMUNITIES: AttrType = AttrType(25);
    /// AIGP (RFC 7311).
    pub const AIGP: AttrType = AttrType(26);
    /// BGP-LS attribute (RFC 9552).
    pub const BGP_LS: AttrType = AttrType(29);
    /// LARGE_COMMUNITY (RFC 8092).
    pub const LARGE_COMMUNITY: AttrType = AttrType(32);
    /// Only to Customer (RFC 9234 §5).
    pub const OTC: AttrType = AttrType(35);
    /// BGP Prefix-SID (RFC 8669).
    pub const PREFIX_SID: AttrType = AttrType(40);
    /// ATTR_SET (RFC 6368).
    pub const ATTR_SET: AttrType = AttrType(128);

    /// The IANA name, or `None` for values this crate has no name for.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::ORIGIN => "ORIGIN",
            Self::AS_PATH => "AS_PATH",
            Self::NEXT_HOP => "NEXT_HOP",
            Self::MULTI_EXIT_DISC => "MULTI_EXIT_DISC",
            Self::LOCAL_PREF => "LOCAL_PREF",
            Self::ATOMIC_AGGREGATE => "ATOMIC_AGGREGATE",
            Self::AGGREGATOR => "AGGREGATOR",
            Self::COMMUNITIES => "COMMUNITIES",
            Self::ORIGINATOR_ID => "ORIGINATOR_ID",
            Self::CLUSTER_LIST => "CLUSTER_LIST",
            Self::MP_REACH_NLRI => "MP_REACH_NLRI",
            Self::MP_UNREACH_NLRI => "MP_UNREACH_NLRI",
            Self::EXTENDED_COMMUNITIES => "EXTENDED_COMMUNITIES",
            Self::AS4_PATH => "AS4_PATH",
            Self::AS4_AGGREGATOR => "AS4_AGGREGATOR",
            Self::PMSI_TUNNEL => "PMSI_TUNNEL",
            Self::TUNNEL_ENCAPSULATION => "TUNNEL_ENCAPSULATION",
            Self::IPV6_EXT_COMMUNITIES => "IPV6_EXT_COMMUNITIES",
            Self::AIGP => "AIGP",
            Self::BGP_LS => "BGP_LS",
            Self::LARGE_COMMUNITY => "LARGE_COMMUNITY",
            Self::OTC => "OTC",
            Self::PREFIX_SID => "PREFIX_SID",
            Self::ATTR_SET => "ATTR_SET",
            _ => return None,
        })
    }

    /// The flags RFC 4271 §4.3 and the defining RFC give this type: `Some((optional,
    /// transitive))`, or `None` for types this crate does not check.
    pub fn expected_flags(self) -> Option<(bool, bool)> {
        Some(match self {
            Self::ORIGIN
            | Self::AS_PATH
            | Self::NEXT_HOP
            | Self::LOCAL_PREF
            | Self::ATOMIC_AGGREGATE => (false, true),
            Self::MULTI_EXIT_DISC
            | Self::ORIGINATOR_ID
            | Self::CLUSTER_LIST
            | Self::MP_REACH_NLRI
            | Self::MP_UNREACH_NLRI
            | Self::AIGP => (true, false),
            Self::AGGREGATOR
            | Self::COMMUNITIES
            | Self::EXTENDED_COMMUNITIES
            | Self::AS4_PATH
            | Self::AS4_AGGREGATOR
            | Self::PMSI_TUNNEL
            | Self::IPV6_EXT_COMMUNITIES
            | Self::LARGE_COMMUNITY
            | Self::OTC
            | Self::PREFIX_SID => (true, true),
            _ => return None,
        })
    }
}

impl fmt::Debug for AttrType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "AttrType({})", self.0),
        }
    }
}

impl fmt::Display for AttrType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "{}", self.0),
        }
    }
}

impl serde::Serialize for AttrType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.name() {
            Some(n) => s.serialize_str(n),
            None => s.serialize_u8(self.0),
        }
    }
}

/// The attribute flags octet (RFC 4271 §4.3): optional, transitive, partial, extended length.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct AttrFlags(pub u8);

impl AttrFlags {
    /// Optional (bit 0): set for optional attributes, clear for well-known ones.
    pub const OPTIONAL: u8 = 0x80;
    /// Transitive (bit 1).
    pub const TRANSITIVE: u8 = 0x40;
    /// Partial (bit 2): an optional transitive attribute some speaker did not recognise.
    pub const PARTIAL: u8 = 0x20;
    /// Extended length (bit 3): the length field is two octets.
    pub const EXTENDED_LENGTH: u8 = 0x10;

    /// Whether the optional bit is set.
    pub fn optional(self) -> bool {
        self.0 & Self::OPTIONAL != 0
    }
    /// Whether the transitive bit is set.
    pub fn transitive(self) -> bool {
        self.0 & Self::TRANSITIVE != 0
    }
    /// Whether the partial bit is set.
    pub fn partial(self) -> bool {
        self.0 & Self::PARTIAL != 0
    }
    /// Whether the length field is two octets.
    pub fn extended_length(self) -> bool {
        self.0 & Self::EXTENDED_LENGTH != 0
    }
}

impl fmt::Debug for AttrFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AttrFlags({self})")
    }
}

impl fmt::Display for AttrFlags {
    /// Prints `O`, `T`, `P`, `E` for the bits that are set, `-` for those clear, then the
    /// numeric value: `-T--(0x40)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bit = |set: bool, c: char| if set { c } else { '-' };
        write!(
            f,
            "{}{}{}{}(0x{:02x})",
            bit(self.optional(), 'O'),
            bit(self.transitive(), 'T'),
            bit(self.partial(), 'P'),
            bit(self.extended_length(), 'E'),
            self.0
        )
    }
}

impl serde::Serialize for AttrFlags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}
