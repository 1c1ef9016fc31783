//! A minimal reader of legacy TABLE_DUMP AFI_IPv4 records (RFC 6396 §4.2): the routes that
//! [`crate::table::generate`] replicates across peers. Other record types are counted and
//! skipped.

use crate::mrt::{TABLE_DUMP, TABLE_DUMP_AFI_IPV4};
use crate::GenError;

/// One route of a TABLE_DUMP AFI_IPv4 record (RFC 6396 §4.2), borrowing its attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRoute<'a> {
    /// The MRT header's timestamp.
    pub timestamp: u32,
    /// The prefix's four address octets as stored (bits past the length are not cleared).
    pub prefix: [u8; 4],
    /// The prefix length in bits, at most 32.
    pub prefix_len: u8,
    /// The route's originated time.
    pub originated: u32,
    /// The peer's address.
    pub peer_ip: [u8; 4],
    /// The peer's (two-octet) AS number.
    pub peer_as: u16,
    /// The path attributes, AS_PATH with two-octet AS numbers.
    pub attributes: &'a [u8],
    /// Absolute offset of `attributes` in the source.
    pub attributes_offset: usize,
}

impl SourceRoute<'_> {
    /// The prefix as a number with the bits past its length cleared, for sorting and grouping.
    pub fn network(&self) -> u32 {
        let addr = u32::from_be_bytes(self.prefix);
        match self.prefix_len {
            0 => 0,
            len => addr & (u32::MAX << (32 - u32::from(len.min(32)))),
        }
    }
}

/// What [`read_table_dump`] found.
#[derive(Debug, Clone, Default)]
pub struct SourceScan<'a> {
    /// Every TABLE_DUMP AFI_IPv4 route, in file order.
    pub routes: Vec<SourceRoute<'a>>,
    /// Records of other types or subtypes, skipped.
    pub skipped_records: u64,
}

fn slice(data: &[u8], offset: usize, len: usize, end: usize) -> Result<&[u8], GenError> {
    match offset.checked_add(len) {
        Some(stop) if stop <= end => Ok(&data[offset..stop]),
        _ => Err(GenError::Truncated {
            needed: len,
            available: end.saturating_sub(offset),
            offset,
        }),
    }
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Reads every record of an uncompressed MRT file, keeping its TABLE_DUMP AFI_IPv4 routes.
pub fn read_table_dump(data: &[u8]) -> Result<SourceScan<'_>, GenError> {
    let mut scan = SourceScan::default();
    let mut offset = 0;
    while offset < data.len() {
        let header = slice(data, offset, 12, data.len())?;
        let (mrt_type, subtype, len) = (be16(&header[4..]), be16(&header[6..]), be32(&header[8..]));
        let body_at = offset + 12;
        let body = slice(data, body_at, len as usize, data.len())?;
        let end = body_at + body.len();
        if mrt_type == TABLE_DUMP && subtype == TABLE_DUMP_AFI_IPV4 {
            let fixed = slice(data, body_at, 22, end)?;
            let prefix_len = fixed[8];
            if prefix_len > 32 {
                return Err(GenError::BadPrefixLength {
                    len: prefix_len,
                    offset: body_at + 8,
                });
            }
            let attr_len = usize::from(be16(&fixed[20..]));
            let attributes = slice(data, body_at + 22, attr_len, end)?;
            scan.routes.push(SourceRoute {
                timestamp: be32(header),
                prefix: [fixed[4], fixed[5], fixed[6], fixed[7]],
                prefix_len,
                originated: be32(&fixed[10..]),
                peer_ip: [fixed[14], fixed[15], fixed[16], fixed[17]],
                peer_as: be16(&fixed[18..]),
                attributes,
                attributes_offset: body_at + 22,
            });
        } else {
            scan.skipped_records += 1;
        }
        offset = end;
    }
    Ok(scan)
}

/// One path attribute: flags, type code, value, and the absolute offset of its flags octet.
pub(crate) type RawAttr<'a> = (u8, u8, &'a [u8], usize);

/// Splits a path-attribute list (RFC 4271 §4.3) whose first byte is at absolute `base`.
pub(crate) fn split_attributes(buf: &[u8], base: usize) -> Result<Vec<RawAttr<'_>>, GenError> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < buf.len() {
        let head = slice(buf, at, 2, buf.len()).map_err(|e| rebase(e, base))?;
        let (flags, code) = (head[0], head[1]);
        let (len, value_at) = if flags & crate::mrt::EXTENDED_LENGTH != 0 {
            let l = slice(buf, at + 2, 2, buf.len()).map_err(|e| rebase(e, base))?;
            (usize::from(be16(l)), at + 4)
        } else {
            let l = slice(buf, at + 2, 1, buf.len()).map_err(|e| rebase(e, base))?;
            (usize::from(l[0]), at + 3)
        };
        let value = slice(buf, value_at, len, buf.len()).map_err(|e| rebase(e, base))?;
        out.push((flags, code, value, base + at));
        at = value_at + len;
    }
    Ok(out)
}

fn rebase(e: GenError, base: usize) -> GenError {
    match e {
        GenError::Truncated {
            needed,
            available,
            offset,
        } => GenError::Truncated {
            needed,
            available,
            offset: offset + base,
        },
        other => other,
    }
}
