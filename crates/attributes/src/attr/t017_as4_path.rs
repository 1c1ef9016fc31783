//! AS4_PATH (type 17; RFC 6793 §3): the 4-byte AS path a 2-byte speaker passes on beside an
//! AS_PATH holding AS_TRANS, and [`MergedAsPath`], the two reconciled per RFC 6793 §4.2.3.
//! RFC 6793 §6: a malformed AS4_PATH is attribute-discard.

use std::fmt;

use crate::attr::t002_as_path::{fmt_segments, write_segments_wire4};
use crate::{AsPath, Error, RawAttribute, Segment, SegmentType};

/// AS_TRANS, the 2-byte stand-in for a 4-byte AS (RFC 6793 §2).
pub const AS_TRANS: u32 = 23456;

/// Decodes an AS4_PATH value (always 4-byte AS numbers).
pub fn from_raw<'a>(raw: &RawAttribute<'a>) -> Result<AsPath<'a>, Error> {
    AsPath::from_raw(raw, true)
}

/// The AS path of a route after reconciling AS_PATH with AS4_PATH (RFC 6793 §4.2.3): the
/// leading members of AS_PATH that AS4_PATH does not cover, then AS4_PATH. Borrowed and lazy:
/// building and printing it allocates nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergedAsPath<'a> {
    head: AsPath<'a>,
    keep: usize,
    tail: Option<AsPath<'a>>,
}

impl<'a> MergedAsPath<'a> {
    /// A path that is just `path` (4-byte sessions, or no usable AS4_PATH).
    pub fn plain(path: AsPath<'a>) -> Self {
        Self {
            head: path,
            keep: usize::MAX,
            tail: None,
        }
    }

    /// Reconciles `as_path` with `as4_path` per RFC 6793 §4.2.3. `aggregator_as` is the AS of
    /// the 2-byte AGGREGATOR, if any: when it is not AS_TRANS, AS4_PATH is ignored. An AS4_PATH
    /// with confederation segments is ignored (RFC 6793 §6), as is one longer than AS_PATH.
    pub fn reconcile(
        as_path: AsPath<'a>,
        as4_path: Option<AsPath<'a>>,
        aggregator_as: Option<u32>,
    ) -> Self {
        let Some(as4) = as4_path else {
            return Self::plain(as_path);
        };
        if aggregator_as.is_some_and(|a| a != AS_TRANS)
            || as4.segments().any(|s| s.kind().is_confed())
        {
            return Self::plain(as_path);
        }
        let (n2, n4) = (as_path.path_len(), as4.path_len());
        if n2 < n4 {
            return Self::plain(as_path);
        }
        Self {
            head: as_path,
            keep: n2 - n4,
            tail: Some(as4),
        }
    }

    /// Whether AS4_PATH was used.
    pub fn merged(&self) -> bool {
        self.tail.is_some()
    }

    /// The segments of the merged path. Segments are not coalesced: a sequence cut from
    /// AS_PATH is followed by AS4_PATH's first segment as received.
    pub fn segments(&self) -> MergedSegments<'a> {
        MergedSegments {
            head: self.head.segments(),
            left: self.keep,
            tail: self.tail.map(|t| t.segments()),
        }
    }

    /// Path length for route selection.
    pub fn path_len(&self) -> usize {
        self.segments().map(|s| s.kind().path_len(s.len())).sum()
    }

    /// The origin AS (last member of a trailing sequence).
    pub fn origin_as(&self) -> Option<u32> {
        let last = self.segments().last()?;
        (last.kind() == SegmentType::SEQUENCE)
            .then(|| last.asns().last())
            .flatten()
    }

    /// Appends the merged path in 4-byte wire form to `out`.
    pub fn write_wire4(&self, out: &mut Vec<u8>) {
        write_segments_wire4(self.segments(), out);
    }
}

impl fmt::Display for MergedAsPath<'_> {
    /// bgpdump's form, as for [`AsPath`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_segments(self.segments(), f)
    }
}

impl serde::Serialize for MergedAsPath<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.segments())
    }
}

/// Iterator over the segments of a [`MergedAsPath`].
#[derive(Clone, Debug)]
pub struct MergedSegments<'a> {
    head: crate::attr::t002_as_path::Segments<'a>,
    left: usize,
    tail: Option<crate::attr::t002_as_path::Segments<'a>>,
}

impl<'a> Iterator for MergedSegments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        if self.left > 0 {
            if let Some(seg) = self.head.next() {
                let seg = match seg.kind() {
                    SegmentType::SEQUENCE => {
                        let s = seg.truncated(self.left);
                        self.left -= s.len();
                        s
                    }
                    SegmentType::SET => {
                        self.left -= 1;
                        seg
                    }
                    _ => seg,
                };
                return Some(seg);
            }
            self.left = 0;
        }
        self.tail.as_mut()?.next()
    }
}
