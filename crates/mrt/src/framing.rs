//! Framing MRT records (RFC 6396 §2, §3) out of an in-memory input, resynchronising after damage.
//!
//! MRT has no record marker: once a length field is wrong, the next header's position is
//! unknown. [`Records`] checks every header for plausibility (a known type, a length that fits,
//! a timestamp near the previous record's, and a plausible header right after the record) and,
//! when a header fails, scans forward byte by byte for the next position where two plausible
//! headers follow each other. The bytes skipped are reported as one [`FrameError`].

use ribcage_buffer::{MrtRecord, MrtType, View};

/// Length of the MRT common header (RFC 6396 §2).
pub const MRT_HEADER_LEN: usize = ribcage_buffer::MRT_HEADER_LEN;
/// Largest record length field accepted (16 MiB).
pub const MAX_RECORD_LEN: usize = ribcage_buffer::DEFAULT_MAX_RECORD_LEN;
/// How far (in seconds) a record's timestamp may lie from the previous good record's before
/// its header counts as implausible during resynchronisation.
const TIME_WINDOW: u32 = 30 * 24 * 3600;

/// Bytes that could not be framed as records: the input ended inside a record, or a damaged
/// region was skipped while resynchronising.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// The input ends inside a record's header or body.
    #[error("input truncated inside the record at offset {offset}: {needed} bytes needed, {available} available")]
    Truncated {
        /// Absolute offset of the record.
        offset: usize,
        /// Bytes the record needs.
        needed: usize,
        /// Bytes left in the input.
        available: usize,
    },
    /// A damaged region (garbage or a record with a corrupt length) was skipped.
    #[error("skipped {skipped} unframeable bytes at offset {offset} ({why})")]
    Skipped {
        /// Absolute offset of the first skipped byte.
        offset: usize,
        /// Number of bytes skipped.
        skipped: usize,
        /// What was wrong with the header at `offset`.
        why: &'static str,
    },
}

impl FrameError {
    /// Absolute offset of the damage.
    pub fn offset(&self) -> usize {
        match self {
            FrameError::Truncated { offset, .. } | FrameError::Skipped { offset, .. } => *offset,
        }
    }
}

/// A header as read, before checks.
#[derive(Clone, Copy)]
struct Header {
    timestamp: u32,
    mrt_type: MrtType,
    subtype: u16,
    length: usize,
}

fn header_at(data: &[u8], pos: usize) -> Option<Header> {
    let h = data.get(pos..pos.checked_add(MRT_HEADER_LEN)?)?;
    Some(Header {
        timestamp: u32::from_be_bytes([h[0], h[1], h[2], h[3]]),
        mrt_type: MrtType(u16::from_be_bytes([h[4], h[5]])),
        subtype: u16::from_be_bytes([h[6], h[7]]),
        length: u32::from_be_bytes([h[8], h[9], h[10], h[11]]) as usize,
    })
}

/// Whether `t` is a type RFC 6396 defines (deprecated BGP types 5, 9, 10 included).
fn known_type(t: MrtType) -> bool {
    matches!(t.0, 5 | 9 | 10 | 11 | 12 | 13 | 16 | 17 | 32 | 33 | 48 | 49)
}

/// Iterator over the records of an in-memory MRT input; see the module documentation.
///
/// Yields `Ok(record)` for every record that frames and `Err` once per damaged region; it
/// always moves forward and ends at the end of the input.
#[derive(Debug, Clone)]
pub struct Records {
    input: View,
    pos: usize,
    last_time: Option<u32>,
}

impl Records {
    /// Frames records from `input`; offsets are `input.offset()`-based.
    pub fn new(input: View) -> Self {
        Self {
            input,
            pos: 0,
            last_time: None,
        }
    }

    /// Relative position of the next record.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Total input length.
    pub fn len(&self) -> usize {
        self.input.len()
    }

    /// Whether the input is empty.
    pub fn is_empty(&self) -> bool {
        self.input.is_empty()
    }

    /// Loose plausibility: the header could start a record (any type, sane length, time near).
    fn loose(&self, h: &Header, pos: usize) -> bool {
        let data = self.input.as_slice();
        let fits = h.length <= MAX_RECORD_LEN && pos + MRT_HEADER_LEN + h.length <= data.len();
        let et_ok = !h.mrt_type.has_microseconds() || h.length >= 4;
        let time_ok = self
            .last_time
            .is_none_or(|t| h.timestamp.abs_diff(t) <= TIME_WINDOW);
        fits && et_ok && time_ok && h.mrt_type.0 != 0 && h.mrt_type.0 < 256
    }

    /// Whether the record at `pos` is plausible and is followed by the end of input or by
    /// another loosely plausible header. `strict` also requires a known type.
    fn chain_ok(&self, pos: usize, strict: bool) -> bool {
        let data = self.input.as_slice();
        let Some(h) = header_at(data, pos) else {
            return false;
        };
        if !self.loose(&h, pos) || (strict && !known_type(h.mrt_type)) {
            return false;
        }
        let next = pos + MRT_HEADER_LEN + h.length;
        if next == data.len() {
            return true;
        }
        match header_at(data, next) {
            Some(n) => self.loose(&n, next),
            None => false,
        }
    }

    fn make(&mut self, pos: usize, h: Header) -> MrtRecord {
        let micro = h.mrt_type.has_microseconds();
        let data = self.input.as_slice();
        let (microseconds, start) = if micro {
            let m = &data[pos + MRT_HEADER_LEN..pos + MRT_HEADER_LEN + 4];
            (
                Some(u32::from_be_bytes([m[0], m[1], m[2], m[3]])),
                pos + MRT_HEADER_LEN + 4,
            )
        } else {
            (None, pos + MRT_HEADER_LEN)
        };
        let end = pos + MRT_HEADER_LEN + h.length;
        let body = self
            .input
            .slice(start, end - start)
            .unwrap_or_else(|_| View::default());
        self.pos = end;
        self.last_time = Some(h.timestamp);
        MrtRecord {
            timestamp: h.timestamp,
            microseconds,
            mrt_type: h.mrt_type,
            subtype: h.subtype,
            offset: self.input.offset() + pos,
            body,
        }
    }
}

impl Iterator for Records {
    type Item = Result<MrtRecord, FrameError>;

    fn next(&mut self) -> Option<Self::Item> {
        let data_len = self.input.len();
        let pos = self.pos;
        if pos >= data_len {
            return None;
        }
        let base = self.input.offset();
        let data = self.input.as_slice();
        let Some(h) = header_at(data, pos) else {
            self.pos = data_len;
            return Some(Err(FrameError::Truncated {
                offset: base + pos,
                needed: MRT_HEADER_LEN,
                available: data_len - pos,
            }));
        };
        if self.chain_ok(pos, false) {
            return Some(Ok(self.make(pos, h)));
        }
        // The header or the one after it is implausible: find the next position where two
        // plausible headers follow each other.
        let total = MRT_HEADER_LEN.saturating_add(h.length);
        let mut scan = pos + 1;
        while scan + MRT_HEADER_LEN <= data_len && !self.chain_ok(scan, true) {
            scan += 1;
        }
        let scan = if scan + MRT_HEADER_LEN > data_len {
            data_len
        } else {
            scan
        };
        // This record stands if its header is plausible, it ends before the next good record
        // and its body is internally consistent: the damage is after it.
        if self.loose(&h, pos)
            && known_type(h.mrt_type)
            && pos + total <= scan
            && body_consistent(h, &data[pos + MRT_HEADER_LEN..pos + total])
        {
            return Some(Ok(self.make(pos, h)));
        }
        let why = if h.length > MAX_RECORD_LEN {
            "length too large"
        } else if pos + total > data_len {
            "length past end of input"
        } else if !known_type(h.mrt_type) {
            "unknown type"
        } else {
            "record does not fit its length"
        };
        self.pos = scan;
        let time_ok = self
            .last_time
            .is_none_or(|t| h.timestamp.abs_diff(t) <= TIME_WINDOW);
        if scan == data_len && pos + total > data_len && time_ok && known_type(h.mrt_type) {
            return Some(Err(FrameError::Truncated {
                offset: base + pos,
                needed: total,
                available: data_len - pos,
            }));
        }
        Some(Err(FrameError::Skipped {
            offset: base + pos,
            skipped: scan - pos,
            why,
        }))
    }
}

/// Whether a record body's own length fields agree with its length (for the types decoded
/// here; others are taken as they are).
fn body_consistent(h: Header, body: &[u8]) -> bool {
    use ribcage_buffer::Cursor;
    let registry = ribcage_nlri::Registry::BUILTIN;
    let Ok(b) = crate::Body::decode(h.mrt_type, h.subtype, Cursor::new(body), &registry) else {
        return false;
    };
    match b {
        crate::Body::Message(m) => {
            m.cut_bytes == 0 && m.body.position() + m.body.remaining() == body.len()
        }
        crate::Body::TableDump(t) => {
            t.attributes.position() + t.attributes.remaining() == body.len()
        }
        crate::Body::Rib(r) => {
            let mut entries = r.entries();
            entries.by_ref().all(|e| e.is_ok()) && entries.remaining() == 0
        }
        crate::Body::StateChange(_) => {
            let as_len = if h.subtype == 5 { 4 } else { 2 };
            matches!(body.len().saturating_sub(2 * as_len), 16 | 40)
        }
        _ => true,
    }
}

impl std::iter::FusedIterator for Records {}

#[cfg(test)]
mod tests;
