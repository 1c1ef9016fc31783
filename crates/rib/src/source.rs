//! [`Source`]: which kind of MRT record put a route in the store, kept so the route can be
//! printed the way bgpdump prints that record.

/// The record kind a route came from, packed in one byte.
///
/// It fixes how the route's attribute bytes decode (2- or 4-byte AS numbers) and which
/// bgpdump line format [`Rib::write_bgpdump`](crate::Rib::write_bgpdump) prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source(pub u8);

impl Source {
    /// Kind bits: TABLE_DUMP (RFC 6396 §4.2).
    const TABLE_DUMP: u8 = 0;
    /// Kind bits: TABLE_DUMP_V2 (RFC 6396 §4.3).
    const TABLE_DUMP_V2: u8 = 1;
    /// Kind bits: BGP4MP / BGP4MP_ET UPDATE (RFC 6396 §4.4).
    const BGP4MP: u8 = 2;
    const AS4: u8 = 1 << 2;
    const ET: u8 = 1 << 3;
    const ADD_PATH: u8 = 1 << 4;
    const LOCAL: u8 = 1 << 5;

    /// A TABLE_DUMP RIB entry (2-byte AS numbers).
    pub const TABLE_DUMP_ROUTE: Source = Source(Self::TABLE_DUMP);

    /// A TABLE_DUMP_V2 RIB entry (4-byte AS numbers), with or without ADD-PATH.
    pub fn table_dump_v2(add_path: bool) -> Self {
        let ap = if add_path { Self::ADD_PATH } else { 0 };
        Source(Self::TABLE_DUMP_V2 | Self::AS4 | ap)
    }

    /// A BGP4MP UPDATE announcement.
    pub fn bgp4mp(four_byte_as: bool, et: bool, local: bool, add_path: bool) -> Self {
        let mut b = Self::BGP4MP;
        for (on, bit) in [
            (four_byte_as, Self::AS4),
            (et, Self::ET),
            (local, Self::LOCAL),
            (add_path, Self::ADD_PATH),
        ] {
            if on {
                b |= bit;
            }
        }
        Source(b)
    }

    /// Whether the route came from TABLE_DUMP.
    pub fn is_table_dump(self) -> bool {
        self.0 & 3 == Self::TABLE_DUMP
    }

    /// Whether the route came from TABLE_DUMP_V2.
    pub fn is_table_dump_v2(self) -> bool {
        self.0 & 3 == Self::TABLE_DUMP_V2
    }

    /// Whether the route came from a BGP4MP UPDATE.
    pub fn is_bgp4mp(self) -> bool {
        self.0 & 3 == Self::BGP4MP
    }

    /// Whether AS numbers in the attributes are 4 bytes wide.
    pub fn four_byte_as(self) -> bool {
        self.0 & Self::AS4 != 0
    }

    /// Whether the record carried microseconds (BGP4MP_ET).
    pub fn et(self) -> bool {
        self.0 & Self::ET != 0
    }

    /// Whether the record's subtype was an ADD-PATH one (RFC 8050).
    pub fn add_path(self) -> bool {
        self.0 & Self::ADD_PATH != 0
    }

    /// Whether the BGP4MP subtype was a _LOCAL one.
    pub fn local(self) -> bool {
        self.0 & Self::LOCAL != 0
    }

    /// The BGP4MP message subtype this source was read from (RFC 6396 §4.4, RFC 8050 §3).
    pub fn bgp4mp_subtype(self) -> u16 {
        match (self.four_byte_as(), self.local(), self.add_path()) {
            (false, false, false) => 1,
            (true, false, false) => 4,
            (false, true, false) => 6,
            (true, true, false) => 7,
            (false, false, true) => 8,
            (true, false, true) => 9,
            (false, true, true) => 10,
            (true, true, true) => 11,
        }
    }
}
