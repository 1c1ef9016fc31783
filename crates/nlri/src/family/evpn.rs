//! BGP EVPN NLRI (AFI 25 / SAFI 70): RFC 7432 §7 route types 1-4 and RFC 9136 §3 type 5.
//!
//! Wire form: a route type octet, a length octet, then `length` octets of route-type-specific
//! fields. Route types this module does not know are kept raw with their type code.
//!
//! ```
//! use ribcage_buffer::Cursor;
//! use ribcage_nlri::{DecodeContext, Family, Registry};
//!
//! // Type 3 (inclusive multicast), RD 65000:1, Ethernet tag 0, originator 10.0.0.1.
//! let wire = [3, 17, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 0, 0, 0, 0, 32, 10, 0, 0, 1];
//! let ctx = DecodeContext::default();
//! let n = Registry::default()
//!     .iter(Family::L2VPN_EVPN, Cursor::new(&wire), &ctx)
//!     .next()
//!     .unwrap()
//!     .unwrap();
//! let d = n.decode().unwrap();
//! assert_eq!(d.to_string(), "[3][rd 65000:1][etag 0][orig 10.0.0.1]");
//! assert_eq!(
//!     serde_json::to_string(&d).unwrap(),
//!     r#"{"kind":"evpn","route":"inclusive_multicast","rd":"65000:1","ethernet_tag":0,"originator":"10.0.0.1"}"#
//! );
//! ```

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use ribcage_buffer::Cursor;
use serde::ser::SerializeMap;

use super::wire::{codepoint_fmt, hex, split_typed, Hex, Reader};
use crate::RouteDistinguisher;
use crate::{DecodeContext, Decoded, Error, Family, FamilyDecoder, Prefix};

/// Decoder for L2VPN EVPN NLRI.
#[derive(Debug)]
pub struct EvpnDecoder;

/// The built-in EVPN decoder.
pub static EVPN: EvpnDecoder = EvpnDecoder;

/// EVPN route type (IANA "EVPN Route Types"; RFC 7432 §7).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EvpnRouteType(pub u8);

impl EvpnRouteType {
    /// Ethernet Auto-discovery route (RFC 7432 §7.1).
    pub const ETHERNET_AD: Self = Self(1);
    /// MAC/IP Advertisement route (RFC 7432 §7.2).
    pub const MAC_IP: Self = Self(2);
    /// Inclusive Multicast Ethernet Tag route (RFC 7432 §7.3).
    pub const INCLUSIVE_MULTICAST: Self = Self(3);
    /// Ethernet Segment route (RFC 7432 §7.4).
    pub const ETHERNET_SEGMENT: Self = Self(4);
    /// IP Prefix route (RFC 9136 §3).
    pub const IP_PREFIX: Self = Self(5);

    /// The IANA name, or `None` for types without one here.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::ETHERNET_AD => "ethernet-ad",
            Self::MAC_IP => "mac-ip",
            Self::INCLUSIVE_MULTICAST => "inclusive-multicast",
            Self::ETHERNET_SEGMENT => "ethernet-segment",
            Self::IP_PREFIX => "ip-prefix",
            _ => return None,
        })
    }
}
codepoint_fmt!(EvpnRouteType);

/// An Ethernet Segment Identifier (RFC 7432 §5): a type octet and a 9-octet value.
///
/// Prints as `0` when all zero (a single-homed site), else as ten colon-separated hex octets.
/// Serialises as `{"type", "value"}` plus the fields of types 1-5.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Esi(pub [u8; 10]);

impl Esi {
    /// The ESI type (RFC 7432 §5): 0 arbitrary, 1 LACP, 2 L2 bridge, 3 MAC-based, 4 router-ID,
    /// 5 AS-based.
    pub fn esi_type(&self) -> u8 {
        self.0[0]
    }

    /// Whether every octet is zero (RFC 7432 §5: a single-homed CE).
    pub fn is_zero(&self) -> bool {
        self.0 == [0; 10]
    }

    /// The MAC address that types 1 (CE LACP system MAC), 2 (root bridge MAC) and 3 (system
    /// MAC) carry.
    pub fn mac(&self) -> Option<MacAddr> {
        matches!(self.esi_type(), 1..=3).then(|| {
            let mut m = [0; 6];
            m.copy_from_slice(&self.0[1..7]);
            MacAddr(m)
        })
    }

    fn u16_at(&self, i: usize) -> u16 {
        u16::from_be_bytes([self.0[i], self.0[i + 1]])
    }

    fn u32_at(&self, i: usize) -> u32 {
        u32::from_be_bytes([self.0[i], self.0[i + 1], self.0[i + 2], self.0[i + 3]])
    }
}

impl fmt::Display for Esi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0");
        }
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Esi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Esi {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", &self.esi_type())?;
        m.serialize_entry("value", &format_args!("{self}"))?;
        match self.esi_type() {
            1 => {
                m.serialize_entry("system_mac", &self.mac())?;
                m.serialize_entry("port_key", &self.u16_at(7))?;
            }
            2 => {
                m.serialize_entry("root_bridge_mac", &self.mac())?;
                m.serialize_entry("root_bridge_priority", &self.u16_at(7))?;
            }
            3 => {
                m.serialize_entry("system_mac", &self.mac())?;
                let d = u32::from_be_bytes([0, self.0[7], self.0[8], self.0[9]]);
                m.serialize_entry("discriminator", &d)?;
            }
            4 => {
                m.serialize_entry("router_id", &Ipv4Addr::from(self.u32_at(1)))?;
                m.serialize_entry("discriminator", &self.u32_at(5))?;
            }
            5 => {
                m.serialize_entry("asn", &self.u32_at(1))?;
                m.serialize_entry("discriminator", &self.u32_at(5))?;
            }
            _ => {}
        }
        m.end()
    }
}

/// A 48-bit IEEE MAC address; prints as `aa:bb:cc:dd:ee:ff`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MacAddr(pub [u8; 6]);

impl fmt::Display for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = &self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        )
    }
}

impl fmt::Debug for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for MacAddr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A 3-octet EVPN label field (RFC 7432 §7), kept as the 24-bit number received.
///
/// With MPLS encapsulation the label is the high-order 20 bits ([`EvpnLabel::mpls_label`]);
/// with VXLAN or NVGRE the whole field is the VNI/VSID (RFC 8365 §5.1.3,
/// [`EvpnLabel::vni`]). Prints and serialises as the 24-bit number, as GoBGP and FRR show it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, serde::Serialize)]
#[serde(transparent)]
pub struct EvpnLabel(pub u32);

impl EvpnLabel {
    /// The MPLS label: the field's high-order 20 bits.
    pub fn mpls_label(self) -> u32 {
        self.0 >> 4
    }

    /// The VXLAN VNI (or NVGRE VSID): the whole 24-bit field.
    pub fn vni(self) -> u32 {
        self.0
    }
}

impl fmt::Display for EvpnLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The fields of one EVPN NLRI (RFC 7432 §7, RFC 9136 §3).
///
/// Serialises with `"route"` naming the route type; addresses and prefixes as text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "route", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Evpn<'a> {
    /// Ethernet Auto-discovery route (type 1; RFC 7432 §7.1).
    EthernetAd {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Ethernet segment identifier.
        esi: Esi,
        /// Ethernet tag ID (`0xffffffff`, MAX-ET, for the per-ES route).
        ethernet_tag: u32,
        /// Label field.
        label: EvpnLabel,
    },
    /// MAC/IP Advertisement route (type 2; RFC 7432 §7.2).
    MacIp {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Ethernet segment identifier.
        esi: Esi,
        /// Ethernet tag ID.
        ethernet_tag: u32,
        /// MAC address.
        mac: MacAddr,
        /// IP address, when the route carries one.
        #[serde(skip_serializing_if = "Option::is_none")]
        ip: Option<IpAddr>,
        /// MPLS Label1 field.
        label: EvpnLabel,
        /// MPLS Label2 field, when present.
        #[serde(skip_serializing_if = "Option::is_none")]
        label2: Option<EvpnLabel>,
    },
    /// Inclusive Multicast Ethernet Tag route (type 3; RFC 7432 §7.3).
    InclusiveMulticast {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Ethernet tag ID.
        ethernet_tag: u32,
        /// Originating router's IP address.
        originator: IpAddr,
    },
    /// Ethernet Segment route (type 4; RFC 7432 §7.4).
    EthernetSegment {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Ethernet segment identifier.
        esi: Esi,
        /// Originating router's IP address.
        originator: IpAddr,
    },
    /// IP Prefix route (type 5; RFC 9136 §3.1).
    IpPrefix {
        /// Route distinguisher.
        rd: RouteDistinguisher,
        /// Ethernet segment identifier.
        esi: Esi,
        /// Ethernet tag ID.
        ethernet_tag: u32,
        /// The IP prefix (host bits cleared).
        prefix: Prefix,
        /// Whether the address field had bits set past the prefix length (kept as received in
        /// the wire bytes; reported as for unicast prefixes).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        host_bits_set: bool,
        /// Gateway IP address (all zero when unused).
        gateway: IpAddr,
        /// Label field.
        label: EvpnLabel,
    },
    /// A route type this crate does not decode, kept as received.
    Other {
        /// The route type code.
        route_type: EvpnRouteType,
        /// The route-type-specific octets (after the type and length octets).
        #[serde(serialize_with = "hex")]
        raw: &'a [u8],
    },
}

impl Evpn<'_> {
    /// The route type.
    pub fn route_type(&self) -> EvpnRouteType {
        match self {
            Evpn::EthernetAd { .. } => EvpnRouteType::ETHERNET_AD,
            Evpn::MacIp { .. } => EvpnRouteType::MAC_IP,
            Evpn::InclusiveMulticast { .. } => EvpnRouteType::INCLUSIVE_MULTICAST,
            Evpn::EthernetSegment { .. } => EvpnRouteType::ETHERNET_SEGMENT,
            Evpn::IpPrefix { .. } => EvpnRouteType::IP_PREFIX,
            Evpn::Other { route_type, .. } => *route_type,
        }
    }

    /// The route distinguisher, for the route types that carry one where this crate knows.
    pub fn rd(&self) -> Option<RouteDistinguisher> {
        match self {
            Evpn::EthernetAd { rd, .. }
            | Evpn::MacIp { rd, .. }
            | Evpn::InclusiveMulticast { rd, .. }
            | Evpn::EthernetSegment { rd, .. }
            | Evpn::IpPrefix { rd, .. } => Some(*rd),
            Evpn::Other { .. } => None,
        }
    }

    /// The IP prefix: a type 5 route's prefix, or a type 2 route's IP address as a host prefix.
    pub fn prefix(&self) -> Option<Prefix> {
        match self {
            Evpn::IpPrefix { prefix, .. } => Some(*prefix),
            Evpn::MacIp { ip: Some(ip), .. } => {
                Prefix::new(*ip, if ip.is_ipv4() { 32 } else { 128 })
            }
            _ => None,
        }
    }
}

impl fmt::Display for Evpn<'_> {
    /// Bracketed fields led by the route type number, e.g.
    /// `[2][rd 65000:1][esi 0][etag 0][mac 11:22:33:44:55:66][ip 10.0.0.1][label 100]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.route_type().0)?;
        match self {
            Evpn::EthernetAd {
                rd,
                esi,
                ethernet_tag,
                label,
            } => write!(f, "[rd {rd}][esi {esi}][etag {ethernet_tag}][label {label}]"),
            Evpn::MacIp {
                rd,
                esi,
                ethernet_tag,
                mac,
                ip,
                label,
                label2,
            } => {
                write!(f, "[rd {rd}][esi {esi}][etag {ethernet_tag}][mac {mac}]")?;
                if let Some(ip) = ip {
                    write!(f, "[ip {ip}]")?;
                }
                write!(f, "[label {label}")?;
                if let Some(l2) = label2 {
                    write!(f, ",{l2}")?;
                }
                f.write_str("]")
            }
            Evpn::InclusiveMulticast {
                rd,
                ethernet_tag,
                originator,
            } => write!(f, "[rd {rd}][etag {ethernet_tag}][orig {originator}]"),
            Evpn::EthernetSegment {
                rd,
                esi,
                originator,
            } => write!(f, "[rd {rd}][esi {esi}][orig {originator}]"),
            Evpn::IpPrefix {
                rd,
                esi,
                ethernet_tag,
                prefix,
                gateway,
                label,
                ..
            } => write!(
                f,
                "[rd {rd}][esi {esi}][etag {ethernet_tag}][prefix {prefix}][gw {gateway}][label {label}]"
            ),
            Evpn::Other { raw, .. } => write!(f, "[raw {}]", Hex(raw)),
        }
    }
}

impl FamilyDecoder for EvpnDecoder {
    fn families(&self) -> &[Family] {
        &[Family::L2VPN_EVPN]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_typed(family, cur, 1, false)
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        decode_evpn(family, wire, offset).map(Decoded::Evpn)
    }
}

/// Reads an IP address length octet (in bits: 0, 32 or 128) and the address; `None` for 0.
fn read_opt_ip(r: &mut Reader<'_>) -> Result<Option<IpAddr>, Error> {
    let at = r.pos();
    match r.u8()? {
        0 => Ok(None),
        32 => r.ip(4).map(Some),
        128 => r.ip(16).map(Some),
        bits => Err(Error::Value {
            family: r.family,
            what: "evpn ip address length",
            value: bits.into(),
            offset: at,
        }),
    }
}

/// Reads an IP address length octet (32 or 128) and the address.
fn read_ip(r: &mut Reader<'_>) -> Result<IpAddr, Error> {
    let at = r.pos();
    read_opt_ip(r)?.ok_or(Error::Value {
        family: r.family,
        what: "evpn ip address length",
        value: 0,
        offset: at,
    })
}

/// Type 1 (RFC 7432 §7.1): RD, ESI, Ethernet tag, label.
fn ethernet_ad<'a>(r: &mut Reader<'a>) -> Result<Evpn<'a>, Error> {
    Ok(Evpn::EthernetAd {
        rd: r.rd()?,
        esi: Esi(r.array()?),
        ethernet_tag: r.u32()?,
        label: EvpnLabel(r.u24()?),
    })
}

/// Type 2 (RFC 7432 §7.2): RD, ESI, Ethernet tag, MAC length and MAC, IP length and IP,
/// label 1, optional label 2.
fn mac_ip<'a>(r: &mut Reader<'a>) -> Result<Evpn<'a>, Error> {
    let rd = r.rd()?;
    let esi = Esi(r.array()?);
    let ethernet_tag = r.u32()?;
    let mac_len_at = r.pos();
    let mac_len = r.u8()?;
    if mac_len != 48 {
        return Err(Error::Value {
            family: r.family,
            what: "evpn mac address length",
            value: mac_len.into(),
            offset: mac_len_at,
        });
    }
    let mac = MacAddr(r.array()?);
    let ip = read_opt_ip(r)?;
    let label = EvpnLabel(r.u24()?);
    let label2 = match r.remaining() {
        0 => None,
        _ => Some(EvpnLabel(r.u24()?)),
    };
    Ok(Evpn::MacIp {
        rd,
        esi,
        ethernet_tag,
        mac,
        ip,
        label,
        label2,
    })
}

/// Type 3 (RFC 7432 §7.3): RD, Ethernet tag, originating router's IP.
fn inclusive_multicast<'a>(r: &mut Reader<'a>) -> Result<Evpn<'a>, Error> {
    Ok(Evpn::InclusiveMulticast {
        rd: r.rd()?,
        ethernet_tag: r.u32()?,
        originator: read_ip(r)?,
    })
}

/// Type 4 (RFC 7432 §7.4): RD, ESI, originating router's IP.
fn ethernet_segment<'a>(r: &mut Reader<'a>) -> Result<Evpn<'a>, Error> {
    Ok(Evpn::EthernetSegment {
        rd: r.rd()?,
        esi: Esi(r.array()?),
        originator: read_ip(r)?,
    })
}

/// Type 5 (RFC 9136 §3.1): RD, ESI, Ethernet tag, prefix length, prefix, gateway, label; the
/// addresses are 4 or 16 octets as the route's length (34 or 58) says.
fn ip_prefix<'a>(r: &mut Reader<'a>, width: usize) -> Result<Evpn<'a>, Error> {
    let rd = r.rd()?;
    let esi = Esi(r.array()?);
    let ethernet_tag = r.u32()?;
    let plen_at = r.pos();
    let plen = r.u8()?;
    let addr = r.ip(width)?;
    let prefix = Prefix::new(addr, plen).ok_or(Error::PrefixLength {
        family: r.family,
        length: plen.into(),
        max: (width * 8) as u16,
        offset: plen_at,
    })?;
    Ok(Evpn::IpPrefix {
        rd,
        esi,
        ethernet_tag,
        prefix,
        host_bits_set: prefix.addr() != addr,
        gateway: r.ip(width)?,
        label: EvpnLabel(r.u24()?),
    })
}

/// Decodes one EVPN NLRI; `offset` is the absolute offset of `wire[0]`.
///
/// A route whose fields do not fill its length exactly, or overrun it, is a length mismatch
/// reported at the length octet.
pub(crate) fn decode_evpn(family: Family, wire: &[u8], offset: usize) -> Result<Evpn<'_>, Error> {
    let mut outer = Reader::new(family, wire, offset);
    let route_type = EvpnRouteType(outer.u8()?);
    let len_at = outer.pos();
    let len = usize::from(outer.u8()?);
    let body = outer.bytes(len)?;
    outer.finish()?;
    let mismatch = Error::Length {
        family,
        what: "evpn route length",
        length: len,
        offset: len_at,
    };
    let mut r = Reader::new(family, body, len_at.saturating_add(1));
    let route = match route_type {
        EvpnRouteType::ETHERNET_AD => ethernet_ad(&mut r),
        EvpnRouteType::MAC_IP => mac_ip(&mut r),
        EvpnRouteType::INCLUSIVE_MULTICAST => inclusive_multicast(&mut r),
        EvpnRouteType::ETHERNET_SEGMENT => ethernet_segment(&mut r),
        EvpnRouteType::IP_PREFIX => match len {
            34 => ip_prefix(&mut r, 4),
            58 => ip_prefix(&mut r, 16),
            _ => Err(mismatch.clone()),
        },
        route_type => {
            return Ok(Evpn::Other {
                route_type,
                raw: body,
            })
        }
    }
    .map_err(|e| match e {
        Error::Truncated { .. } => mismatch.clone(),
        e => e,
    })?;
    if r.remaining() != 0 {
        return Err(mismatch);
    }
    Ok(route)
}
