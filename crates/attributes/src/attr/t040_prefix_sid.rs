//! BGP Prefix-SID (type 40; RFC 8669, SRv6 services RFC 9252). TLVs are kept raw; the
//! Label-Index TLV (type 1) is decoded. RFC 8669 §6: a malformed attribute (TLV overrun, a
//! Label-Index TLV whose length is not 7, an Originator SRGB TLV whose length is not 2 plus a
//! non-zero multiple of 6) is attribute-discard.

use std::fmt;

use crate::attr::list::Hex;
use crate::attr::tlv::{Tlv, Tlvs};
use crate::{AttrType, Error, RawAttribute};

/// The BGP Prefix-SID attribute: a list of TLVs.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrefixSid<'a> {
    value: &'a [u8],
    offset: usize,
}

impl<'a> PrefixSid<'a> {
    /// Validates and wraps the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        let p = Self {
            value: raw.value,
            offset: raw.value_offset(),
        };
        for tlv in p.tlvs() {
            let tlv = tlv?;
            let n = tlv.value.len();
            let bad = match tlv.typ {
                // Label-Index (RFC 8669 §3.1): reserved, flags, label index.
                1 => n != 7,
                // Originator SRGB (RFC 8669 §3.2): flags, then 6-byte SRGB ranges.
                3 => n < 8 || (n - 2) % 6 != 0,
                _ => false,
            };
            if bad {
                return Err(Error::Length {
                    code: AttrType::PREFIX_SID,
                    length: tlv.value.len(),
                    offset: tlv.offset,
                });
            }
        }
        Ok(p)
    }

    /// The TLVs.
    pub fn tlvs(&self) -> Tlvs<'a> {
        Tlvs {
            code: AttrType::PREFIX_SID,
            data: self.value,
            offset: self.offset,
            length_includes_header: false,
        }
    }

    /// The label index of the Label-Index TLV (RFC 8669 §3.1).
    pub fn label_index(&self) -> Option<u32> {
        self.tlvs()
            .filter_map(Result::ok)
            .find(|t| t.typ == 1)
            .and_then(|t| t.value.get(3..7))
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl fmt::Display for PrefixSid<'_> {
    /// `label-index N` if present, then each TLV as `tlvT:HEX`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        if let Some(i) = self.label_index() {
            write!(f, "label-index {i}")?;
            first = false;
        }
        for t in self.tlvs().filter_map(Result::ok).filter(|t| t.typ != 1) {
            if !first {
                f.write_str(" ")?;
            }
            write!(f, "tlv{}:{}", t.typ, Hex(t.value))?;
            first = false;
        }
        Ok(())
    }
}

impl fmt::Debug for PrefixSid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrefixSid({self})")
    }
}

impl serde::Serialize for PrefixSid<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let tlvs: Vec<Tlv<'_>> = self.tlvs().filter_map(Result::ok).collect();
        let mut st = s.serialize_struct("PrefixSid", 2)?;
        st.serialize_field("label_index", &self.label_index())?;
        st.serialize_field("tlvs", &tlvs)?;
        st.end()
    }
}
