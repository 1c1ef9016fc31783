//! MP_REACH_NLRI (type 14; RFC 4760 §3), and the abbreviated form MRT RIB entries use
//! (RFC 6396 §4.3.4). RFC 7606 §7.11: an error inside is AFI/SAFI disable when the family can
//! be read, session reset when it cannot.

use std::fmt;

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Family, NlriIter, Registry, Safi};

use crate::{AttrType, Error, MpNextHop, RawAttribute};

/// The MP_REACH_NLRI attribute: family, next hop and a run of NLRI, borrowed from the wire.
#[derive(Clone, Copy)]
pub struct MpReach<'a> {
    family: Family,
    next_hop: MpNextHop,
    next_hop_wire: &'a [u8],
    nlri: &'a [u8],
    nlri_offset: usize,
    ctx: &'a DecodeContext,
    registry: &'a Registry,
}

impl<'a> MpReach<'a> {
    /// Decodes the framing of the attribute value (AFI, SAFI, next hop, reserved octet); the
    /// NLRI are split when iterated.
    pub fn from_raw(
        raw: &RawAttribute<'a>,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        let code = raw.code;
        let mut cur = Cursor::with_base(raw.value, raw.value_offset());
        let short = |_| Error::Length {
            code,
            length: raw.value.len(),
            offset: raw.value_offset(),
        };
        let afi = cur.read_u16().map_err(short)?;
        let safi = cur.read_u8().map_err(short)?;
        let nh_at = cur.position();
        let nh_len = cur.read_u8().map_err(short)?;
        let overrun = |_| Error::Overrun {
            code,
            what: "next hop",
            offset: nh_at,
        };
        let nh = cur.take_slice(usize::from(nh_len)).map_err(overrun)?;
        cur.read_u8().map_err(overrun)?; // Reserved (was SNPA count, RFC 2858).
        Ok(Self {
            family: Family::new(Afi(afi), Safi(safi)),
            next_hop: MpNextHop::parse(code, nh, nh_at)?,
            next_hop_wire: nh,
            nlri: cur.rest(),
            nlri_offset: cur.position(),
            ctx,
            registry,
        })
    }

    /// Decodes the abbreviated form of an MRT TABLE_DUMP_V2 RIB entry (RFC 6396 §4.3.4): only
    /// the next hop length and next hop; the family comes from the RIB record.
    pub fn from_raw_abbreviated(
        raw: &RawAttribute<'a>,
        family: Family,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        let code = raw.code;
        let nh_at = raw.value_offset();
        let (&len, rest) = raw.value.split_first().ok_or(Error::Length {
            code,
            length: 0,
            offset: nh_at,
        })?;
        let nh = rest.get(..usize::from(len)).ok_or(Error::Overrun {
            code,
            what: "next hop",
            offset: nh_at,
        })?;
        Ok(Self {
            family,
            next_hop: MpNextHop::parse(code, nh, nh_at)?,
            next_hop_wire: nh,
            nlri: &[],
            nlri_offset: nh_at + raw.value.len(),
            ctx,
            registry,
        })
    }

    /// The address family of the NLRI.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The decoded next hop.
    pub fn next_hop(&self) -> MpNextHop {
        self.next_hop
    }

    /// The next hop bytes as received.
    pub fn next_hop_wire(&self) -> &'a [u8] {
        self.next_hop_wire
    }

    /// The NLRI bytes.
    pub fn nlri_wire(&self) -> &'a [u8] {
        self.nlri
    }

    /// The announced NLRI, split through the registry.
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
                code: AttrType::MP_REACH_NLRI,
                source,
            })?;
        }
        Ok(())
    }
}

impl fmt::Display for MpReach<'_> {
    /// `FAMILY nh NEXTHOP nlri P1 P2 ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} nh {} nlri", self.family, self.next_hop)?;
        for n in self.nlri() {
            match n {
                Ok(n) => write!(f, " {n}")?,
                Err(e) => write!(f, " <{e}>")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for MpReach<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MpReach({self})")
    }
}

impl serde::Serialize for MpReach<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let nlri: Vec<String> = self
            .nlri()
            .map(|n| match n {
                Ok(n) => n.to_string(),
                Err(e) => format!("error: {e}"),
            })
            .collect();
        let mut st = s.serialize_struct("MpReach", 3)?;
        st.serialize_field("family", &self.family)?;
        st.serialize_field("next_hop", &self.next_hop)?;
        st.serialize_field("nlri", &nlri)?;
        st.end()
    }
}
