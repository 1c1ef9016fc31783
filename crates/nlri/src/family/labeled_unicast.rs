//! Labeled unicast NLRI (SAFI 4; RFC 8277), and the label-stack framing VPN NLRI share.
//!
//! Wire form (RFC 8277 §2): a length in bits covering everything after it, one or more 3-octet
//! label fields (up to the Multiple Labels capability's count, ending at the bottom-of-stack bit),
//! then the prefix octets. A withdrawal may carry the single value 0x800000 or 0x000000 in place
//! of the labels (§2.4).
//!
//! The stack ends at the first label with the bottom-of-stack bit or a withdrawal value, as FRR,
//! BIRD and GoBGP read it (RFC 3107 stacks: GoBGP sends two labels without the Multiple Labels
//! capability). Only when no label within the NLRI's length has the bit is the stack taken to
//! be [`DecodeContext::max_labels`] labels (a sender that leaves the bit clear on its one label).

use ribcage_buffer::Cursor;

use super::unicast::{host_bits_set, max_len};
use super::wire::{split_bits, Reader};
use crate::{
    DecodeContext, Decoded, Error, Family, FamilyDecoder, Label, Labels, Prefix, RouteDistinguisher,
};

/// Decoder for IPv4/IPv6 labeled unicast.
#[derive(Debug)]
pub struct LabeledUnicastDecoder;

/// The built-in labeled unicast decoder.
pub static LABELED_UNICAST: LabeledUnicastDecoder = LabeledUnicastDecoder;

/// The fields of a labeled NLRI, with or without a route distinguisher.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabeledParts<'a> {
    pub(crate) labels: Labels<'a>,
    pub(crate) rd: Option<RouteDistinguisher>,
    pub(crate) prefix: Prefix,
    pub(crate) host_bits_set: bool,
}

/// How many label fields start `body` (at absolute `offset`), `total_bits` being the NLRI's
/// length less any route distinguisher.
///
/// The stack ends at the first label with the bottom-of-stack bit or a withdrawal's compatibility
/// value (RFC 8277 §2.1, §2.4), as FRR, BIRD and GoBGP read it, looked for as long as another
/// label fits in `total_bits`. A stack with no such label there is taken to be `max` labels (the
/// Multiple Labels capability's count; 1 without it), for senders that leave the bit clear on
/// their single label.
fn label_count(
    family: Family,
    body: &[u8],
    offset: usize,
    max: u8,
    total_bits: usize,
) -> Result<usize, Error> {
    let truncated = |at: usize| Error::Truncated {
        family,
        needed: 3,
        available: body.len().saturating_sub(at),
        offset: offset.saturating_add(at),
    };
    let mut n = 0;
    loop {
        let at = 3 * n;
        let c = body.get(at..at + 3).ok_or_else(|| truncated(at))?;
        n += 1;
        let label = Label::from_wire([c[0], c[1], c[2]]);
        if label.bottom_of_stack() || label.is_withdraw_compat() {
            return Ok(n);
        }
        if 24 * (n + 1) > total_bits {
            break;
        }
    }
    let max = usize::from(max);
    if body.len() < 3 * max {
        return Err(truncated(3 * n));
    }
    Ok(max)
}

/// Parses a labeled NLRI's wire bytes (length octet included); `with_rd` for VPN families.
pub(crate) fn parse_labeled<'a>(
    family: Family,
    wire: &'a [u8],
    offset: usize,
    ctx: &DecodeContext,
    with_rd: bool,
) -> Result<LabeledParts<'a>, Error> {
    let mut r = Reader::new(family, wire, offset);
    let (bits, body) = r.bits_and_octets(|_, _| Ok(()))?;
    r.finish()?;
    let rd_len = if with_rd { 8 } else { 0 };
    let max = max_len(family.afi);
    let n = label_count(
        family,
        body,
        offset.saturating_add(1),
        ctx.max_labels(),
        usize::from(bits).saturating_sub(8 * rd_len),
    )?;
    let fixed = 3 * n + rd_len;
    let Some(prefix_bits) = usize::from(bits).checked_sub(8 * fixed) else {
        return Err(Error::Length {
            family,
            what: "shorter than its labels and route distinguisher",
            length: bits.into(),
            offset,
        });
    };
    if prefix_bits > usize::from(max) {
        return Err(Error::PrefixLength {
            family,
            length: prefix_bits as u16,
            max,
            offset,
        });
    }
    let (labels, rest) = body.split_at(3 * n);
    let (rd, octets) = if with_rd {
        // `prefix_bits` is not negative, so `rest` holds the whole RD.
        (
            RouteDistinguisher::from_slice(rest),
            rest.get(8..).unwrap_or_default(),
        )
    } else {
        (None, rest)
    };
    let len = prefix_bits as u8;
    let prefix = Prefix::from_wire(family.afi, len, octets).ok_or(Error::PrefixLength {
        family,
        length: len.into(),
        max,
        offset,
    })?;
    Ok(LabeledParts {
        labels: Labels::new(labels).unwrap_or_default(),
        rd,
        prefix,
        host_bits_set: host_bits_set(len, octets),
    })
}

/// Splits one labeled NLRI off `cur`, validating it fully.
pub(crate) fn split_labeled<'a>(
    family: Family,
    cur: &mut Cursor<'a>,
    ctx: &DecodeContext,
    with_rd: bool,
) -> Result<&'a [u8], Error> {
    let offset = cur.position();
    let mut rest = *cur;
    let wire = split_bits(family, &mut rest, |_, _| Ok(()))?;
    parse_labeled(family, wire, offset, ctx, with_rd)?;
    *cur = rest;
    Ok(wire)
}

impl FamilyDecoder for LabeledUnicastDecoder {
    fn families(&self) -> &[Family] {
        &[Family::IPV4_LABELED_UNICAST, Family::IPV6_LABELED_UNICAST]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        split_labeled(family, cur, ctx, false)
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        let p = parse_labeled(family, wire, offset, ctx, false)?;
        Ok(Decoded::Labeled {
            labels: p.labels,
            prefix: p.prefix,
            host_bits_set: p.host_bits_set,
        })
    }
}
