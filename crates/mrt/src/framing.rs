//! Framing MRT records (RFC 6396 §2, §3) out of an input in memory or streamed from a reader,
//! resynchronising after damage.
//!
//! MRT has no record marker: once a length field is wrong, the next header's position is
//! unknown. [`Records`] checks every header for plausibility (a known type, a length that fits,
//! a timestamp near the previous record's, and a plausible header right after the record) and,
//! when a header fails, scans forward byte by byte for the next position where two plausible
//! headers follow each other, or where a record stands on its own (a decodable type and
//! subtype, a timestamp near the last record framed, and a body whose own length fields agree
//! with the record's: an untouched record between two damaged regions). The bytes skipped are
//! reported as one [`FrameError`].
//!
//! A BGP4MP message record also carries the length of its BGP message (RFC 4271 §4.1), and a
//! state change record's length follows from its address family. When a record is longer than
//! that and a plausible header starts right where its contents end, the record's length field
//! was damaged so that it swallowed the records after it: the record is framed as far as its
//! contents go, [`FrameError::Length`] reports it, and framing goes on from there.

use std::io::{self, Read};

use bytes::Bytes;
use ribcage_buffer::{Cursor, MrtRecord, MrtType, View};

/// Length of the MRT common header (RFC 6396 §2).
pub const MRT_HEADER_LEN: usize = ribcage_buffer::MRT_HEADER_LEN;
/// Largest record length field accepted (16 MiB).
pub const MAX_RECORD_LEN: usize = ribcage_buffer::DEFAULT_MAX_RECORD_LEN;
/// How far apart (in seconds) the timestamps of two consecutive headers may lie before the pair
/// counts as implausible. Time is judged pairwise, never against a remembered record, so one
/// record with a damaged timestamp cannot make every later record look implausible.
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
    /// A BGP4MP record's length field claims more than its BGP message (or state change) holds
    /// and a plausible record starts where that ends: the length was damaged. The record is
    /// yielded right after this error, framed as `framed` bytes, and framing goes on after
    /// them with the records the length had swallowed. Decode the record as usual; its header's
    /// length field on the wire is the damaged one.
    #[error("record at offset {offset} declares {declared} bytes but its contents end after {framed}; framed as {framed}")]
    Length {
        /// Absolute offset of the record.
        offset: usize,
        /// The length field (bytes after the common header).
        declared: usize,
        /// The length the record was framed with.
        framed: usize,
    },
    /// Reading the input failed (a read error or corrupt compressed data); framing stops.
    #[error("read error at offset {offset}: {kind}")]
    Io {
        /// Absolute offset the read was to fill.
        offset: usize,
        /// What went wrong.
        kind: io::ErrorKind,
    },
}

impl FrameError {
    /// Absolute offset of the damage.
    pub fn offset(&self) -> usize {
        match self {
            FrameError::Truncated { offset, .. }
            | FrameError::Skipped { offset, .. }
            | FrameError::Length { offset, .. }
            | FrameError::Io { offset, .. } => *offset,
        }
    }
}

/// An MRT record borrowed from where it was framed ([`Records::next_ref`]) or from an
/// [`MrtRecord`]: the header's fields and the body as a cursor with absolute offsets.
#[derive(Clone, Copy, Debug)]
pub struct RecordRef<'a> {
    /// Timestamp (seconds).
    pub timestamp: u32,
    /// Microseconds (the `_ET` types, RFC 6396 §3).
    pub microseconds: Option<u32>,
    /// Record type.
    pub mrt_type: MrtType,
    /// Record subtype.
    pub subtype: u16,
    /// Absolute offset of the record (its common header).
    pub offset: usize,
    /// The body (after the common header and an `_ET` record's microseconds); its position is
    /// the body's absolute offset.
    pub body: Cursor<'a>,
}

impl<'a> From<&'a MrtRecord> for RecordRef<'a> {
    #[inline]
    fn from(r: &'a MrtRecord) -> Self {
        Self {
            timestamp: r.timestamp,
            microseconds: r.microseconds,
            mrt_type: r.mrt_type,
            subtype: r.subtype,
            offset: r.offset,
            body: r.body.cursor(),
        }
    }
}

/// A header as read, before checks.
#[derive(Clone, Copy, Debug)]
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

/// Whether two consecutive headers' timestamps lie within [`TIME_WINDOW`] of each other.
fn close_in_time(a: &Header, b: &Header) -> bool {
    a.timestamp.abs_diff(b.timestamp) <= TIME_WINDOW
}

/// Whether `t` is a type RFC 6396 defines (deprecated BGP types 5, 9, 10 included).
fn known_type(t: MrtType) -> bool {
    matches!(t.0, 5 | 9 | 10 | 11 | 12 | 13 | 16 | 17 | 32 | 33 | 48 | 49)
}

/// Whether `h` has a type RFC 6396 defines and a subtype defined for it (RFC 6396 §4, RFC 6397,
/// RFC 8050; the unused subtype fields of the OSPF and IS-IS types are 0, or 1 as in the drafts
/// that preceded the RFC). A scan only resynchronises on such a header: two headers taken from
/// inside a record can have timestamps close to each other and a known type, but hardly a
/// known subtype too.
fn known_subtype(h: &Header) -> bool {
    let subtypes = match h.mrt_type.0 {
        5 | 9 | 10 => 0..=7,
        11 | 48 | 49 => 0..=1,
        12 => 1..=2,
        13 => 1..=12,
        16 | 17 => 0..=11,
        32 | 33 => 0..=0,
        _ => return false,
    };
    subtypes.contains(&h.subtype)
}

/// Whether the record's body is one [`crate::Body::decode`] decodes (so its consistency can
/// be checked): a scan takes a record on its own only then.
fn decodable(h: &Header) -> bool {
    use crate::mrt::t13_table_dump_v2::TableDumpV2Subtype;
    match h.mrt_type {
        MrtType::TABLE_DUMP => matches!(h.subtype, 1 | 2),
        MrtType::TABLE_DUMP_V2 => {
            let st = TableDumpV2Subtype(h.subtype);
            st == TableDumpV2Subtype::PEER_INDEX_TABLE || st.rib().is_some()
        }
        MrtType::BGP4MP | MrtType::BGP4MP_ET => h.subtype < 12 && !matches!(h.subtype, 2 | 3),
        _ => false,
    }
}

/// BGP4MP message subtypes (1, 4, 6 to 11; RFC 6396 §4.4, RFC 8050 §3) as a bit set.
const MESSAGE_SUBTYPES: u16 = 0b1111_1101_0010;
/// BGP4MP state change subtypes (0, 5).
const STATE_SUBTYPES: u16 = 0b10_0001;
/// The message and state change subtypes with 4-byte AS numbers (4, 5, 7, 9, 11).
const AS4_SUBTYPES: u16 = 0b1010_1011_0000;

/// For a BGP4MP message or state change record `rec` (header included): where its contents end
/// by their own lengths (the BGP message's length field, RFC 4271 §4.1; a state change's fixed
/// fields, RFC 6396 §4.4.1), relative to the record, when that is before the record's end.
/// `None` for other records, for records their contents fill, and when the peering fields are
/// not readable. A few comparisons: it runs for every record framed.
#[inline(always)]
fn bgp4mp_end(h: &Header, rec: &[u8]) -> Option<usize> {
    let et = match h.mrt_type {
        MrtType::BGP4MP => 0,
        MrtType::BGP4MP_ET => 4,
        _ => return None,
    };
    let bit = 1u16.checked_shl(u32::from(h.subtype)).unwrap_or(0);
    if bit & (MESSAGE_SUBTYPES | STATE_SUBTYPES) == 0 {
        return None;
    }
    // Peer AS, local AS, interface index, AFI, peer IP, local IP (RFC 6396 §4.4.1).
    let as_len = if bit & AS4_SUBTYPES != 0 { 4 } else { 2 };
    let afi_at = MRT_HEADER_LEN + et + 2 * as_len + 2;
    let ip_len = match rec.get(afi_at..afi_at + 2)? {
        [0, 1] => 4,
        [0, 2] => 16,
        // A damaged AFI: a message's marker still tells where the message starts.
        _ if bit & STATE_SUBTYPES == 0 => return find_message_end(rec),
        _ => return None,
    };
    let peering_end = afi_at + 2 + 2 * ip_len;
    if bit & STATE_SUBTYPES != 0 {
        // Old state, new state.
        let end = peering_end + 4;
        return (end < rec.len()).then_some(end);
    }
    let len = rec.get(peering_end + 16..peering_end + 18)?;
    let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
    let end = peering_end + len;
    if end == rec.len() {
        // The common case: the message fills the record.
        return None;
    }
    if len >= 19 && rec[peering_end..peering_end + 16] == [0xff; 16] {
        return (end < rec.len()).then_some(end);
    }
    // The marker is not where the peering fields put it (garbage spliced into the record):
    // look for it.
    find_message_end(rec)
}

/// Where the BGP message in the damaged BGP4MP record `rec` ends, found by its marker (the
/// last 16 of the first run of at least 16 `0xff` bytes after the common header), when that is
/// before the record's end. Runs only for records already known to be damaged.
#[cold]
#[inline(never)]
fn find_message_end(rec: &[u8]) -> Option<usize> {
    let body = rec.get(MRT_HEADER_LEN..)?;
    let mut at = MRT_HEADER_LEN + body.windows(16).position(|w| w == [0xff; 16])?;
    while rec.get(at + 16) == Some(&0xff) {
        at += 1;
    }
    let len = rec.get(at + 16..at + 18)?;
    let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
    let end = at + len;
    (len >= 19 && end < rec.len()).then_some(end)
}

/// Where the framer's bytes come from: a window `buf[pos..]` of bytes not consumed yet, over
/// the whole input (in memory) or the current chunk (read from a reader).
struct Source {
    /// The input, or the current chunk of it.
    buf: Bytes,
    /// Bytes of `buf` consumed (framed or skipped).
    pos: usize,
    /// Absolute offset of `buf[0]`.
    base: usize,
    /// The reader the chunks come from (`None`: the input is all in `buf`).
    reader: Option<Box<dyn Read + Send>>,
    /// The reader has ended (or failed).
    eof: bool,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("buffered", &self.data().len())
            .field("offset", &self.offset())
            .field("reader", &self.reader.is_some())
            .field("eof", &self.eof)
            .finish()
    }
}

/// Bytes read from a reader at a time.
const CHUNK: usize = 256 * 1024;
/// Most bytes scanned for the next record before the skipped part is reported.
const SCAN_LIMIT: usize = 1 << 20;

impl Source {
    /// The bytes not consumed yet (as far as they have been read).
    #[inline]
    fn data(&self) -> &[u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    /// Absolute offset of `data()[0]`.
    #[inline]
    fn offset(&self) -> usize {
        self.base + self.pos
    }

    /// Whether `data()` holds the rest of the input: in memory, or the reader has ended.
    #[inline]
    fn at_end(&self) -> bool {
        self.reader.is_none() || self.eof
    }

    /// Tries to make `data()` at least `n` bytes long; shorter afterwards means the input
    /// ends first.
    fn ensure(&mut self, n: usize) -> io::Result<()> {
        while self.data().len() < n && !self.at_end() {
            self.refill(n)?;
        }
        Ok(())
    }

    /// Moves the bytes not consumed yet (part of one record) to the front of a chunk and fills
    /// the rest from the reader. The chunk is the current one when no record handed out holds
    /// it (records borrowed with [`Records::next_ref`]), so a stream framed that way reads
    /// into one allocation; otherwise a new one (the old one lives on in the records).
    /// `read_to_end` reads into the spare capacity, so readers that support it (files) are not
    /// made to zero the chunk first.
    #[cold]
    #[inline(never)]
    fn refill(&mut self, n: usize) -> io::Result<()> {
        let Some(reader) = self.reader.as_mut() else {
            return Ok(());
        };
        let mut rest = std::mem::take(&mut self.buf);
        bytes::Buf::advance(&mut rest, self.pos);
        self.base += self.pos;
        self.pos = 0;
        // The allocation back when unique, the bytes copied out otherwise.
        let mut next = Vec::from(rest);
        next.reserve((n - next.len()).max(CHUNK));
        let want = next.capacity() - next.len();
        let before = next.len();
        let read = reader.take(want as u64).read_to_end(&mut next);
        let got = next.len() - before;
        self.buf = Bytes::from(next);
        if let Err(e) = read {
            self.eof = true;
            return Err(e);
        }
        // `take` stops at `want`: fewer bytes means the reader ended.
        self.eof = got < want;
        Ok(())
    }

    /// The first `n` bytes (as far as there are), less their first `skip`: `(start, end)` in
    /// `buf`, consumed.
    #[inline]
    fn take(&mut self, n: usize, skip: usize) -> (usize, usize) {
        let n = n.min(self.buf.len() - self.pos);
        let start = self.pos + skip.min(n);
        let end = self.pos + n;
        self.pos = end;
        (start, end)
    }

    /// Splits the first `n` bytes off, without copying, and returns them as a view that leaves
    /// out their first `skip` bytes (a record's header), with the absolute offset of the first
    /// byte split off. One reference-count update per call.
    fn consume_skip(&mut self, n: usize, skip: usize) -> (usize, View) {
        let offset = self.offset();
        let (start, end) = self.take(n, skip);
        let view = View::with_offset(self.buf.slice(start..end), self.base + start);
        (offset, view)
    }

    /// [`Source::consume_skip`], borrowed: no reference count taken.
    #[inline]
    fn consume_ref(&mut self, n: usize, skip: usize) -> (usize, Cursor<'_>) {
        let offset = self.offset();
        let (start, end) = self.take(n, skip);
        let body = self.buf.get(start..end).unwrap_or_default();
        (offset, Cursor::with_base(body, self.base + start))
    }

    /// Drops the first `n` bytes.
    fn consume(&mut self, n: usize) {
        self.take(n, 0);
    }
}

/// Iterator over the records of an MRT input; see the module documentation.
///
/// Yields `Ok(record)` for every record that frames and `Err` once per damaged region; it
/// always moves forward and ends at the end of the input. [`Records::new`] frames an input
/// already in memory, [`Records::from_reader`] streams one from any reader with memory bounded
/// by about twice the largest record. [`Records::next_ref`] yields the same records borrowed
/// from the framer's window ([`RecordRef`]), for callers that decode each record before asking
/// for the next: no reference count per record, and one read chunk reused.
#[derive(Debug)]
pub struct Records {
    src: Source,
    last_time: Option<u32>,
    /// The header of a record framed after [`FrameError::Length`] (its length cut), standing at
    /// the start of the window: yielded next.
    pending: Option<Header>,
    /// The input is exhausted (or unreadable).
    done: bool,
    /// `done` or a record `pending`: the one flag the common path of `next` tests.
    stop: bool,
}

impl Records {
    /// Frames records from `input`; offsets are `input.offset()`-based.
    pub fn new(input: View) -> Self {
        let base = input.offset();
        Self {
            src: Source {
                buf: input.into_bytes(),
                pos: 0,
                base,
                reader: None,
                eof: true,
            },
            last_time: None,
            pending: None,
            done: false,
            stop: false,
        }
    }

    /// Frames records from `reader` as they are needed; offsets count from its first byte.
    pub fn from_reader(reader: impl Read + Send + 'static) -> Self {
        Self {
            src: Source {
                buf: Bytes::new(),
                pos: 0,
                base: 0,
                reader: Some(Box::new(reader)),
                eof: false,
            },
            last_time: None,
            pending: None,
            done: false,
            stop: false,
        }
    }

    /// Absolute offset of the next record (the bytes framed or skipped so far).
    pub fn position(&self) -> usize {
        let pending = self.pending.map_or(0, |h| MRT_HEADER_LEN + h.length);
        self.src.offset() + pending
    }

    /// Loose plausibility: the header could start a record (any type, sane length that fits
    /// the input). Reads ahead as far as the record goes.
    fn loose(&mut self, h: &Header, pos: usize) -> Result<bool, FrameError> {
        if h.length > MAX_RECORD_LEN {
            return Ok(false);
        }
        self.ensure(pos + MRT_HEADER_LEN + h.length)?;
        Ok(self.plausible(h, pos, self.src.data().len()))
    }

    /// [`Records::loose`] on the bytes already read (`avail` of them).
    fn plausible(&self, h: &Header, pos: usize, avail: usize) -> bool {
        let fits = h.length <= MAX_RECORD_LEN && pos + MRT_HEADER_LEN + h.length <= avail;
        let et_ok = !h.mrt_type.has_microseconds() || h.length >= 4;
        fits && et_ok && h.mrt_type.0 != 0 && h.mrt_type.0 < 256
    }

    /// The common case of [`Records::next_record`], decided on the bytes already read: the
    /// header at the start and the one after its record are plausible (the test of
    /// `chain_ok(0, false)`). `None` sends the caller to the general path, which reads ahead.
    fn next_buffered(&self) -> Option<Header> {
        let at_end = self.src.at_end();
        let data = self.src.data();
        let h = header_at(data, 0)?;
        if !self.plausible(&h, 0, data.len()) {
            return None;
        }
        let next = MRT_HEADER_LEN + h.length;
        let ok = (at_end && next == data.len())
            || header_at(data, next)
                .is_some_and(|n| self.plausible(&n, next, data.len()) && close_in_time(&h, &n));
        ok.then_some(h)
    }

    fn ensure(&mut self, n: usize) -> Result<(), FrameError> {
        let offset = self.src.offset();
        self.src.ensure(n).map_err(|e| FrameError::Io {
            offset: offset + self.src.data().len(),
            kind: e.kind(),
        })
    }

    /// Whether the record at `pos` is plausible and is followed by the end of input or by
    /// another loosely plausible header. `strict` also requires a known type and subtype.
    fn chain_ok(&mut self, pos: usize, strict: bool) -> Result<bool, FrameError> {
        self.ensure(pos + MRT_HEADER_LEN)?;
        let Some(h) = header_at(self.src.data(), pos) else {
            return Ok(false);
        };
        if (strict && !known_subtype(&h)) || !self.loose(&h, pos)? {
            return Ok(false);
        }
        let next = pos + MRT_HEADER_LEN + h.length;
        self.ensure(next + MRT_HEADER_LEN)?;
        if next == self.src.data().len() {
            return Ok(true);
        }
        match header_at(self.src.data(), next) {
            Some(n) => Ok(close_in_time(&h, &n) && self.loose(&n, next)?),
            None => Ok(false),
        }
    }

    /// Whether the record at `pos` stands on its own: a decodable type and subtype, a
    /// timestamp within [`TIME_WINDOW`] of the last record framed, a length that fits the
    /// input, and a body whose own length fields agree with it. What lets an untouched record
    /// between two damaged regions be framed: nothing plausible follows it.
    fn stands_alone(&mut self, pos: usize) -> Result<bool, FrameError> {
        self.ensure(pos + MRT_HEADER_LEN)?;
        let Some(h) = header_at(self.src.data(), pos) else {
            return Ok(false);
        };
        let time_ok = self
            .last_time
            .is_none_or(|t| h.timestamp.abs_diff(t) <= TIME_WINDOW);
        if !decodable(&h) || !time_ok || !self.loose(&h, pos)? {
            return Ok(false);
        }
        let start = pos + MRT_HEADER_LEN;
        Ok(body_consistent(
            h,
            &self.src.data()[start..start + h.length],
        ))
    }

    /// Frames the record with header `h` at the start: as it is, or, when its length field
    /// swallowed the records after its BGP message or state change, as far as those go, after
    /// reporting that.
    #[inline]
    fn emit(&mut self, h: Header) -> Result<Option<Header>, FrameError> {
        match self.swallowing(&h) {
            None => Ok(Some(h)),
            Some(end) => Err(self.cut(h, end)),
        }
    }

    /// For the record with header `h` at the start: where its contents end, when a plausible
    /// record starts there and ends inside this record's claimed extent (its length field grew
    /// over that record). A few comparisons for a BGP4MP record, one for others.
    #[inline(always)]
    fn swallowing(&self, h: &Header) -> Option<usize> {
        let total = MRT_HEADER_LEN + h.length;
        let rec = self.src.data().get(..total)?;
        let end = bgp4mp_end(h, rec)?;
        let n = header_at(rec, end)?;
        // `plausible` with `total` bytes: it ends inside this record's claimed extent.
        (known_type(n.mrt_type) && self.plausible(&n, end, total) && close_in_time(h, &n))
            .then_some(end)
    }

    /// Keeps the record at the start, framed as `end` bytes, for the next call; returns the
    /// error that reports the cut.
    #[cold]
    #[inline(never)]
    fn cut(&mut self, mut h: Header, end: usize) -> FrameError {
        let declared = h.length;
        h.length = end - MRT_HEADER_LEN;
        self.pending = Some(h);
        FrameError::Length {
            offset: self.src.offset(),
            declared,
            framed: h.length,
        }
    }

    /// The microseconds of the record with header `h` at the start (ET types), and where its
    /// body starts.
    #[inline]
    fn microseconds(&self, h: &Header) -> (Option<u32>, usize) {
        if h.mrt_type.has_microseconds() {
            let d = self.src.data();
            let m = d.get(MRT_HEADER_LEN..MRT_HEADER_LEN + 4).unwrap_or(&[0; 4]);
            (
                Some(u32::from_be_bytes([m[0], m[1], m[2], m[3]])),
                MRT_HEADER_LEN + 4,
            )
        } else {
            (None, MRT_HEADER_LEN)
        }
    }

    /// Consumes the record with header `h` at the start, as an owned record.
    fn make(&mut self, h: Header) -> MrtRecord {
        let (microseconds, start) = self.microseconds(&h);
        let (offset, body) = self.src.consume_skip(MRT_HEADER_LEN + h.length, start);
        self.last_time = Some(h.timestamp);
        MrtRecord {
            timestamp: h.timestamp,
            microseconds,
            mrt_type: h.mrt_type,
            subtype: h.subtype,
            offset,
            body,
        }
    }

    /// Consumes the record with header `h` at the start, borrowed from the window.
    #[inline]
    fn make_ref(&mut self, h: Header) -> RecordRef<'_> {
        let (microseconds, start) = self.microseconds(&h);
        self.last_time = Some(h.timestamp);
        let (offset, body) = self.src.consume_ref(MRT_HEADER_LEN + h.length, start);
        RecordRef {
            timestamp: h.timestamp,
            microseconds,
            mrt_type: h.mrt_type,
            subtype: h.subtype,
            offset,
            body,
        }
    }

    /// The next record as [`Iterator::next`] yields it, borrowed from the framer's window
    /// instead of split off as an owned [`MrtRecord`]: no reference count is taken or dropped
    /// per record, and a stream read from a reader reuses one chunk. The same records and
    /// errors, in the same order, as the iterator.
    #[inline]
    pub fn next_ref(&mut self) -> Option<Result<RecordRef<'_>, FrameError>> {
        Some(match self.next_frame()? {
            Ok(h) => Ok(self.make_ref(h)),
            Err(e) => Err(e),
        })
    }

    /// The header of the next record, standing at the start of the window (to be consumed by
    /// the caller), or the damage found before it; `None` at the end.
    #[inline]
    fn next_frame(&mut self) -> Option<Result<Header, FrameError>> {
        if self.stop {
            // A record framed with the error just yielded, or the end.
            self.stop = self.done;
            return self.pending.take().map(Ok);
        }
        match self.next_record() {
            Ok(Some(h)) => Some(Ok(h)),
            Ok(None) => {
                self.done = true;
                self.stop = true;
                None
            }
            Err(e) => {
                if matches!(e, FrameError::Io { .. }) {
                    self.done = true;
                }
                self.stop = self.done || self.pending.is_some();
                Some(Err(e))
            }
        }
    }

    fn next_record(&mut self) -> Result<Option<Header>, FrameError> {
        if let Some(h) = self.next_buffered() {
            // Only BGP4MP (16) and BGP4MP_ET (17) records get the closer look.
            if h.mrt_type.0 & !1 == 16 {
                if let Some(end) = self.swallowing(&h) {
                    return Err(self.cut(h, end));
                }
            }
            return Ok(Some(h));
        }
        self.ensure(MRT_HEADER_LEN)?;
        let base = self.src.offset();
        let avail = self.src.data().len();
        if avail == 0 {
            return Ok(None);
        }
        let Some(h) = header_at(self.src.data(), 0) else {
            self.src.consume(avail);
            return Err(FrameError::Truncated {
                offset: base,
                needed: MRT_HEADER_LEN,
                available: avail,
            });
        };
        if self.chain_ok(0, false)? || self.stands_alone(0)? {
            return self.emit(h);
        }
        // The header or the one after it is implausible: find the next position where two
        // plausible headers follow each other, or a record that stands on its own.
        let total = MRT_HEADER_LEN.saturating_add(h.length);
        let mut scan = 1;
        loop {
            self.ensure(scan + MRT_HEADER_LEN)?;
            if scan + MRT_HEADER_LEN > self.src.data().len() {
                // Nothing more to find: the rest of the input is damaged.
                scan = self.src.data().len();
                break;
            }
            if scan >= SCAN_LIMIT || self.chain_ok(scan, true)? || self.stands_alone(scan)? {
                // Past SCAN_LIMIT the skipped part is reported and scanning goes on from
                // there with the next call, so memory stays bounded.
                break;
            }
            scan += 1;
        }
        // This record stands if its header is plausible, it ends before the next good record
        // and its body is internally consistent: the damage is after it.
        if known_type(h.mrt_type)
            && total <= scan
            && self.loose(&h, 0)?
            && body_consistent(h, &self.src.data()[MRT_HEADER_LEN..total])
        {
            return self.emit(h);
        }
        let data_len = self.src.data().len();
        let why = if h.length > MAX_RECORD_LEN {
            "length too large"
        } else if total > data_len {
            "length past end of input"
        } else if !known_type(h.mrt_type) {
            "unknown type"
        } else {
            "record does not fit its length"
        };
        let time_ok = self
            .last_time
            .is_none_or(|t| h.timestamp.abs_diff(t) <= TIME_WINDOW);
        self.src.consume(scan);
        if scan == data_len && total > data_len && time_ok && known_type(h.mrt_type) {
            return Err(FrameError::Truncated {
                offset: base,
                needed: total,
                available: data_len,
            });
        }
        Err(FrameError::Skipped {
            offset: base,
            skipped: scan,
            why,
        })
    }
}

impl Iterator for Records {
    type Item = Result<MrtRecord, FrameError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.next_frame()? {
            Ok(h) => Ok(self.make(h)),
            Err(e) => Err(e),
        })
    }
}

impl std::iter::FusedIterator for Records {}

/// Whether a record body's own length fields agree with its length (for the types decoded
/// here; others are taken as they are). `body` follows the common header (an ET record's
/// microseconds included).
fn body_consistent(h: Header, body: &[u8]) -> bool {
    let body = if h.mrt_type.has_microseconds() {
        body.get(4..).unwrap_or_default()
    } else {
        body
    };
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

#[cfg(test)]
mod tests;
