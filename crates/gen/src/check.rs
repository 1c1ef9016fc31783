//! Readers of the generated files, independent of ribcage's decoders: they check the structure
//! (record framing, PEER_INDEX_TABLE, RIB entries, UPDATE and MP_REACH_NLRI layout) and hand
//! each route to a callback, so tests and `cargo xtask gen` can verify what was written.

use crate::mrt::{
    ATTR_MP_REACH_NLRI, BGP4MP, BGP4MP_MESSAGE_AS4, EXTENDED_LENGTH, PEER_INDEX_TABLE,
    RIB_IPV4_UNICAST, TABLE_DUMP_V2,
};
use crate::source::split_attributes;
use crate::GenError;

/// A peer of a PEER_INDEX_TABLE (RFC 6396 §4.3.1), IPv4 with a four-octet AS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer {
    /// BGP identifier.
    pub bgp_id: [u8; 4],
    /// Address.
    pub ip: [u8; 4],
    /// AS number.
    pub asn: u32,
}

/// One RIB entry of a RIB_IPV4_UNICAST record (RFC 6396 §4.3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RibEntry<'a> {
    /// The record's sequence number.
    pub sequence: u32,
    /// The prefix, padded to four octets.
    pub prefix: [u8; 4],
    /// The prefix length in bits.
    pub prefix_len: u8,
    /// Index into the PEER_INDEX_TABLE.
    pub peer_index: u16,
    /// The entry's path attributes.
    pub attributes: &'a [u8],
}

/// What [`read_table`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableSummary {
    /// The PEER_INDEX_TABLE's peers.
    pub peers: Vec<Peer>,
    /// RIB_IPV4_UNICAST records.
    pub rib_records: u64,
    /// RIB entries over all records.
    pub routes: u64,
}

/// One VPNv4 route of an MP_REACH_NLRI (RFC 4364 §4.3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VpnRoute {
    /// The 20-bit label.
    pub label: u32,
    /// The label's bottom-of-stack bit.
    pub bottom_of_stack: bool,
    /// The route distinguisher's 8 octets.
    pub rd: [u8; 8],
    /// The prefix, padded to four octets.
    pub prefix: [u8; 4],
    /// The prefix length in bits.
    pub prefix_len: u8,
    /// The next hop's IPv4 address (after the 8-octet zero RD).
    pub next_hop: [u8; 4],
}

/// What [`read_vpn`] found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VpnSummary {
    /// BGP4MP MESSAGE_AS4 records holding an UPDATE.
    pub updates: u64,
    /// VPNv4 routes.
    pub routes: u64,
}

/// A bounds-checked reader over one buffer, reporting absolute offsets.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
    end: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], GenError> {
        match self.at.checked_add(n) {
            Some(stop) if stop <= self.end => {
                let s = &self.data[self.at..stop];
                self.at = stop;
                Ok(s)
            }
            _ => Err(GenError::Truncated {
                needed: n,
                available: self.end - self.at,
                offset: self.at,
            }),
        }
    }

    fn u8(&mut self) -> Result<u8, GenError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, GenError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, GenError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn ip4(&mut self) -> Result<[u8; 4], GenError> {
        let b = self.take(4)?;
        Ok([b[0], b[1], b[2], b[3]])
    }

    /// A sub-reader over the next `n` bytes.
    fn sub(&mut self, n: usize) -> Result<Reader<'a>, GenError> {
        let start = self.at;
        self.take(n)?;
        Ok(Reader {
            data: self.data,
            at: start,
            end: start + n,
        })
    }

    fn done(&self) -> bool {
        self.at >= self.end
    }
}

/// Iterates MRT records as (type, subtype, body reader).
fn records<'a>(
    data: &'a [u8],
    mut f: impl FnMut(u16, u16, Reader<'a>) -> Result<(), GenError>,
) -> Result<(), GenError> {
    let mut r = Reader {
        data,
        at: 0,
        end: data.len(),
    };
    while !r.done() {
        r.take(4)?;
        let (t, s, len) = (r.u16()?, r.u16()?, r.u32()?);
        let body = r.sub(len as usize)?;
        f(t, s, body)?;
    }
    Ok(())
}

/// Reads prefix octets for a length in bits into four padded octets.
fn prefix4(r: &mut Reader<'_>, len: u8) -> Result<[u8; 4], GenError> {
    if len > 32 {
        return Err(GenError::BadPrefixLength { len, offset: r.at });
    }
    let mut p = [0u8; 4];
    let b = r.take(usize::from(len.div_ceil(8)))?;
    p[..b.len()].copy_from_slice(b);
    Ok(p)
}

/// Reads a TABLE_DUMP_V2 file of one PEER_INDEX_TABLE then RIB_IPV4_UNICAST records, calling
/// `f` for each RIB entry. Any other record, a peer index out of range, or a record with bytes
/// left over is an error.
pub fn read_table<'a>(
    data: &'a [u8],
    mut f: impl FnMut(RibEntry<'a>),
) -> Result<TableSummary, GenError> {
    let mut summary = TableSummary::default();
    let mut seen_index = false;
    records(data, |t, s, mut r| {
        let start = r.at;
        match (t, s) {
            (TABLE_DUMP_V2, PEER_INDEX_TABLE) if !seen_index => {
                seen_index = true;
                r.take(4)?;
                let name_len = r.u16()?;
                r.take(usize::from(name_len))?;
                for _ in 0..r.u16()? {
                    let kind = r.u8()?;
                    if kind != 0x02 {
                        return Err(GenError::Unexpected {
                            what: "peer type",
                            value: u64::from(kind),
                            offset: r.at - 1,
                        });
                    }
                    let (bgp_id, ip, asn) = (r.ip4()?, r.ip4()?, r.u32()?);
                    summary.peers.push(Peer { bgp_id, ip, asn });
                }
            }
            (TABLE_DUMP_V2, RIB_IPV4_UNICAST) if seen_index => {
                let sequence = r.u32()?;
                let prefix_len = r.u8()?;
                let prefix = prefix4(&mut r, prefix_len)?;
                for _ in 0..r.u16()? {
                    let peer_index = r.u16()?;
                    if usize::from(peer_index) >= summary.peers.len() {
                        return Err(GenError::Unexpected {
                            what: "peer index",
                            value: u64::from(peer_index),
                            offset: r.at - 2,
                        });
                    }
                    r.take(4)?;
                    let attr_len = r.u16()?;
                    let attributes = r.take(usize::from(attr_len))?;
                    split_attributes(attributes, r.at - attributes.len())?;
                    f(RibEntry {
                        sequence,
                        prefix,
                        prefix_len,
                        peer_index,
                        attributes,
                    });
                    summary.routes += 1;
                }
                summary.rib_records += 1;
            }
            _ => {
                return Err(GenError::Unexpected {
                    what: "record type",
                    value: u64::from(t) << 16 | u64::from(s),
                    offset: start - 12,
                })
            }
        }
        if r.done() {
            Ok(())
        } else {
            Err(GenError::Unexpected {
                what: "bytes left in record",
                value: (r.end - r.at) as u64,
                offset: r.at,
            })
        }
    })?;
    Ok(summary)
}

/// Reads a BGP4MP MESSAGE_AS4 file of IPv4-session UPDATEs whose routes are VPNv4 in
/// MP_REACH_NLRI, calling `f` for each route.
pub fn read_vpn(data: &[u8], mut f: impl FnMut(&VpnRoute)) -> Result<VpnSummary, GenError> {
    let mut summary = VpnSummary::default();
    records(data, |t, s, mut r| {
        if (t, s) != (BGP4MP, BGP4MP_MESSAGE_AS4) {
            return Err(GenError::Unexpected {
                what: "record type",
                value: u64::from(t) << 16 | u64::from(s),
                offset: r.at - 12,
            });
        }
        r.take(4 + 4 + 2)?;
        let afi = r.u16()?;
        if afi != 1 {
            return Err(GenError::Unexpected {
                what: "afi",
                value: u64::from(afi),
                offset: r.at - 2,
            });
        }
        r.take(8)?;
        if r.take(16)? != [0xff; 16] {
            return Err(GenError::Unexpected {
                what: "marker",
                value: 0,
                offset: r.at - 16,
            });
        }
        let msg_len = usize::from(r.u16()?);
        if msg_len != r.end - r.at + 18 || r.u8()? != 2 {
            return Err(GenError::Unexpected {
                what: "message length or type",
                value: msg_len as u64,
                offset: r.at - 3,
            });
        }
        let withdrawn = r.u16()?;
        r.take(usize::from(withdrawn))?;
        let attr_len = usize::from(r.u16()?);
        let base = r.at;
        let attrs = r.take(attr_len)?;
        for (flags, code, value, offset) in split_attributes(attrs, base)? {
            if code != ATTR_MP_REACH_NLRI {
                continue;
            }
            let at = offset + if flags & EXTENDED_LENGTH != 0 { 4 } else { 3 };
            let mut m = Reader {
                data,
                at,
                end: at + value.len(),
            };
            let (afi, safi, nh_len) = (m.u16()?, m.u8()?, m.u8()?);
            if (afi, safi, nh_len) != (1, 128, 12) || m.take(8)? != [0; 8] {
                return Err(GenError::BadAttribute { code, offset });
            }
            let next_hop = m.ip4()?;
            m.u8()?;
            while !m.done() {
                let bits = m.u8()?;
                let Some(prefix_len) = bits.checked_sub(24 + 64) else {
                    return Err(GenError::BadPrefixLength {
                        len: bits,
                        offset: m.at - 1,
                    });
                };
                let l = m.take(3)?;
                let stack = u32::from_be_bytes([0, l[0], l[1], l[2]]);
                let rd = m.take(8)?;
                let prefix = prefix4(&mut m, prefix_len)?;
                f(&VpnRoute {
                    label: stack >> 4,
                    bottom_of_stack: stack & 1 == 1,
                    rd: rd.try_into().unwrap_or([0; 8]),
                    prefix,
                    prefix_len,
                    next_hop,
                });
                summary.routes += 1;
            }
        }
        if !r.done() {
            return Err(GenError::Unexpected {
                what: "bytes after the attributes",
                value: (r.end - r.at) as u64,
                offset: r.at,
            });
        }
        summary.updates += 1;
        Ok(())
    })?;
    Ok(summary)
}

/// The value of the first path attribute with type `code` in an attribute list, if any.
pub fn attribute(attributes: &[u8], code: u8) -> Result<Option<&[u8]>, GenError> {
    Ok(split_attributes(attributes, 0)?
        .into_iter()
        .find(|a| a.1 == code)
        .map(|a| a.2))
}

/// The AS numbers of a four-octet AS_PATH value, segment by segment (RFC 6793 §3).
pub fn as_path4(value: &[u8]) -> Result<Vec<(u8, Vec<u32>)>, GenError> {
    let mut r = Reader {
        data: value,
        at: 0,
        end: value.len(),
    };
    let mut out = Vec::new();
    while !r.done() {
        let (kind, count) = (r.u8()?, r.u8()?);
        let mut asns = Vec::with_capacity(usize::from(count));
        for _ in 0..count {
            asns.push(r.u32()?);
        }
        out.push((kind, asns));
    }
    Ok(out)
}
