//! AS_PATH (type 2; RFC 4271 §5.1.2, 4-byte form RFC 6793; confederation segments RFC 5065
//! §3). RFC 7606 §7.2: an unknown segment type, a zero-length segment, or a segment that
//! overruns the value is treat-as-withdraw.

use std::fmt;

use crate::{AttrType, Error, RawAttribute};

/// An AS_PATH segment type (RFC 4271 §4.3, RFC 5065 §3). An open newtype.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SegmentType(pub u8);

impl SegmentType {
    /// AS_SET: an unordered set of ASes.
    pub const SET: SegmentType = SegmentType(1);
    /// AS_SEQUENCE: an ordered list of ASes.
    pub const SEQUENCE: SegmentType = SegmentType(2);
    /// AS_CONFED_SEQUENCE: an ordered list of member ASes of the local confederation.
    pub const CONFED_SEQUENCE: SegmentType = SegmentType(3);
    /// AS_CONFED_SET: an unordered set of member ASes of the local confederation.
    pub const CONFED_SET: SegmentType = SegmentType(4);

    /// The RFC name, or `None` for unknown types.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::SET => "AS_SET",
            Self::SEQUENCE => "AS_SEQUENCE",
            Self::CONFED_SEQUENCE => "AS_CONFED_SEQUENCE",
            Self::CONFED_SET => "AS_CONFED_SET",
            _ => return None,
        })
    }

    /// Whether this is a confederation segment.
    pub fn is_confed(self) -> bool {
        self == Self::CONFED_SEQUENCE || self == Self::CONFED_SET
    }

    /// How many ASes a segment of this type and `len` members counts for in path length
    /// (RFC 4271 §9.1.2.2 a, RFC 5065 §5.3): a sequence counts its members, a set one,
    /// confederation segments nothing.
    pub fn path_len(self, len: usize) -> usize {
        match self {
            Self::SEQUENCE => len,
            Self::SET => usize::from(len > 0),
            _ => 0,
        }
    }

    /// The opening and closing delimiters and the separator bgpdump prints for a segment.
    fn delimiters(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::SET => ("{", "}", ","),
            Self::CONFED_SEQUENCE => ("(", ")", " "),
            Self::CONFED_SET => ("[", "]", ","),
            _ => ("", "", " "),
        }
    }
}

impl fmt::Debug for SegmentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "SegmentType({})", self.0),
        }
    }
}

impl serde::Serialize for SegmentType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.name() {
            Some(n) => s.serialize_str(n),
            None => s.serialize_u8(self.0),
        }
    }
}

/// One AS_PATH segment: its type and its members, borrowed from the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Segment<'a> {
    kind: SegmentType,
    asns: &'a [u8],
    four_byte: bool,
}

impl<'a> Segment<'a> {
    /// A segment of `kind` whose members are the 2- or 4-byte big-endian numbers in `asns`
    /// (whose length must be a multiple of the width; a trailing partial number is ignored).
    pub fn new(kind: SegmentType, asns: &'a [u8], four_byte: bool) -> Self {
        Self {
            kind,
            asns,
            four_byte,
        }
    }

    /// The segment type.
    pub fn kind(&self) -> SegmentType {
        self.kind
    }

    /// Number of members.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.asns.len() / self.width()
    }

    fn width(&self) -> usize {
        if self.four_byte {
            4
        } else {
            2
        }
    }

    /// The members, in wire order.
    pub fn asns(&self) -> impl ExactSizeIterator<Item = u32> + Clone + 'a {
        let four = self.four_byte;
        self.asns.chunks_exact(self.width()).map(move |c| {
            if four {
                u32::from_be_bytes([c[0], c[1], c[2], c[3]])
            } else {
                u32::from(u16::from_be_bytes([c[0], c[1]]))
            }
        })
    }

    /// The first `n` members as a segment of the same type.
    pub fn truncated(&self, n: usize) -> Segment<'a> {
        let end = n.saturating_mul(self.width()).min(self.asns.len());
        Segment {
            asns: &self.asns[..end],
            ..*self
        }
    }
}

impl fmt::Display for Segment<'_> {
    /// bgpdump's form: `7018 3549` for a sequence, `{1,2}` for a set, `(1 2)` for a confed
    /// sequence, `[1,2]` for a confed set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (open, close, sep) = self.kind.delimiters();
        f.write_str(open)?;
        for (i, asn) in self.asns().enumerate() {
            if i > 0 {
                f.write_str(sep)?;
            }
            write!(f, "{asn}")?;
        }
        f.write_str(close)
    }
}

impl fmt::Debug for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}{self}", self.kind)
    }
}

impl serde::Serialize for Segment<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Asns<'b>(Segment<'b>);
        impl serde::Serialize for Asns<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.asns())
            }
        }
        let mut st = s.serialize_struct("Segment", 2)?;
        st.serialize_field("type", &self.kind)?;
        st.serialize_field("asns", &Asns(*self))?;
        st.end()
    }
}

/// An AS_PATH (or AS4_PATH) value, borrowed from the wire, validated once when built.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AsPath<'a> {
    wire: &'a [u8],
    four_byte: bool,
}

impl<'a> AsPath<'a> {
    /// The empty path (as sent by iBGP speakers for local routes).
    pub const EMPTY: AsPath<'static> = AsPath {
        wire: &[],
        four_byte: true,
    };

    /// Validates and wraps the value of an AS_PATH (`four_byte` per the session) or AS4_PATH
    /// (always 4-byte) attribute.
    pub fn from_raw(raw: &RawAttribute<'a>, four_byte: bool) -> Result<Self, Error> {
        Self::parse(raw.code, raw.value, raw.value_offset(), four_byte)
    }

    /// Validates and wraps AS_PATH wire bytes whose first byte sits at absolute `offset`;
    /// `code` names the attribute in errors.
    pub fn parse(
        code: AttrType,
        wire: &'a [u8],
        offset: usize,
        four_byte: bool,
    ) -> Result<Self, Error> {
        let width = if four_byte { 4 } else { 2 };
        let mut pos = 0;
        while pos < wire.len() {
            let at = offset + pos;
            let (kind, len) = match wire[pos..] {
                [k, l, ..] => (k, usize::from(l)),
                _ => {
                    return Err(Error::Overrun {
                        code,
                        what: "segment header",
                        offset: at,
                    })
                }
            };
            if !(1..=4).contains(&kind) {
                return Err(Error::Value {
                    code,
                    what: "segment type",
                    value: kind.into(),
                    offset: at,
                });
            }
            if len == 0 {
                return Err(Error::Value {
                    code,
                    what: "segment length",
                    value: 0,
                    offset: at + 1,
                });
            }
            pos += 2 + len * width;
            if pos > wire.len() {
                return Err(Error::Overrun {
                    code,
                    what: "segment",
                    offset: at,
                });
            }
        }
        Ok(Self { wire, four_byte })
    }

    /// The wire bytes of the value.
    pub fn wire(&self) -> &'a [u8] {
        self.wire
    }

    /// Whether AS numbers are 4 bytes wide.
    pub fn four_byte(&self) -> bool {
        self.four_byte
    }

    /// Whether the path has no segments.
    pub fn is_empty(&self) -> bool {
        self.wire.is_empty()
    }

    /// The segments in wire order.
    pub fn segments(&self) -> Segments<'a> {
        Segments {
            wire: self.wire,
            four_byte: self.four_byte,
        }
    }

    /// Path length for route selection (RFC 4271 §9.1.2.2 a, RFC 5065 §5.3).
    pub fn path_len(&self) -> usize {
        self.segments().map(|s| s.kind.path_len(s.len())).sum()
    }

    /// The origin AS: the last member of the path if the last segment is a sequence.
    pub fn origin_as(&self) -> Option<u32> {
        let last = self.segments().last()?;
        (last.kind == SegmentType::SEQUENCE)
            .then(|| last.asns().last())
            .flatten()
    }

    /// The neighbour AS: the first member if the first segment is a sequence.
    pub fn first_as(&self) -> Option<u32> {
        let first = self.segments().next()?;
        (first.kind == SegmentType::SEQUENCE)
            .then(|| first.asns().next())
            .flatten()
    }

    /// Appends the path in 4-byte wire form to `out` (the canonical form used for interning).
    pub fn write_wire4(&self, out: &mut Vec<u8>) {
        write_segments_wire4(self.segments(), out);
    }
}

/// Writes segments in 4-byte wire form.
pub(crate) fn write_segments_wire4<'s>(segs: impl Iterator<Item = Segment<'s>>, out: &mut Vec<u8>) {
    for seg in segs {
        // A segment over 255 members is split, as a speaker would.
        let mut asns = seg.asns().peekable();
        while asns.peek().is_some() {
            let chunk: u8 = asns.len().min(255) as u8;
            out.push(seg.kind.0);
            out.push(chunk);
            for _ in 0..chunk {
                if let Some(a) = asns.next() {
                    out.extend_from_slice(&a.to_be_bytes());
                }
            }
        }
    }
}

impl fmt::Display for AsPath<'_> {
    /// bgpdump's form: segments separated by spaces, e.g. `1853 1239 13659 {13659,701}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_segments(self.segments(), f)
    }
}

pub(crate) fn fmt_segments<'s>(
    segs: impl Iterator<Item = Segment<'s>>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    for (i, seg) in segs.enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        write!(f, "{seg}")?;
    }
    Ok(())
}

impl fmt::Debug for AsPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AsPath({self})")
    }
}

impl serde::Serialize for AsPath<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.segments())
    }
}

/// Iterator over the segments of a validated path.
#[derive(Clone, Debug)]
pub struct Segments<'a> {
    wire: &'a [u8],
    four_byte: bool,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        let width = if self.four_byte { 4 } else { 2 };
        let (&kind, rest) = self.wire.split_first()?;
        let (&len, rest) = rest.split_first()?;
        let n = (usize::from(len) * width).min(rest.len());
        let (asns, rest) = rest.split_at(n);
        self.wire = rest;
        Some(Segment {
            kind: SegmentType(kind),
            asns,
            four_byte: self.four_byte,
        })
    }
}
