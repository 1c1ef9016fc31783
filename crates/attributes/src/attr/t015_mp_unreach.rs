//! MP_UNREACH_NLRI (type 15; RFC 4760 §4). RFC 7606 §7.11: an error inside is AFI/SAFI disable
//! when the family can be read, session reset when it cannot.

use std::fmt;

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Family, NlriIter, Registry, Safi};

use crate::{AttrType, Error, RawAttribute};

/// The MP_UNREACH_NLRI attribute: family and a run of withdrawn NLRI, borrowed from the wire.
#[derive(Clone, Copy)]
pub struct MpUnreach<'a> {
    family: Family,
    nlri: &'a [u8],
    nlri_offset: usize,
    ctx: &'a DecodeContext,
    registry: &'a Registry,
}

impl<'a> MpUnreach<'a> {
    /// Decodes the AFI and SAFI; the NLRI are split when iterated.
    pub fn from_raw(
        raw: &RawAttribute<'a>,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        let [a, b, safi, ..] = *raw.value else {
            return Err(Error::Length {
                code: raw.code,
                length: raw.value.len(),
                offset: raw.value_offset(),
            });
        };
        Ok(Self {
            family: Family::new(Afi(u16::from_be_bytes([a, b])), Safi(safi)),
            nlri: &raw.value[3..],
            nlri_offset: raw.value_offset() + 3,
            ctx,
            registry,
        })
    }

    /// The address family of the NLRI.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The NLRI bytes.
    pub fn nlri_wire(&self) -> &'a [u8] {
        self.nlri
    }

    /// The withdrawn NLRI, split through the registry.
    pub fn nlri(&self) -> NlriIter<'a> {
        self.registry.iter(
            self.family,
            Cursor::with_base(self.nlri, self.nlri_offset),
            self.ctx,
        )
    }

    /// Checks that every NLRI splits (RFC 7606 §5.3).
    pub fn validate(&self) -> Result<(), Error> {
        for n in self.nlri() {
            n.map_err(|source| Error::Nlri {
                code: AttrType::MP_UNREACH_NLRI,
                source,
            })?;
        }
        Ok(())
    }
}

impl fmt::Display for MpUnreach<'_> {
    /// `FAMILY nlri P1 P2 ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} nlri", self.family)?;
        for n in self.nlri() {
            match n {
                Ok(n) => write!(f, " {n}")?,
                Err(e) => write!(f, " <{e}>")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for MpUnreach<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MpUnreach({self})")
    }
}

impl serde::Serialize for MpUnreach<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let nlri: Vec<String> = self
            .nlri()
            .map(|n| match n {
                Ok(n) => n.to_string(),
                Err(e) => format!("error: {e}"),
            })
            .collect();
        let mut st = s.serialize_struct("MpUnreach", 2)?;
        st.serialize_field("family", &self.family)?;
        st.serialize_field("nlri", &nlri)?;
        st.end()
    }
}
