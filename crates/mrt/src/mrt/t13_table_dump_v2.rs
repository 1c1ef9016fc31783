//! TABLE_DUMP_V2 (type 13; RFC 6396 §4.3, RFC 8050 §4): the PEER_INDEX_TABLE and RIB records
//! whose entries point into it. 4-byte AS numbers throughout; the ADD-PATH subtypes put a path
//! identifier in every RIB entry.

use std::net::{IpAddr, Ipv4Addr};

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Family, Registry, Safi};

use super::read_ip;
use crate::Error;

/// A TABLE_DUMP_V2 subtype (RFC 6396 §4.3, RFC 8050 §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableDumpV2Subtype(pub u16);

impl TableDumpV2Subtype {
    /// PEER_INDEX_TABLE.
    pub const PEER_INDEX_TABLE: Self = Self(1);
    /// RIB_IPV4_UNICAST.
    pub const RIB_IPV4_UNICAST: Self = Self(2);
    /// RIB_IPV4_MULTICAST.
    pub const RIB_IPV4_MULTICAST: Self = Self(3);
    /// RIB_IPV6_UNICAST.
    pub const RIB_IPV6_UNICAST: Self = Self(4);
    /// RIB_IPV6_MULTICAST.
    pub const RIB_IPV6_MULTICAST: Self = Self(5);
    /// RIB_GENERIC.
    pub const RIB_GENERIC: Self = Self(6);
    /// GEO_PEER_TABLE (RFC 6397; not decoded).
    pub const GEO_PEER_TABLE: Self = Self(7);
    /// RIB_IPV4_UNICAST_ADDPATH (RFC 8050).
    pub const RIB_IPV4_UNICAST_ADDPATH: Self = Self(8);
    /// RIB_IPV4_MULTICAST_ADDPATH (RFC 8050).
    pub const RIB_IPV4_MULTICAST_ADDPATH: Self = Self(9);
    /// RIB_IPV6_UNICAST_ADDPATH (RFC 8050).
    pub const RIB_IPV6_UNICAST_ADDPATH: Self = Self(10);
    /// RIB_IPV6_MULTICAST_ADDPATH (RFC 8050).
    pub const RIB_IPV6_MULTICAST_ADDPATH: Self = Self(11);
    /// RIB_GENERIC_ADDPATH (RFC 8050).
    pub const RIB_GENERIC_ADDPATH: Self = Self(12);

    /// For the RIB subtypes: the fixed family (`None` for RIB_GENERIC) and whether entries carry
    /// path identifiers. `None` for the other subtypes.
    pub fn rib(self) -> Option<(Option<Family>, bool)> {
        Some(match self.0 {
            2 => (Some(Family::IPV4_UNICAST), false),
            3 => (Some(Family::IPV4_MULTICAST), false),
            4 => (Some(Family::IPV6_UNICAST), false),
            5 => (Some(Family::IPV6_MULTICAST), false),
            6 => (None, false),
            8 => (Some(Family::IPV4_UNICAST), true),
            9 => (Some(Family::IPV4_MULTICAST), true),
            10 => (Some(Family::IPV6_UNICAST), true),
            11 => (Some(Family::IPV6_MULTICAST), true),
            12 => (None, true),
            _ => return None,
        })
    }
}

/// One peer of the PEER_INDEX_TABLE (RFC 6396 §4.3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Peer {
    /// The peer's BGP identifier.
    pub bgp_id: Ipv4Addr,
    /// The peer's address.
    pub ip: IpAddr,
    /// The peer's AS number.
    pub asn: u32,
}

/// The PEER_INDEX_TABLE (RFC 6396 §4.3.1): the collector and the peers RIB entries refer to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeerTable {
    /// The collector's BGP identifier.
    pub collector_id: Option<Ipv4Addr>,
    /// The view name (bytes as recorded).
    pub view_name: Vec<u8>,
    /// The peers, by index.
    pub peers: Vec<Peer>,
}

impl PeerTable {
    /// Parses a PEER_INDEX_TABLE body. The peer count is checked against the bytes present, so
    /// memory stays bounded by the record size.
    pub fn parse(mut cur: Cursor<'_>) -> Result<Self, Error> {
        let collector_id = Ipv4Addr::from(cur.read_array::<4>()?);
        let name_len = usize::from(cur.read_u16()?);
        let view_name = cur.take_slice(name_len)?.to_vec();
        let count = usize::from(cur.read_u16()?);
        // Every peer entry is at least 1 + 4 + 4 + 2 bytes.
        let mut peers = Vec::with_capacity(count.min(cur.remaining() / 11));
        for _ in 0..count {
            let offset = cur.position();
            let peer_type = cur.read_u8()?;
            let bgp_id = Ipv4Addr::from(cur.read_array::<4>()?);
            let afi = if peer_type & 1 != 0 {
                Afi::IPV6
            } else {
                Afi::IPV4
            };
            let ip = read_ip(&mut cur, afi, offset)?;
            let asn = if peer_type & 2 != 0 {
                cur.read_u32()?
            } else {
                u32::from(cur.read_u16()?)
            };
            peers.push(Peer { bgp_id, ip, asn });
        }
        Ok(Self {
            collector_id: Some(collector_id),
            view_name,
            peers,
        })
    }

    /// The peer at `index`, or [`Error::PeerIndex`] at `offset`.
    pub fn peer(&self, index: u16, offset: usize) -> Result<&Peer, Error> {
        self.peers.get(usize::from(index)).ok_or(Error::PeerIndex {
            index,
            peers: self.peers.len(),
            offset,
        })
    }
}

/// A RIB record (RFC 6396 §4.3.2, §4.3.3; RFC 8050 §4): one NLRI and its entries.
#[derive(Clone, Copy, Debug)]
pub struct Rib<'a> {
    /// Sequence number.
    pub sequence: u32,
    /// The family of the NLRI.
    pub family: Family,
    /// Whether entries carry ADD-PATH path identifiers (the RFC 8050 subtypes).
    pub add_path: bool,
    /// The NLRI's wire bytes (length octet and prefix octets for IP families).
    pub nlri: &'a [u8],
    /// Absolute offset of the NLRI.
    pub nlri_offset: usize,
    /// Number of entries announced by the entry count field.
    pub entry_count: u16,
    entries: Cursor<'a>,
}

impl<'a> Rib<'a> {
    /// Parses a RIB record body of `subtype` (a RIB subtype; see [`TableDumpV2Subtype::rib`]).
    /// `registry` splits the NLRI (only needed for RIB_GENERIC and unusual families).
    pub fn parse(
        subtype: TableDumpV2Subtype,
        mut cur: Cursor<'a>,
        registry: &Registry,
    ) -> Result<Self, Error> {
        let offset = cur.position();
        let (family, add_path) = subtype.rib().ok_or(Error::Afi {
            afi: subtype.0,
            offset,
        })?;
        let sequence = cur.read_u32()?;
        let family = match family {
            Some(f) => f,
            None => {
                let afi = Afi(cur.read_u16()?);
                let safi = Safi(cur.read_u8()?);
                Family::new(afi, safi)
            }
        };
        let nlri_offset = cur.position();
        let nlri = match ip_prefix(family, cur.rest()) {
            Some(nlri) => nlri,
            None => Self::split_nlri(family, cur, registry)?,
        };
        if family.afi == Afi::IPV4 || family.afi == Afi::IPV6 {
            let max = if family.afi == Afi::IPV4 { 32 } else { 128 };
            if (family.safi == Safi::UNICAST || family.safi == Safi::MULTICAST) && nlri[0] > max {
                return Err(Error::PrefixLength {
                    length: nlri[0],
                    max,
                    offset: nlri_offset,
                });
            }
        }
        cur.skip(nlri.len())?;
        let entry_count = cur.read_u16()?;
        Ok(Self {
            sequence,
            family,
            add_path,
            nlri,
            nlri_offset,
            entry_count,
            entries: cur,
        })
    }

    /// The NLRI at `cur` split by `registry` (families other than IP unicast and multicast, and
    /// the errors of those).
    #[cold]
    #[inline(never)]
    fn split_nlri(family: Family, cur: Cursor<'a>, registry: &Registry) -> Result<&'a [u8], Error> {
        // The NLRI of a RIB record never carries a path identifier (RFC 8050 §4): split it with
        // a context that has ADD-PATH off.
        let ctx = crate::static_context(true, false);
        match registry.iter(family, cur, ctx).next() {
            Some(Ok(n)) => Ok(n.wire()),
            Some(Err(e)) => Err(e.into()),
            None => Err(Error::Truncated {
                needed: 1,
                available: 0,
                offset: cur.position(),
            }),
        }
    }

    /// The decode context of the entries' attributes: 4-byte AS, ADD-PATH per the subtype.
    pub fn context(&self) -> DecodeContext {
        DecodeContext::default().with_add_path_all(self.add_path)
    }

    /// The RIB entries.
    pub fn entries(&self) -> RibEntries<'a> {
        RibEntries {
            cur: self.entries,
            left: self.entry_count,
            add_path: self.add_path,
            done: false,
        }
    }
}

/// The NLRI at the start of `data` when `family` is IP unicast or multicast and it is a
/// well-formed prefix (RFC 4271 §4.3: a length of at most 32 or 128 bits, then as many octets as
/// it needs): what the built-in decoder splits, without the registry. `None` otherwise (the
/// registry splits it, or says what is wrong).
#[inline]
fn ip_prefix(family: Family, data: &[u8]) -> Option<&[u8]> {
    if family.safi != Safi::UNICAST && family.safi != Safi::MULTICAST {
        return None;
    }
    let max = match family.afi {
        Afi::IPV4 => 32,
        Afi::IPV6 => 128,
        _ => return None,
    };
    let &len = data.first()?;
    if len > max {
        return None;
    }
    data.get(..1 + usize::from(len).div_ceil(8))
}

/// One RIB entry (RFC 6396 §4.3.4, RFC 8050 §4).
#[derive(Clone, Copy, Debug)]
pub struct RibEntry<'a> {
    /// Index into the PEER_INDEX_TABLE.
    pub peer_index: u16,
    /// Absolute offset of the entry.
    pub offset: usize,
    /// Originated time.
    pub originated: u32,
    /// Path identifier (ADD-PATH subtypes).
    pub path_id: Option<u32>,
    /// The raw path attributes; MP_REACH_NLRI in them is abbreviated (RFC 6396 §4.3.4).
    pub attributes: Cursor<'a>,
}

/// Iterator over a RIB record's entries; stops after the first error.
#[derive(Clone, Debug)]
pub struct RibEntries<'a> {
    cur: Cursor<'a>,
    left: u16,
    add_path: bool,
    done: bool,
}

impl<'a> RibEntries<'a> {
    fn next_entry(&mut self) -> Result<RibEntry<'a>, Error> {
        let offset = self.cur.position();
        let peer_index = self.cur.read_u16()?;
        let originated = self.cur.read_u32()?;
        let path_id = if self.add_path {
            Some(self.cur.read_u32()?)
        } else {
            None
        };
        let alen = usize::from(self.cur.read_u16()?);
        let attributes = self.cur.take(alen)?;
        Ok(RibEntry {
            peer_index,
            offset,
            originated,
            path_id,
            attributes,
        })
    }

    /// Bytes left after the entries (non-zero once all entries are read means trailing data).
    pub fn remaining(&self) -> usize {
        self.cur.remaining()
    }
}

impl<'a> Iterator for RibEntries<'a> {
    type Item = Result<RibEntry<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.left == 0 {
            return None;
        }
        self.left -= 1;
        let r = self.next_entry();
        self.done = r.is_err();
        Some(r)
    }
}

#[cfg(test)]
mod tests;
