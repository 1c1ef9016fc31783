//! PMSI_TUNNEL (type 22; RFC 6514 §5, RFC 7432 §11). A value shorter than the 5 fixed octets is
//! malformed; this crate classifies it treat-as-withdraw (RFC 7606 §2 default).

use std::fmt;

use crate::attr::list::Hex;
use crate::{Error, RawAttribute};

/// The PMSI_TUNNEL attribute: flags, tunnel type, MPLS label and tunnel identifier (raw).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PmsiTunnel<'a> {
    /// The flags octet (bit 0x01: leaf information required).
    pub flags: u8,
    /// The tunnel type (6 = ingress replication, 3 = PIM-SSM, ...).
    pub tunnel_type: u8,
    /// The 3-octet MPLS label field as sent (label in the high 20 bits, or a VNI).
    pub label: u32,
    /// The tunnel identifier, whose form depends on the type.
    pub tunnel_id: &'a [u8],
}

impl<'a> PmsiTunnel<'a> {
    /// Decodes the attribute value.
    pub fn from_raw(raw: &RawAttribute<'a>) -> Result<Self, Error> {
        match raw.value {
            [flags, tunnel_type, a, b, c, id @ ..] => Ok(Self {
                flags: *flags,
                tunnel_type: *tunnel_type,
                label: u32::from_be_bytes([0, *a, *b, *c]),
                tunnel_id: id,
            }),
            _ => Err(raw.bad_length()),
        }
    }
}

impl fmt::Display for PmsiTunnel<'_> {
    /// `type T flags F label L id HEX`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "type {} flags {} label {} id {}",
            self.tunnel_type,
            self.flags,
            self.label >> 4,
            Hex(self.tunnel_id)
        )
    }
}

impl fmt::Debug for PmsiTunnel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PmsiTunnel({self})")
    }
}

impl serde::Serialize for PmsiTunnel<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PmsiTunnel", 4)?;
        st.serialize_field("flags", &self.flags)?;
        st.serialize_field("tunnel_type", &self.tunnel_type)?;
        st.serialize_field("label", &self.label)?;
        st.serialize_field("tunnel_id", &Hex(self.tunnel_id))?;
        st.end()
    }
}
