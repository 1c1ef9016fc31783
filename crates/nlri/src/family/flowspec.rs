//! Flow specification NLRI (SAFI 133, and SAFI 134 for VPNs): RFC 8955 §4 (IPv4) and
//! RFC 8956 §3 (IPv6).
//!
//! Wire form: a length of one octet, or of two when the first octet's high nibble is `0xf`
//! (RFC 8955 §4.1), then for SAFI 134 a route distinguisher (RFC 8955 §8), then components in
//! strictly increasing type order. Prefix components carry a prefix (IPv6: with a bit offset);
//! the others carry a list of `operator, value` pairs ended by the operator's end-of-list bit.
//!
//! Decoding validates every component; [`FlowSpec::components`] then reads them again from the
//! wire bytes without allocating.
//!
//! ```
//! use ribcage_buffer::Cursor;
//! use ribcage_nlri::{Afi, DecodeContext, Family, Registry, Safi};
//!
//! // RFC 8955 §4.3 example 1: packets to 192.0.2.0/24 and TCP port 25.
//! let wire = [0x0b, 1, 24, 192, 0, 2, 3, 0x81, 6, 4, 0x81, 25];
//! let ctx = DecodeContext::default();
//! let family = Family::new(Afi::IPV4, Safi::FLOWSPEC);
//! let n = Registry::default().iter(family, Cursor::new(&wire), &ctx).next().unwrap().unwrap();
//! let d = n.decode().unwrap();
//! assert_eq!(d.to_string(), "dst 192.0.2.0/24 && proto =6 && port =25");
//! let json = serde_json::to_string(&d).unwrap();
//! assert!(json.starts_with(r#"{"kind":"flowspec","components":[{"type":"dst","prefix":"192.0.2.0/24"},{"type":"proto","ops":[{"and":false,"op":"=","value":6}]}"#));
//! ```

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ribcage_buffer::Cursor;
use serde::ser::{SerializeMap, SerializeSeq};

use super::wire::{codepoint_fmt, split_framed, Reader};
use crate::RouteDistinguisher;
use crate::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Prefix, Safi};

/// Decoder for IPv4/IPv6 FlowSpec and FlowSpec-VPN NLRI.
#[derive(Debug)]
pub struct FlowSpecDecoder;

/// The built-in FlowSpec decoder.
pub static FLOWSPEC: FlowSpecDecoder = FlowSpecDecoder;

/// FlowSpec component type (IANA "Flow Spec Component Types"; RFC 8955 §4.2.2, RFC 8956 §3).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ComponentType(pub u8);

impl ComponentType {
    /// Type 1: destination prefix.
    pub const DST_PREFIX: Self = Self(1);
    /// Type 2: source prefix.
    pub const SRC_PREFIX: Self = Self(2);
    /// Type 3: IP protocol (IPv6: upper-layer protocol).
    pub const IP_PROTOCOL: Self = Self(3);
    /// Type 4: source or destination port.
    pub const PORT: Self = Self(4);
    /// Type 5: destination port.
    pub const DST_PORT: Self = Self(5);
    /// Type 6: source port.
    pub const SRC_PORT: Self = Self(6);
    /// Type 7: ICMP type.
    pub const ICMP_TYPE: Self = Self(7);
    /// Type 8: ICMP code.
    pub const ICMP_CODE: Self = Self(8);
    /// Type 9: TCP flags (bitmask operators).
    pub const TCP_FLAGS: Self = Self(9);
    /// Type 10: packet length.
    pub const PACKET_LENGTH: Self = Self(10);
    /// Type 11: DSCP.
    pub const DSCP: Self = Self(11);
    /// Type 12: fragment (bitmask operators).
    pub const FRAGMENT: Self = Self(12);
    /// Type 13: flow label (IPv6 only; RFC 8956 §3.7).
    pub const FLOW_LABEL: Self = Self(13);

    /// The short name used in text and JSON, or `None` for unknown types.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            1 => "dst",
            2 => "src",
            3 => "proto",
            4 => "port",
            5 => "dport",
            6 => "sport",
            7 => "icmp-type",
            8 => "icmp-code",
            9 => "tcp-flags",
            10 => "pkt-len",
            11 => "dscp",
            12 => "frag",
            13 => "flow-label",
            _ => return None,
        })
    }

    /// Whether the component's operators are bitmask operators (types 9 and 12).
    pub fn is_bitmask(self) -> bool {
        self == Self::TCP_FLAGS || self == Self::FRAGMENT
    }
}
codepoint_fmt!(ComponentType);

/// One `operator, value` pair of a numeric or bitmask component (RFC 8955 §4.2.1).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Op {
    /// The operator octet as received.
    pub operator: u8,
    /// The value (1, 2, 4 or 8 octets on the wire).
    pub value: u64,
}

impl Op {
    /// End-of-list bit: this is the component's last pair.
    pub fn end(&self) -> bool {
        self.operator & 0x80 != 0
    }
    /// AND bit: combine with the previous pair by logical AND (else OR).
    pub fn and(&self) -> bool {
        self.operator & 0x40 != 0
    }
    /// The value's width in octets: 1, 2, 4 or 8.
    pub fn value_len(&self) -> usize {
        1 << ((self.operator >> 4) & 0x3)
    }
    /// Numeric operator: less-than bit.
    pub fn lt(&self) -> bool {
        self.operator & 0x04 != 0
    }
    /// Numeric operator: greater-than bit.
    pub fn gt(&self) -> bool {
        self.operator & 0x02 != 0
    }
    /// Numeric operator: equal bit.
    pub fn eq(&self) -> bool {
        self.operator & 0x01 != 0
    }
    /// Bitmask operator: NOT bit.
    pub fn not(&self) -> bool {
        self.operator & 0x02 != 0
    }
    /// Bitmask operator: match bit (all bits of the value set, rather than any).
    pub fn matches(&self) -> bool {
        self.operator & 0x01 != 0
    }
    /// The numeric comparison as text: `=`, `>`, `>=`, `<`, `<=`, `!=`, `true` or `false`.
    pub fn numeric_op(&self) -> &'static str {
        match self.operator & 0x07 {
            0 => "false",
            1 => "=",
            2 => ">",
            3 => ">=",
            4 => "<",
            5 => "<=",
            6 => "!=",
            _ => "true",
        }
    }
}

/// The pairs of one numeric or bitmask component, read from the wire on demand.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ops<'a> {
    wire: &'a [u8],
}

impl<'a> Ops<'a> {
    /// The pairs' wire bytes.
    pub fn wire(&self) -> &'a [u8] {
        self.wire
    }

    /// Iterates over the pairs.
    pub fn iter(&self) -> OpIter<'a> {
        OpIter { rest: self.wire }
    }
}

impl<'a> IntoIterator for Ops<'a> {
    type Item = Op;
    type IntoIter = OpIter<'a>;
    fn into_iter(self) -> OpIter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Ops<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Iterator over the pairs of [`Ops`] (validated when the NLRI was decoded).
#[derive(Clone, Debug)]
pub struct OpIter<'a> {
    rest: &'a [u8],
}

impl Iterator for OpIter<'_> {
    type Item = Op;

    fn next(&mut self) -> Option<Op> {
        let (&operator, rest) = self.rest.split_first()?;
        let n = 1usize << ((operator >> 4) & 0x3);
        let v = rest.get(..n)?;
        self.rest = &rest[n..];
        Some(Op {
            operator,
            value: v.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
        })
    }
}

/// One FlowSpec component.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum Component<'a> {
    /// Types 1 and 2: a destination or source prefix.
    Prefix {
        /// The component type.
        kind: ComponentType,
        /// The prefix. For IPv6 with an offset, the pattern's bits sit at their place in the
        /// address and bits before `offset` are zero.
        prefix: Prefix,
        /// IPv6 only (RFC 8956 §3.1): the number of leading address bits not matched.
        offset: u8,
    },
    /// Types 3-8, 10, 11 and 13: numeric operators.
    Numeric {
        /// The component type.
        kind: ComponentType,
        /// The operator/value pairs.
        ops: Ops<'a>,
    },
    /// Types 9 and 12: bitmask operators.
    Bitmask {
        /// The component type.
        kind: ComponentType,
        /// The operator/value pairs.
        ops: Ops<'a>,
    },
}

impl Component<'_> {
    /// The component type.
    pub fn kind(&self) -> ComponentType {
        match self {
            Component::Prefix { kind, .. }
            | Component::Numeric { kind, .. }
            | Component::Bitmask { kind, .. } => *kind,
        }
    }
}

impl fmt::Display for Component<'_> {
    /// `dst 10.0.0.0/24`, `dport >=80&<=90 =443` (space: OR, `&`: AND), `tcp-flags =0x02&!0x10`
    /// (`=`: match, `!`: not, hex value).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.kind())?;
        match self {
            Component::Prefix { prefix, offset, .. } => {
                write!(f, "{prefix}")?;
                if *offset != 0 {
                    write!(f, " offset {offset}")?;
                }
                Ok(())
            }
            Component::Numeric { ops, .. } => {
                for (i, op) in ops.iter().enumerate() {
                    match (i, op.and()) {
                        (0, _) => {}
                        (_, true) => f.write_str("&")?,
                        (_, false) => f.write_str(" ")?,
                    }
                    write!(f, "{}{}", op.numeric_op(), op.value)?;
                }
                Ok(())
            }
            Component::Bitmask { ops, .. } => {
                for (i, op) in ops.iter().enumerate() {
                    match (i, op.and()) {
                        (0, _) => {}
                        (_, true) => f.write_str("&")?,
                        (_, false) => f.write_str(" ")?,
                    }
                    if op.not() {
                        f.write_str("!")?;
                    }
                    if op.matches() {
                        f.write_str("=")?;
                    }
                    write!(f, "{:#04x}", op.value)?;
                }
                Ok(())
            }
        }
    }
}

/// Serialises a numeric pair as `{"and", "op", "value"}`.
struct NumericJson(Op);
/// Serialises a bitmask pair as `{"and", "not", "match", "value"}`.
struct BitmaskJson(Op);

impl serde::Serialize for NumericJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("and", &self.0.and())?;
        m.serialize_entry("op", self.0.numeric_op())?;
        m.serialize_entry("value", &self.0.value)?;
        m.end()
    }
}

impl serde::Serialize for BitmaskJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("and", &self.0.and())?;
        m.serialize_entry("not", &self.0.not())?;
        m.serialize_entry("match", &self.0.matches())?;
        m.serialize_entry("value", &self.0.value)?;
        m.end()
    }
}

/// Serialises the pairs of one component with `wrap`.
struct OpsJson<'a, W>(Ops<'a>, fn(Op) -> W);

impl<W: serde::Serialize> serde::Serialize for OpsJson<'_, W> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for op in self.0.iter() {
            seq.serialize_element(&(self.1)(op))?;
        }
        seq.end()
    }
}

impl serde::Serialize for Component<'_> {
    /// `{"type": "dst", "prefix": "10.0.0.0/24"}` (plus `"offset"` when not zero), or
    /// `{"type": "dport", "ops": [...]}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", &format_args!("{}", self.kind()))?;
        match self {
            Component::Prefix { prefix, offset, .. } => {
                m.serialize_entry("prefix", prefix)?;
                if *offset != 0 {
                    m.serialize_entry("offset", offset)?;
                }
            }
            Component::Numeric { ops, .. } => {
                m.serialize_entry("ops", &OpsJson(*ops, NumericJson))?;
            }
            Component::Bitmask { ops, .. } => {
                m.serialize_entry("ops", &OpsJson(*ops, BitmaskJson))?;
            }
        }
        m.end()
    }
}

/// One FlowSpec rule: an optional route distinguisher (SAFI 134) and validated components.
///
/// Equality compares the family, route distinguisher and component bytes, not where in the
/// input they were found.
#[derive(Clone, Copy)]
pub struct FlowSpec<'a> {
    /// The route distinguisher, for FlowSpec-VPN (SAFI 134).
    pub rd: Option<RouteDistinguisher>,
    family: Family,
    components: &'a [u8],
    offset: usize,
}

impl<'a> FlowSpec<'a> {
    /// The address family (IPv4 or IPv6, SAFI 133 or 134).
    pub fn family(&self) -> Family {
        self.family
    }

    /// The components' wire bytes (after the length and any route distinguisher).
    pub fn components_wire(&self) -> &'a [u8] {
        self.components
    }

    /// Iterates over the components, in wire order.
    pub fn components(&self) -> Components<'a> {
        Components {
            r: Reader::new(self.family, self.components, self.offset),
            last: 0,
        }
    }
}

impl PartialEq for FlowSpec<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.family, self.rd, self.components) == (other.family, other.rd, other.components)
    }
}

impl Eq for FlowSpec<'_> {}

impl fmt::Display for FlowSpec<'_> {
    /// `[rd 65000:1] dst 10.0.0.0/24 && proto =6 && dport >=80&<=90`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(rd) = &self.rd {
            write!(f, "[rd {rd}] ")?;
        }
        for (i, c) in self.components().enumerate() {
            if i > 0 {
                f.write_str(" && ")?;
            }
            match c {
                Ok(c) => write!(f, "{c}")?,
                Err(_) => f.write_str("?")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for FlowSpec<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct List<'b>(FlowSpec<'b>);
        impl fmt::Debug for List<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.0.components()).finish()
            }
        }
        f.debug_struct("FlowSpec")
            .field("rd", &self.rd)
            .field("components", &List(*self))
            .finish()
    }
}

impl serde::Serialize for FlowSpec<'_> {
    /// `{"rd": "65000:1", "components": [...]}`; `rd` only for SAFI 134.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct List<'b>(FlowSpec<'b>);
        impl serde::Serialize for List<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(None)?;
                for c in self.0.components().flatten() {
                    seq.serialize_element(&c)?;
                }
                seq.end()
            }
        }
        let mut m = s.serialize_map(None)?;
        if let Some(rd) = &self.rd {
            m.serialize_entry("rd", rd)?;
        }
        m.serialize_entry("components", &List(*self))?;
        m.end()
    }
}

/// Iterator over the components of a [`FlowSpec`], each `Ok` for a decoded rule.
#[derive(Clone, Debug)]
pub struct Components<'a> {
    r: Reader<'a>,
    last: u8,
}

impl<'a> Iterator for Components<'a> {
    type Item = Result<Component<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.r.remaining() == 0 {
            return None;
        }
        let item = read_component(&mut self.r, &mut self.last);
        if item.is_err() {
            // Stop: the extent of what follows is unknown.
            self.r.cur = Cursor::with_base(&[], self.r.pos());
        }
        Some(item)
    }
}

/// Reads one component, checking that its type is known and above `last`.
fn read_component<'a>(r: &mut Reader<'a>, last: &mut u8) -> Result<Component<'a>, Error> {
    let family = r.family;
    let ipv6 = family.afi == Afi::IPV6;
    let type_at = r.pos();
    let kind = ComponentType(r.u8()?);
    let known = matches!(kind.0, 1..=12) || (ipv6 && kind == ComponentType::FLOW_LABEL);
    if !known {
        return Err(Error::Value {
            family,
            what: "flowspec component type",
            value: kind.0.into(),
            offset: type_at,
        });
    }
    if kind.0 <= *last {
        return Err(Error::Value {
            family,
            what: "flowspec component order",
            value: kind.0.into(),
            offset: type_at,
        });
    }
    *last = kind.0;
    match kind {
        ComponentType::DST_PREFIX | ComponentType::SRC_PREFIX => read_prefix(r, kind, ipv6),
        _ => {
            let start = r.cur;
            loop {
                let op = r.u8()?;
                r.bytes(1 << ((op >> 4) & 0x3))?;
                if op & 0x80 != 0 {
                    break;
                }
            }
            let ops = Ops {
                wire: &start.rest()[..start.remaining() - r.remaining()],
            };
            Ok(if kind.is_bitmask() {
                Component::Bitmask { kind, ops }
            } else {
                Component::Numeric { kind, ops }
            })
        }
    }
}

/// Reads a prefix component: IPv4 `length, prefix` (RFC 8955 §4.2.2.1); IPv6 `length, offset,
/// pattern` with `length - offset` pattern bits (RFC 8956 §3.1).
fn read_prefix<'a>(
    r: &mut Reader<'a>,
    kind: ComponentType,
    ipv6: bool,
) -> Result<Component<'a>, Error> {
    let family = r.family;
    let len_at = r.pos();
    let len = r.u8()?;
    let max = if ipv6 { 128 } else { 32 };
    if len > max {
        return Err(Error::PrefixLength {
            family,
            length: len.into(),
            max: max.into(),
            offset: len_at,
        });
    }
    if !ipv6 {
        let octets = r.bytes(usize::from(len).div_ceil(8))?;
        let mut a = [0u8; 4];
        a[..octets.len()].copy_from_slice(octets);
        let prefix =
            Prefix::new(IpAddr::V4(Ipv4Addr::from(a)), len).ok_or(Error::PrefixLength {
                family,
                length: len.into(),
                max: max.into(),
                offset: len_at,
            })?;
        return Ok(Component::Prefix {
            kind,
            prefix,
            offset: 0,
        });
    }
    let off_at = r.pos();
    let offset = r.u8()?;
    // RFC 8956 §3.1: offset < length, unless both are zero (match every address).
    if offset > len || (offset == len && len != 0) {
        return Err(Error::Value {
            family,
            what: "flowspec ipv6 prefix offset",
            value: offset.into(),
            offset: off_at,
        });
    }
    let pattern = r.bytes(usize::from(len - offset).div_ceil(8))?;
    let mut a = [0u8; 16];
    a[..pattern.len()].copy_from_slice(pattern);
    let bits = u128::from_be_bytes(a)
        .checked_shr(u32::from(offset))
        .unwrap_or(0);
    let prefix = Prefix::new(IpAddr::V6(Ipv6Addr::from(bits)), len).ok_or(Error::PrefixLength {
        family,
        length: len.into(),
        max: max.into(),
        offset: len_at,
    })?;
    Ok(Component::Prefix {
        kind,
        prefix,
        offset,
    })
}

/// Reads the 1- or 2-octet length (RFC 8955 §4.1); returns it and its own width.
fn read_len(r: &mut Reader<'_>) -> Result<(usize, usize), Error> {
    let b0 = r.u8()?;
    if b0 >= 0xf0 {
        let b1 = r.u8()?;
        Ok(((usize::from(b0 & 0x0f) << 8) | usize::from(b1), 2))
    } else {
        Ok((usize::from(b0), 1))
    }
}

/// The families this module decodes.
const FAMILIES: &[Family] = &[
    Family::new(Afi::IPV4, Safi::FLOWSPEC),
    Family::new(Afi::IPV6, Safi::FLOWSPEC),
    Family::new(Afi::IPV4, Safi::FLOWSPEC_VPN),
    Family::new(Afi::IPV6, Safi::FLOWSPEC_VPN),
];

impl FamilyDecoder for FlowSpecDecoder {
    fn families(&self) -> &[Family] {
        FAMILIES
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_framed(family, cur, |r| {
            let (len, _) = read_len(r)?;
            r.bytes(len).map(drop)
        })
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        decode_flowspec(family, wire, offset).map(Decoded::FlowSpec)
    }
}

/// Decodes and validates one FlowSpec NLRI; `offset` is the absolute offset of `wire[0]`.
pub(crate) fn decode_flowspec(
    family: Family,
    wire: &[u8],
    offset: usize,
) -> Result<FlowSpec<'_>, Error> {
    let mut r = Reader::new(family, wire, offset);
    let len_at = r.pos();
    let (len, _) = read_len(&mut r)?;
    let body_at = r.pos();
    let body = r.bytes(len)?;
    r.finish()?;
    let (rd, components, comp_at) = if family.safi == Safi::FLOWSPEC_VPN {
        let rd = RouteDistinguisher::from_slice(body).ok_or(Error::Length {
            family,
            what: "flowspec-vpn length under route distinguisher",
            length: len,
            offset: len_at,
        })?;
        (Some(rd), &body[8..], body_at.saturating_add(8))
    } else {
        (None, body, body_at)
    };
    let fs = FlowSpec {
        rd,
        family,
        components,
        offset: comp_at,
    };
    for c in fs.components() {
        c?;
    }
    Ok(fs)
}

#[cfg(test)]
mod tests;
