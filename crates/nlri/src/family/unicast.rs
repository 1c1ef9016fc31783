//! IPv4/IPv6 unicast and multicast NLRI (SAFI 1 and 2; RFC 4271 §4.3, RFC 4760 §5).
//!
//! Wire form: a length in bits, then the `length.div_ceil(8)` significant octets of the prefix.

use ribcage_buffer::Cursor;

use super::wire::{split_bits, Reader};
use crate::{Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Prefix, Safi};

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
        prefix(family, wire)
    }
}

/// Whether `family` is one of [`UnicastDecoder`]'s (its `families()`, without a dynamic call).
#[inline]
pub(crate) fn handles(family: Family) -> bool {
    matches!(family.afi, Afi::IPV4 | Afi::IPV6)
        && matches!(family.safi, Safi::UNICAST | Safi::MULTICAST)
}

/// [`UnicastDecoder`]'s prefix of one NLRI's wire bytes (what
/// [`FamilyDecoder::prefix`] returns), callable without a dynamic call.
#[inline(always)]
pub(crate) fn prefix(family: Family, wire: &[u8]) -> Option<Prefix> {
    let (&len, octets) = wire.split_first()?;
    if u16::from(len) > max_len(family.afi) || octets.len() != usize::from(len).div_ceil(8) {
        return None;
    }
    Prefix::from_wire(family.afi, len, octets)
}

/// [`split_ok`] on a slice: the NLRI and what follows it, or `None`.
#[inline(always)]
pub(crate) fn split_wire(family: Family, rest: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&len, octets) = rest.split_first()?;
    let n = usize::from(len).div_ceil(8);
    if u16::from(len) > max_len(family.afi) || n > octets.len() {
        return None;
    }
    rest.split_at_checked(1 + n)
}

/// Splits one NLRI off `cur` as [`UnicastDecoder::split`] does when it succeeds; `None` when
/// it would fail (the length is over the family's maximum or the octets are cut), leaving
/// `cur` unmoved so that the decoder can report the error.
#[inline]
pub(crate) fn split_ok<'a>(family: Family, cur: &mut Cursor<'a>) -> Option<&'a [u8]> {
    let rest = cur.rest();
    let (&len, octets) = rest.split_first()?;
    let n = usize::from(len).div_ceil(8);
    if u16::from(len) > max_len(family.afi) || n > octets.len() {
        return None;
    }
    cur.take_slice(1 + n).ok()
}

#[cfg(test)]
mod tests;
