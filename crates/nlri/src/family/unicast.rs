//! IPv4/IPv6 unicast and multicast NLRI (SAFI 1 and 2; RFC 4271 §4.3, RFC 4760 §5).
//!
//! Wire form: a length in bits, then the `length.div_ceil(8)` significant octets of the prefix.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ribcage_buffer::Cursor;

use super::wire::{split_bits, Reader};
use crate::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Prefix};

/// Decoder for IPv4/IPv6 unicast and multicast prefixes.
#[derive(Debug)]
pub struct UnicastDecoder;

/// The built-in unicast/multicast decoder.
pub static UNICAST: UnicastDecoder = UnicastDecoder;

/// The longest prefix an AFI allows, in bits.
pub(crate) fn max_len(afi: Afi) -> u16 {
    if afi == Afi::IPV6 {
        128
    } else {
        32
    }
}

/// Checks a prefix length (at absolute `offset`) against the family's maximum.
fn check_len(family: Family, len: u8, offset: usize) -> Result<(), Error> {
    let max = max_len(family.afi);
    if u16::from(len) > max {
        return Err(Error::PrefixLength {
            family,
            length: len.into(),
            max,
            offset,
        });
    }
    Ok(())
}

/// Whether any bit past `len` is set in the packed prefix octets.
pub(crate) fn host_bits_set(len: u8, octets: &[u8]) -> bool {
    let rem = len % 8;
    rem != 0
        && octets
            .get(usize::from(len / 8))
            .is_some_and(|last| last & (0xff >> rem) != 0)
}

impl FamilyDecoder for UnicastDecoder {
    fn families(&self) -> &[Family] {
        &[
            Family::IPV4_UNICAST,
            Family::IPV6_UNICAST,
            Family::IPV4_MULTICAST,
            Family::IPV6_MULTICAST,
        ]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_bits(family, cur, |len, offset| check_len(family, len, offset))
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        let mut r = Reader::new(family, wire, offset);
        let (len, octets) = r.bits_and_octets(|len, at| check_len(family, len, at))?;
        r.finish()?;
        let prefix = Prefix::from_wire(family.afi, len, octets).ok_or(Error::PrefixLength {
            family,
            length: len.into(),
            max: max_len(family.afi),
            offset,
        })?;
        Ok(Decoded::Unicast {
            prefix,
            host_bits_set: host_bits_set(len, octets),
        })
    }

    /// [`decode`](FamilyDecoder::decode)'s prefix without the [`Decoded`] value: the same
    /// checks (length within the family's maximum, octets exactly those the length needs).
    fn prefix(
        &self,
        family: Family,
        wire: &[u8],
        _offset: usize,
        _ctx: &DecodeContext,
    ) -> Option<Prefix> {
        let (&len, octets) = wire.split_first()?;
        if u16::from(len) > max_len(family.afi) || octets.len() != usize::from(len).div_ceil(8) {
            return None;
        }
        // The octets read as a number rather than copied into an address array: a copy of a
        // variable length is a library call, more than the rest of the decode.
        let addr = match family.afi {
            Afi::IPV4 => IpAddr::V4(Ipv4Addr::from(packed_v4(octets))),
            Afi::IPV6 => IpAddr::V6(Ipv6Addr::from(packed_v6(octets))),
            _ => return None,
        };
        Prefix::new(addr, len)
    }
}

/// The (at most 4) significant octets of an IPv4 prefix as the address they start, the rest
/// zero.
#[inline]
fn packed_v4(octets: &[u8]) -> u32 {
    match *octets {
        [] => 0,
        [a] => u32::from(a) << 24,
        [a, b] => u32::from(u16::from_be_bytes([a, b])) << 16,
        [a, b, c] => u32::from_be_bytes([a, b, c, 0]),
        [a, b, c, d, ..] => u32::from_be_bytes([a, b, c, d]),
    }
}

/// The (at most 16) significant octets of an IPv6 prefix as the address they start, the rest
/// zero: whole 8-byte words, then the last few octets one at a time.
#[inline]
fn packed_v6(octets: &[u8]) -> u128 {
    let octets = octets.get(..16).unwrap_or(octets);
    let (hi, rest) = match octets.split_first_chunk::<8>() {
        Some((w, rest)) => (u64::from_be_bytes(*w), rest),
        None => (0, octets),
    };
    let mut lo = 0u64;
    for (i, &b) in rest.iter().take(8).enumerate() {
        lo |= u64::from(b) << (56 - 8 * i);
    }
    if octets.len() < 8 {
        // Fewer than 8 octets: they are the high word's.
        return u128::from(lo) << 64;
    }
    u128::from(hi) << 64 | u128::from(lo)
}
