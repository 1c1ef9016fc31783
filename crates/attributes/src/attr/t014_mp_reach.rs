//! MP_REACH_NLRI (type 14; RFC 4760 §3), and the abbreviated form MRT RIB entries use
//! (RFC 6396 §4.3.4). RFC 7606 §7.11: an error inside is AFI/SAFI disable when the family can
//! be read, session reset when it cannot.

use std::fmt;

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Family, NlriIter, Registry, Safi};

use crate::attr::nlri_run;
use crate::{AttrType, Error, MpNextHop, RawAttribute};

/// Checks the next hop length against the family (RFC 7606 §7.11): IPv6 unicast, multicast and
/// labeled unicast take 16 or 32 bytes (RFC 2545 §3); VPN-IPv6 24 or 48 (RFC 4659 §3.2); IPv4
/// unicast, multicast and labeled unicast 4, or 16/32 for an IPv6 next hop (RFC 8950 §3);
/// VPN-IPv4 12, or 24/48 (RFC 8950 §3). Other families are not checked here.
fn check_next_hop_len(
    code: AttrType,
    family: Family,
    len: usize,
    offset: usize,
) -> Result<(), Error> {
    let ok = match (family.afi, family.safi) {
        (Afi::IPV6, Safi::UNICAST | Safi::MULTICAST | Safi::LABELED_UNICAST) => {
            matches!(len, 16 | 32)
        }
        (Afi::IPV6, Safi::MPLS_VPN | Safi::MULTICAST_VPN) => matches!(len, 24 | 48),
        (Afi::IPV4, Safi::UNICAST | Safi::MULTICAST | Safi::LABELED_UNICAST) => {
            matches!(len, 4 | 16 | 32)
        }
        (Afi::IPV4, Safi::MPLS_VPN | Safi::MULTICAST_VPN) => matches!(len, 12 | 24 | 48),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::Value {
            code,
            what: "next hop length for the family",
            value: len as u64,
            offset,
        })
    }
}

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
        let family = Family::new(Afi(afi), Safi(safi));
        check_next_hop_len(code, family, nh.len(), nh_at)?;
        Ok(Self {
            family,
            next_hop: MpNextHop::parse(code, nh, nh_at)?,
            next_hop_wire: nh,
            nlri: cur.rest(),
            nlri_offset: cur.position(),
            ctx,
            registry,
        })
    }

    /// Whether a next hop of `len` bytes passes [`MpReach::from_raw`] for `family`: the length
    /// suits the family and is one [`MpNextHop`] decodes (0, 4, 12, 16, 24, 32 or 48). A
    /// caller that only needs the attribute's fields (family, next hop bytes, NLRI) splits it
    /// itself when this holds, and calls `from_raw` for the error when it does not.
    #[inline]
    pub fn next_hop_len_ok(family: Family, len: usize) -> bool {
        matches!(len, 0 | 4 | 12 | 16 | 24 | 32 | 48)
            && check_next_hop_len(AttrType::MP_REACH_NLRI, family, len, 0).is_ok()
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
        check_next_hop_len(code, family, nh.len(), nh_at)?;
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

    /// Absolute offset of the first NLRI byte.
    pub fn nlri_offset(&self) -> usize {
        self.nlri_offset
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
        nlri_run::validate(self.nlri(), AttrType::MP_REACH_NLRI)
    }
}

impl fmt::Display for MpReach<'_> {
    /// `FAMILY nh NEXTHOP nlri P1 P2 ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} nh {} nlri", self.family, self.next_hop)?;
        nlri_run::write(f, self.nlri())
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
        let mut st = s.serialize_struct("MpReach", 3)?;
        st.serialize_field("family", &self.family)?;
        st.serialize_field("next_hop", &self.next_hop)?;
        st.serialize_field("nlri", &nlri_run::Seq(self.nlri()))?;
        st.end()
    }
}
