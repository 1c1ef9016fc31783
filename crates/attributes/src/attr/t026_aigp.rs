//! AIGP (type 26; RFC 7311). RFC 7311 §5: a malformed AIGP (TLV overrun, an AIGP TLV whose
//! length is not 11) is attribute-discard.

use std::fmt;

use crate::attr::list::Hex;
use crate::attr::tlv::{Tlv, Tlvs};
use crate::{AttrType, Error, RawAttribute};

/// The AIGP attribute: a list of TLVs, of which type 1 carries the accumulated metric.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Aigp<'a> {
    value: &'a [u8],
    offset: usize,
}

impl<'a> Aigp<'a> {
    /// Validates and wraps the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        let a = Self {
            value: raw.value,
            offset: raw.value_offset(),
        };
        for tlv in a.tlvs() {
            let tlv = tlv?;
            if tlv.typ == 1 && tlv.value.len() != 8 {
                return Err(Error::Length {
                    code: AttrType::AIGP,
                    length: tlv.value.len() + 3,
                    offset: tlv.offset,
                });
            }
        }
        Ok(a)
    }

    /// The TLVs.
    pub fn tlvs(&self) -> Tlvs<'a> {
        Tlvs {
            code: AttrType::AIGP,
            data: self.value,
            offset: self.offset,
            length_includes_header: true,
        }
    }

    /// The accumulated IGP metric (the first AIGP TLV, type 1).
    pub fn metric(&self) -> Option<u64> {
        self.tlvs()
            .filter_map(Result::ok)
            .find(|t| t.typ == 1)
            .and_then(|t| <[u8; 8]>::try_from(t.value).ok())
            .map(u64::from_be_bytes)
    }
}

impl fmt::Display for Aigp<'_> {
    /// The metric, or the raw value in hex when there is no AIGP TLV.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.metric() {
            Some(m) => write!(f, "{m}"),
            None => write!(f, "raw:{}", Hex(self.value)),
        }
    }
}

impl fmt::Debug for Aigp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Aigp({self})")
    }
}

impl serde::Serialize for Aigp<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let tlvs: Vec<Tlv<'_>> = self.tlvs().filter_map(Result::ok).collect();
        let mut st = s.serialize_struct("Aigp", 2)?;
        st.serialize_field("metric", &self.metric())?;
        st.serialize_field("tlvs", &tlvs)?;
        st.end()
    }
}
