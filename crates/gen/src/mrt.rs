//! MRT record framing (RFC 6396 §2) and BGP path-attribute encoding (RFC 4271 §4.3) shared by
//! the generators.

use std::io::{self, Write};

/// MRT type TABLE_DUMP (RFC 6396 §4.2).
pub(crate) const TABLE_DUMP: u16 = 12;
/// TABLE_DUMP subtype AFI_IPv4 (RFC 6396 §4.2).
pub(crate) const TABLE_DUMP_AFI_IPV4: u16 = 1;
/// MRT type TABLE_DUMP_V2 (RFC 6396 §4.3).
pub(crate) const TABLE_DUMP_V2: u16 = 13;
/// TABLE_DUMP_V2 subtype PEER_INDEX_TABLE (RFC 6396 §4.3.1).
pub(crate) const PEER_INDEX_TABLE: u16 = 1;
/// TABLE_DUMP_V2 subtype RIB_IPV4_UNICAST (RFC 6396 §4.3.2).
pub(crate) const RIB_IPV4_UNICAST: u16 = 2;
/// MRT type BGP4MP (RFC 6396 §4.4).
pub(crate) const BGP4MP: u16 = 16;
/// BGP4MP subtype BGP4MP_MESSAGE_AS4 (RFC 6396 §4.4.3).
pub(crate) const BGP4MP_MESSAGE_AS4: u16 = 4;

/// Attribute flag: optional (RFC 4271 §4.3).
pub(crate) const OPTIONAL: u8 = 0x80;
/// Attribute flag: transitive (RFC 4271 §4.3).
pub(crate) const TRANSITIVE: u8 = 0x40;
/// Attribute flag: the length field is two octets (RFC 4271 §4.3).
pub(crate) const EXTENDED_LENGTH: u8 = 0x10;

/// ORIGIN (RFC 4271 §5.1.1).
pub(crate) const ATTR_ORIGIN: u8 = 1;
/// AS_PATH (RFC 4271 §5.1.2).
pub(crate) const ATTR_AS_PATH: u8 = 2;
/// NEXT_HOP (RFC 4271 §5.1.3).
pub(crate) const ATTR_NEXT_HOP: u8 = 3;
/// LOCAL_PREF (RFC 4271 §5.1.5).
pub(crate) const ATTR_LOCAL_PREF: u8 = 5;
/// AGGREGATOR (RFC 4271 §5.1.7).
pub(crate) const ATTR_AGGREGATOR: u8 = 7;
/// COMMUNITIES (RFC 1997).
pub(crate) const ATTR_COMMUNITIES: u8 = 8;
/// MP_REACH_NLRI (RFC 4760 §3).
pub(crate) const ATTR_MP_REACH_NLRI: u8 = 14;
/// EXTENDED COMMUNITIES (RFC 4360).
pub(crate) const ATTR_EXTENDED_COMMUNITIES: u8 = 16;
/// AS4_PATH (RFC 6793).
pub(crate) const ATTR_AS4_PATH: u8 = 17;
/// AS4_AGGREGATOR (RFC 6793).
pub(crate) const ATTR_AS4_AGGREGATOR: u8 = 18;

/// AS_PATH segment type AS_SEQUENCE (RFC 4271 §4.3).
pub(crate) const AS_SEQUENCE: u8 = 2;

/// Writes one MRT record: the common header (RFC 6396 §2) then `body`.
pub(crate) fn write_record(
    out: &mut impl Write,
    timestamp: u32,
    mrt_type: u16,
    subtype: u16,
    body: &[u8],
) -> io::Result<()> {
    let len = u32::try_from(body.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
    let mut header = [0u8; 12];
    header[0..4].copy_from_slice(&timestamp.to_be_bytes());
    header[4..6].copy_from_slice(&mrt_type.to_be_bytes());
    header[6..8].copy_from_slice(&subtype.to_be_bytes());
    header[8..12].copy_from_slice(&len.to_be_bytes());
    out.write_all(&header)?;
    out.write_all(body)
}

/// Appends one path attribute, choosing the one- or two-octet length form (RFC 4271 §4.3).
/// Values longer than 65,535 bytes are a caller bug; the generators never build them.
pub(crate) fn push_attr(buf: &mut Vec<u8>, flags: u8, code: u8, value: &[u8]) {
    if value.len() > 255 {
        buf.extend_from_slice(&[flags | EXTENDED_LENGTH, code]);
        buf.extend_from_slice(&(value.len() as u16).to_be_bytes());
    } else {
        buf.extend_from_slice(&[flags & !EXTENDED_LENGTH, code, value.len() as u8]);
    }
    buf.extend_from_slice(value);
}

/// A writer that counts the bytes passed through it.
pub(crate) struct Counted<'a, W> {
    /// The destination.
    pub(crate) inner: &'a mut W,
    /// Bytes written so far.
    pub(crate) n: u64,
}

impl<W: Write> Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
