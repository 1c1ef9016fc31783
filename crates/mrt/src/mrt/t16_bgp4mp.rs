//! BGP4MP and BGP4MP_ET (types 16, 17; RFC 6396 §4.4, RFC 8050 §3): state changes and BGP
//! messages. AS width and ADD-PATH come from the subtype.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Session};

use super::read_ip;
use crate::Error;

/// A BGP4MP subtype (RFC 6396 §4.4, RFC 8050 §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bgp4mpSubtype(pub u16);

impl Bgp4mpSubtype {
    /// STATE_CHANGE.
    pub const STATE_CHANGE: Self = Self(0);
    /// MESSAGE.
    pub const MESSAGE: Self = Self(1);
    /// MESSAGE_AS4.
    pub const MESSAGE_AS4: Self = Self(4);
    /// STATE_CHANGE_AS4.
    pub const STATE_CHANGE_AS4: Self = Self(5);
    /// MESSAGE_LOCAL.
    pub const MESSAGE_LOCAL: Self = Self(6);
    /// MESSAGE_AS4_LOCAL.
    pub const MESSAGE_AS4_LOCAL: Self = Self(7);
    /// MESSAGE_ADDPATH (RFC 8050).
    pub const MESSAGE_ADDPATH: Self = Self(8);
    /// MESSAGE_AS4_ADDPATH (RFC 8050).
    pub const MESSAGE_AS4_ADDPATH: Self = Self(9);
    /// MESSAGE_LOCAL_ADDPATH (RFC 8050).
    pub const MESSAGE_LOCAL_ADDPATH: Self = Self(10);
    /// MESSAGE_AS4_LOCAL_ADDPATH (RFC 8050).
    pub const MESSAGE_AS4_LOCAL_ADDPATH: Self = Self(11);

    /// For message subtypes: (4-byte AS, locally generated, ADD-PATH). `None` otherwise.
    pub fn message(self) -> Option<(bool, bool, bool)> {
        Some(match self.0 {
            1 => (false, false, false),
            4 => (true, false, false),
            6 => (false, true, false),
            7 => (true, true, false),
            8 => (false, false, true),
            9 => (true, false, true),
            10 => (false, true, true),
            11 => (true, true, true),
            _ => return None,
        })
    }

    /// For state change subtypes: whether AS numbers are 4 bytes. `None` otherwise.
    pub fn state_change(self) -> Option<bool> {
        match self.0 {
            0 => Some(false),
            5 => Some(true),
            _ => None,
        }
    }
}

/// The peering fields every BGP4MP record starts with (RFC 6396 §4.4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Peering {
    /// Peer AS.
    pub peer_as: u32,
    /// Local AS.
    pub local_as: u32,
    /// Interface index.
    pub interface: u16,
    /// Address family of the two addresses.
    pub afi: Afi,
    /// Peer IP.
    pub peer_ip: IpAddr,
    /// Local IP.
    pub local_ip: IpAddr,
}

impl Peering {
    fn parse(cur: &mut Cursor<'_>, as4: bool) -> Result<Self, Error> {
        let read_as = |cur: &mut Cursor<'_>| -> Result<u32, Error> {
            Ok(if as4 {
                cur.read_u32()?
            } else {
                u32::from(cur.read_u16()?)
            })
        };
        let peer_as = read_as(cur)?;
        let local_as = read_as(cur)?;
        let interface = cur.read_u16()?;
        let afi_off = cur.position();
        let afi = Afi(cur.read_u16()?);
        let peer_ip = read_ip(cur, afi, afi_off)?;
        let local_ip = read_ip(cur, afi, afi_off)?;
        Ok(Self {
            peer_as,
            local_as,
            interface,
            afi,
            peer_ip,
            local_ip,
        })
    }
}

/// A BGP4MP STATE_CHANGE or STATE_CHANGE_AS4 body (RFC 6396 §4.4.1, §4.4.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateChange {
    /// Who and where.
    pub peering: Peering,
    /// FSM state before (RFC 6396 §4.4.1: 1 Idle .. 6 Established).
    pub old_state: u16,
    /// FSM state after.
    pub new_state: u16,
}

impl StateChange {
    /// Parses a state change body.
    pub fn parse(mut cur: Cursor<'_>, as4: bool) -> Result<Self, Error> {
        let peering = Peering::parse(&mut cur, as4)?;
        let old_state = cur.read_u16()?;
        let new_state = cur.read_u16()?;
        Ok(Self {
            peering,
            old_state,
            new_state,
        })
    }
}

/// BGP message types (RFC 4271 §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BgpMessageType(pub u8);

impl BgpMessageType {
    /// OPEN.
    pub const OPEN: Self = Self(1);
    /// UPDATE.
    pub const UPDATE: Self = Self(2);
    /// NOTIFICATION.
    pub const NOTIFICATION: Self = Self(3);
    /// KEEPALIVE.
    pub const KEEPALIVE: Self = Self(4);
    /// ROUTE-REFRESH (RFC 2918).
    pub const ROUTE_REFRESH: Self = Self(5);
}

/// A BGP4MP message body (RFC 6396 §4.4.2, §4.4.3, §4.4.6, §4.4.7; RFC 8050 §3).
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    /// Who and where. For the `_LOCAL` subtypes the message was sent by the local side.
    pub peering: Peering,
    /// Whether the message was generated locally (the `_LOCAL` subtypes).
    pub local: bool,
    /// Whether the subtype is an ADD-PATH one.
    pub add_path: bool,
    /// Whether AS numbers inside the message are 4 bytes.
    pub four_byte_as: bool,
    /// The BGP message type.
    pub message_type: BgpMessageType,
    /// The message after its 19-byte header; for UPDATE, the body [`crate::update::UpdateParts`]
    /// splits.
    pub body: Cursor<'a>,
    /// Absolute offset of the BGP message (its marker).
    pub message_offset: usize,
    /// Bytes the message length promised but the record did not hold (recorders cut long
    /// messages); the body is what remained.
    pub cut_bytes: usize,
}

impl<'a> Message<'a> {
    /// Parses a message body of `subtype` (a message subtype).
    #[inline(always)]
    pub fn parse(subtype: Bgp4mpSubtype, cur: Cursor<'a>) -> Result<Self, Error> {
        match Self::parse_whole(subtype, cur) {
            Some(m) => Ok(m),
            None => Self::parse_fields(subtype, cur),
        }
    }

    /// [`Message::parse`] of a body whose fixed fields are all there and valid (IPv4 or IPv6
    /// peering, the marker, a length of at least 19, the type), read straight from the slice;
    /// `None` otherwise, for [`Message::parse_fields`] to report. Gives what that gives.
    #[inline(always)]
    pub(crate) fn parse_whole(subtype: Bgp4mpSubtype, cur: Cursor<'a>) -> Option<Self> {
        let (four_byte_as, local, add_path) = subtype.message()?;
        let b = cur.rest();
        let (peer_as, local_as, at) = if four_byte_as {
            let &[a0, a1, a2, a3, l0, l1, l2, l3] = b.get(..8)? else {
                return None;
            };
            (
                u32::from_be_bytes([a0, a1, a2, a3]),
                u32::from_be_bytes([l0, l1, l2, l3]),
                8,
            )
        } else {
            let &[a0, a1, l0, l1] = b.get(..4)? else {
                return None;
            };
            (
                u32::from(u16::from_be_bytes([a0, a1])),
                u32::from(u16::from_be_bytes([l0, l1])),
                4,
            )
        };
        let &[i0, i1, f0, f1] = b.get(at..at + 4)? else {
            return None;
        };
        let afi = Afi(u16::from_be_bytes([f0, f1]));
        let at = at + 4;
        let (peer_ip, local_ip, at) = match afi {
            Afi::IPV4 => {
                let ips: [u8; 8] = b.get(at..at + 8)?.try_into().ok()?;
                let [p0, p1, p2, p3, l0, l1, l2, l3] = ips;
                (
                    IpAddr::V4(Ipv4Addr::from([p0, p1, p2, p3])),
                    IpAddr::V4(Ipv4Addr::from([l0, l1, l2, l3])),
                    at + 8,
                )
            }
            Afi::IPV6 => {
                let ips: [u8; 32] = b.get(at..at + 32)?.try_into().ok()?;
                let (p, l) = ips.split_at(16);
                (
                    IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(p).ok()?)),
                    IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(l).ok()?)),
                    at + 32,
                )
            }
            _ => return None,
        };
        let header: [u8; 19] = b.get(at..at + 19)?.try_into().ok()?;
        let [marker @ .., l0, l1, kind] = header;
        let length = u16::from_be_bytes([l0, l1]);
        if marker != [0xff; 16] || length < 19 {
            return None;
        }
        // Slices and offsets as `skip` and `take` would give them (positions saturate; the
        // slice lengths were checked above).
        let message_offset = cur.position().saturating_add(at);
        let start = at + 19;
        let want = usize::from(length) - 19;
        let have = b.len() - start;
        let data = b.get(start..start + want.min(have))?;
        let body = Cursor::with_base(data, cur.position().saturating_add(start));
        Some(Self {
            peering: Peering {
                peer_as,
                local_as,
                interface: u16::from_be_bytes([i0, i1]),
                afi,
                peer_ip,
                local_ip,
            },
            local,
            add_path,
            four_byte_as,
            message_type: BgpMessageType(kind),
            body,
            message_offset,
            cut_bytes: want.saturating_sub(have),
        })
    }

    /// [`Message::parse`] field by field, naming the first field that is missing or wrong.
    #[inline(never)]
    pub(crate) fn parse_fields(subtype: Bgp4mpSubtype, mut cur: Cursor<'a>) -> Result<Self, Error> {
        let offset = cur.position();
        let (four_byte_as, local, add_path) = subtype.message().ok_or(Error::Afi {
            afi: subtype.0,
            offset,
        })?;
        let peering = Peering::parse(&mut cur, four_byte_as)?;
        let message_offset = cur.position();
        let marker = cur.read_array::<16>()?;
        if marker != [0xff; 16] {
            return Err(Error::Marker {
                offset: message_offset,
            });
        }
        let len_off = cur.position();
        let length = cur.read_u16()?;
        if length < 19 {
            return Err(Error::MessageLength {
                length,
                offset: len_off,
            });
        }
        let message_type = BgpMessageType(cur.read_u8()?);
        let want = usize::from(length) - 19;
        let have = cur.remaining();
        let body = cur.take(want.min(have))?;
        Ok(Self {
            peering,
            local,
            add_path,
            four_byte_as,
            message_type,
            body,
            message_offset,
            cut_bytes: want.saturating_sub(have),
        })
    }

    /// The decode context the record implies: AS width and ADD-PATH for every family from the
    /// subtype, the session from the two AS numbers ([`Message::session`]).
    pub fn context(&self) -> DecodeContext {
        DecodeContext::default()
            .with_four_byte_as(self.four_byte_as)
            .with_add_path_all(self.add_path)
            .with_session(self.session())
    }

    /// Whether the peer is internal or external: [`Session::Internal`] when the peer AS equals
    /// the local AS, [`Session::External`] when they differ (RFC 4271 §1.1), which decides how
    /// RFC 7606 §7.5, §7.9 and §7.10 treat LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST.
    ///
    /// [`Session::Unknown`] when the two numbers cannot tell: either is 0 (reserved, RFC 7607:
    /// a recorder that did not know it), or a 2-byte subtype holds AS_TRANS (23456, RFC 6793)
    /// for both, which stands for any 4-byte AS. A confederation peer in another member AS
    /// (RFC 5065) looks external here.
    pub fn session(&self) -> Session {
        const AS_TRANS: u32 = 23456;
        let (peer, local) = (self.peering.peer_as, self.peering.local_as);
        if peer == 0 || local == 0 || (!self.four_byte_as && peer == AS_TRANS && local == AS_TRANS)
        {
            return Session::Unknown;
        }
        Session::between(local, peer)
    }
}

#[cfg(test)]
mod tests;
