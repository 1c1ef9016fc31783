//! [`Label`] and [`Labels`]: MPLS label stack entries as carried in NLRI (RFC 8277 §2, RFC 3032).

use std::fmt;

/// One 3-octet label field of an NLRI (RFC 8277 §2.1): a 20-bit label, 3 traffic class bits and
/// the bottom-of-stack bit, kept as the raw 24-bit value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Label(pub u32);

impl Label {
    /// The compatibility value a withdrawal carries in place of a label (RFC 8277 §2.4,
    /// RFC 3107 §3): label 524288, bottom-of-stack bit clear.
    pub const WITHDRAW_COMPAT: Label = Label(0x80_0000);
    /// The all-zero label field some implementations put in withdrawals instead (RFC 8277 §2.4).
    pub const WITHDRAW_ZERO: Label = Label(0);

    /// A label field from its 3 wire octets.
    pub const fn from_wire(b: [u8; 3]) -> Self {
        Self(u32::from_be_bytes([0, b[0], b[1], b[2]]))
    }

    /// A label field holding `value` (20 bits; higher bits are dropped), traffic class 0.
    pub const fn new(value: u32, bottom_of_stack: bool) -> Self {
        Self(((value & 0xf_ffff) << 4) | bottom_of_stack as u32)
    }

    /// The 20-bit label value.
    pub const fn value(self) -> u32 {
        self.0 >> 4
    }

    /// The traffic class bits (RFC 5462).
    pub const fn traffic_class(self) -> u8 {
        ((self.0 >> 1) & 0x7) as u8
    }

    /// Whether the bottom-of-stack bit is set.
    pub const fn bottom_of_stack(self) -> bool {
        self.0 & 1 == 1
    }

    /// Whether this is one of the values a withdrawal puts in place of a label
    /// ([`Label::WITHDRAW_COMPAT`] or [`Label::WITHDRAW_ZERO`]).
    pub const fn is_withdraw_compat(self) -> bool {
        self.0 == Self::WITHDRAW_COMPAT.0 || self.0 == Self::WITHDRAW_ZERO.0
    }

    /// The 3 wire octets.
    pub const fn to_wire(self) -> [u8; 3] {
        let b = self.0.to_be_bytes();
        [b[1], b[2], b[3]]
    }
}

impl fmt::Display for Label {
    /// Prints the 20-bit label value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Label({}", self.value())?;
        if self.traffic_class() != 0 {
            write!(f, " tc {}", self.traffic_class())?;
        }
        if self.bottom_of_stack() {
            f.write_str(" bos")?;
        }
        f.write_str(")")
    }
}

impl serde::Serialize for Label {
    /// Serialises as the 20-bit label value.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.value())
    }
}

/// A label stack borrowed from an NLRI: one or more 3-octet label fields (RFC 8277 §2).
///
/// Prints as the label values separated by commas (`16000` or `16000,16001`) and serialises as
/// an array of label values. The bottom-of-stack bits are available per [`Label`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Labels<'a> {
    wire: &'a [u8],
}

impl<'a> Labels<'a> {
    /// A stack over `wire`, whose length must be a multiple of 3 (`None` otherwise).
    pub fn new(wire: &'a [u8]) -> Option<Self> {
        (wire.len() % 3 == 0).then_some(Self { wire })
    }

    /// The wire octets of the stack.
    pub fn wire(&self) -> &'a [u8] {
        self.wire
    }

    /// The number of label fields.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.wire.len() / 3
    }

    /// The label fields, top of stack first.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Label> + 'a {
        self.wire
            .chunks_exact(3)
            .map(|c| Label::from_wire([c[0], c[1], c[2]]))
    }

    /// The first (top) label field.
    pub fn first(&self) -> Option<Label> {
        self.iter().next()
    }

    /// Whether the stack is the single compatibility value of a withdrawal (RFC 8277 §2.4).
    pub fn is_withdraw_compat(&self) -> bool {
        self.len() == 1 && self.first().is_some_and(Label::is_withdraw_compat)
    }
}

impl fmt::Display for Labels<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, l) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{l}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Labels<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for Labels<'_> {
    /// Serialises as an array of label values.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests;
