//! TLV lists inside attribute values (AIGP, BGP Prefix-SID).

use crate::attr::list::Hex;
use crate::{AttrType, Error};

/// One TLV: type, value bytes and the absolute offset of its type octet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tlv<'a> {
    /// The TLV type.
    pub typ: u8,
    /// The value bytes.
    pub value: &'a [u8],
    /// Absolute offset of the type octet.
    pub offset: usize,
}

impl serde::Serialize for Tlv<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Tlv", 2)?;
        st.serialize_field("type", &self.typ)?;
        st.serialize_field("value", &Hex(self.value))?;
        st.end()
    }
}

/// Iterator over `type(1) length(2) value` TLVs. `length_includes_header` is true for AIGP
/// (RFC 7311 §3), false for Prefix-SID (RFC 8669 §3).
#[derive(Clone, Debug)]
pub struct Tlvs<'a> {
    pub(crate) code: AttrType,
    pub(crate) data: &'a [u8],
    pub(crate) offset: usize,
    pub(crate) length_includes_header: bool,
}

impl<'a> Tlvs<'a> {
    fn split(&mut self) -> Result<Tlv<'a>, Error> {
        let overrun = Error::Overrun {
            code: self.code,
            what: "TLV",
            offset: self.offset,
        };
        let [typ, a, b, ..] = *self.data else {
            return Err(overrun);
        };
        let len = usize::from(u16::from_be_bytes([a, b]));
        let (start, end) = if self.length_includes_header {
            if len < 3 {
                return Err(overrun);
            }
            (3, len)
        } else {
            (3, 3 + len)
        };
        if end > self.data.len() {
            return Err(overrun);
        }
        let tlv = Tlv {
            typ,
            value: &self.data[start..end],
            offset: self.offset,
        };
        self.data = &self.data[end..];
        self.offset += end;
        Ok(tlv)
    }

    /// Checks that every TLV is framed correctly.
    pub fn validate(&self) -> Result<(), Error> {
        self.clone().try_for_each(|t| t.map(|_| ()))
    }
}

impl<'a> Iterator for Tlvs<'a> {
    type Item = Result<Tlv<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.data.is_empty() {
            return None;
        }
        let item = self.split();
        if item.is_err() {
            self.data = &[];
        }
        Some(item)
    }
}
