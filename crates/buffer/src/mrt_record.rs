//! MRT record framing (RFC 6396 §2, §3): [`MrtType`], [`MrtRecord`] and the streaming
//! [`MrtReader`].

use std::fmt;
use std::io::Read;

use crate::stream::{fuse, StreamBuf};
use crate::{Error, View};

#[cfg(test)]
mod tests;

/// Length of the MRT common header: timestamp, type, subtype, length (RFC 6396 §2).
pub const MRT_HEADER_LEN: usize = 12;
/// Default cap on an MRT record's length field: 16 MiB.
pub const DEFAULT_MAX_RECORD_LEN: usize = 16 << 20;

/// An MRT record type (RFC 6396 §4): an open newtype, so unknown values stay representable.
///
/// `Debug` and `Display` print the name of a known type and the number otherwise.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MrtType(pub u16);

impl MrtType {
    /// OSPFv2 (RFC 6396 §4.1).
    pub const OSPFV2: Self = Self(11);
    /// TABLE_DUMP (RFC 6396 §4.2).
    pub const TABLE_DUMP: Self = Self(12);
    /// TABLE_DUMP_V2 (RFC 6396 §4.3).
    pub const TABLE_DUMP_V2: Self = Self(13);
    /// BGP4MP (RFC 6396 §4.4).
    pub const BGP4MP: Self = Self(16);
    /// BGP4MP_ET: BGP4MP with a microsecond timestamp (RFC 6396 §4.4).
    pub const BGP4MP_ET: Self = Self(17);
    /// ISIS (RFC 6396 §4.5).
    pub const ISIS: Self = Self(32);
    /// ISIS_ET: ISIS with a microsecond timestamp (RFC 6396 §4.5).
    pub const ISIS_ET: Self = Self(33);
    /// OSPFv3 (RFC 6396 §4.6).
    pub const OSPFV3: Self = Self(48);
    /// OSPFv3_ET: OSPFv3 with a microsecond timestamp (RFC 6396 §4.6).
    pub const OSPFV3_ET: Self = Self(49);

    /// Whether records of this type carry the 4-byte microsecond field after the common header
    /// (the `_ET` types, RFC 6396 §3).
    pub fn has_microseconds(self) -> bool {
        matches!(self, Self::BGP4MP_ET | Self::ISIS_ET | Self::OSPFV3_ET)
    }

    /// The type's name as RFC 6396 §4 spells it, for known types.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::OSPFV2 => "OSPFv2",
            Self::TABLE_DUMP => "TABLE_DUMP",
            Self::TABLE_DUMP_V2 => "TABLE_DUMP_V2",
            Self::BGP4MP => "BGP4MP",
            Self::BGP4MP_ET => "BGP4MP_ET",
            Self::ISIS => "ISIS",
            Self::ISIS_ET => "ISIS_ET",
            Self::OSPFV3 => "OSPFv3",
            Self::OSPFV3_ET => "OSPFv3_ET",
            _ => return None,
        })
    }

    /// The name of `subtype` under this type (RFC 6396 §4.2-§4.4, RFC 8050 §3-§4), for known
    /// pairs.
    pub fn subtype_name(self, subtype: u16) -> Option<&'static str> {
        Some(match (self, subtype) {
            (Self::TABLE_DUMP, 1) => "AFI_IPv4",
            (Self::TABLE_DUMP, 2) => "AFI_IPv6",
            (Self::TABLE_DUMP_V2, 1) => "PEER_INDEX_TABLE",
            (Self::TABLE_DUMP_V2, 2) => "RIB_IPV4_UNICAST",
            (Self::TABLE_DUMP_V2, 3) => "RIB_IPV4_MULTICAST",
            (Self::TABLE_DUMP_V2, 4) => "RIB_IPV6_UNICAST",
            (Self::TABLE_DUMP_V2, 5) => "RIB_IPV6_MULTICAST",
            (Self::TABLE_DUMP_V2, 6) => "RIB_GENERIC",
            (Self::TABLE_DUMP_V2, 7) => "GEO_PEER_TABLE",
            (Self::TABLE_DUMP_V2, 8) => "RIB_IPV4_UNICAST_ADDPATH",
            (Self::TABLE_DUMP_V2, 9) => "RIB_IPV4_MULTICAST_ADDPATH",
            (Self::TABLE_DUMP_V2, 10) => "RIB_IPV6_UNICAST_ADDPATH",
            (Self::TABLE_DUMP_V2, 11) => "RIB_IPV6_MULTICAST_ADDPATH",
            (Self::TABLE_DUMP_V2, 12) => "RIB_GENERIC_ADDPATH",
            (Self::BGP4MP | Self::BGP4MP_ET, 0) => "STATE_CHANGE",
            (Self::BGP4MP | Self::BGP4MP_ET, 1) => "MESSAGE",
            (Self::BGP4MP | Self::BGP4MP_ET, 4) => "MESSAGE_AS4",
            (Self::BGP4MP | Self::BGP4MP_ET, 5) => "STATE_CHANGE_AS4",
            (Self::BGP4MP | Self::BGP4MP_ET, 6) => "MESSAGE_LOCAL",
            (Self::BGP4MP | Self::BGP4MP_ET, 7) => "MESSAGE_AS4_LOCAL",
            (Self::BGP4MP | Self::BGP4MP_ET, 8) => "MESSAGE_ADDPATH",
            (Self::BGP4MP | Self::BGP4MP_ET, 9) => "MESSAGE_AS4_ADDPATH",
            (Self::BGP4MP | Self::BGP4MP_ET, 10) => "MESSAGE_LOCAL_ADDPATH",
            (Self::BGP4MP | Self::BGP4MP_ET, 11) => "MESSAGE_AS4_LOCAL_ADDPATH",
            _ => return None,
        })
    }
}

impl fmt::Debug for MrtType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for MrtType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.0),
        }
    }
}

/// An MRT (type, subtype) pair, the unit `ribcage frames` counts by.
///
/// `Display` prints `TYPE/SUBTYPE` with names where known and numbers otherwise:
/// `TABLE_DUMP_V2/RIB_IPV4_UNICAST`, `BGP4MP/99`, `7/1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKind {
    /// The record type.
    pub mrt_type: MrtType,
    /// The record subtype.
    pub subtype: u16,
}

impl RecordKind {
    /// The pair of `mrt_type` and `subtype`.
    pub fn new(mrt_type: MrtType, subtype: u16) -> Self {
        Self { mrt_type, subtype }
    }

    /// The subtype's name, if the pair is known.
    pub fn subtype_name(self) -> Option<&'static str> {
        self.mrt_type.subtype_name(self.subtype)
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/", self.mrt_type)?;
        match self.subtype_name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.subtype),
        }
    }
}

/// One framed MRT record (RFC 6396 §2, §3).
///
/// `body` is the record's message field, after the 12-byte common header and, for the `_ET`
/// types, after the 4-byte microsecond field; it shares the reader's buffer. The body has not
/// been looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MrtRecord {
    /// Seconds since the Unix epoch, from the common header.
    pub timestamp: u32,
    /// The microsecond field of the `_ET` types (RFC 6396 §3), `None` for the others.
    pub microseconds: Option<u32>,
    /// The record type.
    pub mrt_type: MrtType,
    /// The record subtype.
    pub subtype: u16,
    /// Absolute offset of the record's common header in the stream.
    pub offset: usize,
    /// The message field; `body.offset()` is its absolute offset.
    pub body: View,
}

/// The common header's fields, checked against `max_len`.
struct Header {
    timestamp: u32,
    mrt_type: MrtType,
    subtype: u16,
    /// The whole record: common header and the length field's bytes.
    total: usize,
}

fn check_header(
    header: &[u8; MRT_HEADER_LEN],
    offset: usize,
    max_len: usize,
) -> Result<Header, Error> {
    let [t0, t1, t2, t3, y0, y1, s0, s1, l0, l1, l2, l3] = *header;
    let mrt_type = MrtType(u16::from_be_bytes([y0, y1]));
    let length = u32::from_be_bytes([l0, l1, l2, l3]);
    // A length that does not fit usize is certainly beyond the cap.
    let length = usize::try_from(length).unwrap_or(usize::MAX);
    // The sum cannot overflow on 64-bit targets; a cap of `usize::MAX` on 32-bit ones could.
    let Some(total) = length
        .checked_add(MRT_HEADER_LEN)
        .filter(|_| length <= max_len)
    else {
        return Err(Error::RecordTooLong {
            length,
            max: max_len,
            offset: offset.saturating_add(8),
        });
    };
    if mrt_type.has_microseconds() && length < 4 {
        return Err(Error::BadLength {
            length,
            min: 4,
            max: max_len,
            offset: offset.saturating_add(8),
        });
    }
    Ok(Header {
        timestamp: u32::from_be_bytes([t0, t1, t2, t3]),
        mrt_type,
        subtype: u16::from_be_bytes([s0, s1]),
        total,
    })
}

impl MrtRecord {
    /// Frames the record at the start of `view` and returns it with the rest of `view`, without
    /// copying. For MRT data already in memory.
    ///
    /// Errors are those of [`MrtReader`]; a view ending inside the record gives
    /// [`Error::Truncated`] at the record's offset.
    pub fn split(view: &View, max_len: usize) -> Result<(MrtRecord, View), Error> {
        let offset = view.offset();
        let header: [u8; MRT_HEADER_LEN] = view.cursor().read_array()?;
        let h = check_header(&header, offset, max_len)?;
        let total = h.total;
        if view.len() < total {
            return Err(Error::Truncated {
                needed: total,
                available: view.len(),
                offset,
            });
        }
        let (microseconds, body_start) = if h.mrt_type.has_microseconds() {
            let mut cur = view.cursor();
            cur.skip(MRT_HEADER_LEN)?;
            (Some(cur.read_u32()?), MRT_HEADER_LEN + 4)
        } else {
            (None, MRT_HEADER_LEN)
        };
        let body = view.slice(body_start, total - body_start)?;
        let rest = view.slice(total, view.len() - total)?;
        Ok((
            MrtRecord {
                timestamp: h.timestamp,
                microseconds,
                mrt_type: h.mrt_type,
                subtype: h.subtype,
                offset,
                body,
            },
            rest,
        ))
    }

    /// The record's (type, subtype) pair; `record.kind().to_string()` is its name.
    pub fn kind(&self) -> RecordKind {
        RecordKind::new(self.mrt_type, self.subtype)
    }

    /// The record's size on the wire: common header, microsecond field if any, and body.
    pub fn wire_len(&self) -> usize {
        let micro = if self.microseconds.is_some() { 4 } else { 0 };
        MRT_HEADER_LEN + micro + self.body.len()
    }
}

/// Reads MRT records (RFC 6396 §2) from any [`Read`] and yields them one by one as
/// [`MrtRecord`]s.
///
/// It streams: bytes go into one reusable `BytesMut` and each record is split off without
/// copying, so memory stays constant however large the input is (64 KiB, or twice the largest
/// record, while records handed out are dropped promptly). A record whose length field exceeds
/// the maximum (default [`DEFAULT_MAX_RECORD_LEN`], 16 MiB) is refused before anything is
/// buffered for it.
///
/// Errors: [`Error::RecordTooLong`], [`Error::BadLength`] (an `_ET` record shorter than its
/// microsecond field), [`Error::Truncated`] when the input ends inside a record (header or body;
/// at the record's offset), and [`Error::Io`]. MRT has no resynchronisation marker, so after an
/// error the reader cannot find the next record: it yields the error once and then ends. Records
/// already yielded are good.
///
/// ```
/// use ribcage_buffer::{MrtReader, MrtType};
///
/// // A TABLE_DUMP_V2 PEER_INDEX_TABLE header with a 2-byte body.
/// let data = [0, 0, 0, 1, 0, 13, 0, 1, 0, 0, 0, 2, 0xab, 0xcd];
/// let mut reader = MrtReader::new(&data[..]);
/// let record = reader.next().unwrap().unwrap();
/// assert_eq!(record.mrt_type, MrtType::TABLE_DUMP_V2);
/// assert_eq!(record.kind().to_string(), "TABLE_DUMP_V2/PEER_INDEX_TABLE");
/// assert_eq!(record.body.as_slice(), &[0xab, 0xcd]);
/// assert!(reader.next().is_none());
/// ```
#[derive(Debug)]
pub struct MrtReader<R> {
    stream: StreamBuf<R>,
    max_len: usize,
    done: bool,
}

impl<R: Read> MrtReader<R> {
    /// A reader with the default maximum record length (16 MiB).
    pub fn new(reader: R) -> Self {
        Self {
            stream: StreamBuf::new(reader),
            max_len: DEFAULT_MAX_RECORD_LEN,
            done: false,
        }
    }

    /// The same reader with a different cap on the length field (bytes after the common
    /// header); longer records give [`Error::RecordTooLong`].
    pub fn with_max_record_len(mut self, max_len: usize) -> Self {
        self.max_len = max_len;
        self
    }

    /// The cap on the length field.
    pub fn max_record_len(&self) -> usize {
        self.max_len
    }

    /// Absolute offset of the next record: the number of stream bytes framed so far.
    pub fn position(&self) -> usize {
        self.stream.offset()
    }

    /// Bytes the reader's buffer can currently hold (for memory accounting).
    pub fn buffer_capacity(&self) -> usize {
        self.stream.capacity()
    }

    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        self.stream.get_ref()
    }

    fn read_record(&mut self) -> Result<Option<MrtRecord>, Error> {
        let offset = self.stream.offset();
        let Some(header) = self.stream.fill_header::<MRT_HEADER_LEN>()? else {
            return Ok(None);
        };
        let h = check_header(&header, offset, self.max_len)?;
        let total = h.total;
        self.stream.fill_frame(total)?;
        let microseconds = if h.mrt_type.has_microseconds() {
            let d = self.stream.data();
            Some(u32::from_be_bytes([d[12], d[13], d[14], d[15]]))
        } else {
            None
        };
        let skip = if microseconds.is_some() {
            MRT_HEADER_LEN + 4
        } else {
            MRT_HEADER_LEN
        };
        self.stream.skip(skip);
        let body_offset = self.stream.offset();
        let body = View::with_offset(self.stream.split(total - skip), body_offset);
        Ok(Some(MrtRecord {
            timestamp: h.timestamp,
            microseconds,
            mrt_type: h.mrt_type,
            subtype: h.subtype,
            offset,
            body,
        }))
    }
}

impl<R: Read> Iterator for MrtReader<R> {
    type Item = Result<MrtRecord, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        fuse(self, |r| &mut r.done, Self::read_record)
    }
}
