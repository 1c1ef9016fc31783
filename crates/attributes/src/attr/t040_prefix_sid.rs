//! BGP Prefix-SID (type 40; RFC 8669, SRv6 services RFC 9252). TLVs are kept raw; the
//! Label-Index TLV (type 1) is decoded. RFC 8669 §6: a malformed attribute (TLV overrun, a
//! Label-Index TLV whose length is not 7) is treat-as-withdraw.

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
            if tlv.typ == 1 && tlv.value.len() != 7 {
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
