//! Labeled unicast NLRI (SAFI 4; RFC 8277), and the label-stack framing VPN NLRI share.
//!
//! Wire form (RFC 8277 §2): a length in bits covering everything after it, one or more 3-octet
//! label fields (up to the Multiple Labels capability's count, ending at the bottom-of-stack bit),
//! then the prefix octets. A withdrawal may carry the single value 0x800000 or 0x000000 in place
//! of the labels (§2.4).
//!
//! The stack ends at the bottom-of-stack bit, at a withdrawal value, or after
//! [`DecodeContext::max_labels`] labels — unless the bits left would be too many for a prefix,
//! in which case the stack is read on to its bottom (RFC 3107 stacks; GoBGP sends two labels
//! without the Multiple Labels capability).

use ribcage_buffer::Cursor;

use super::unicast::{host_bits_set, max_len};
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

/// How many label fields start `body` (at absolute `offset`).
///
/// The stack ends at the first label with the bottom-of-stack bit or a withdrawal's compatibility
/// value, or once `max` labels (the Multiple Labels capability, RFC 8277 §2.1) are read — unless
/// the bits left would then be too many for a prefix (`total_bits - fixed_bits - 24 * n` over
/// `max_prefix`): then, as RFC 3107 stacks did and as GoBGP sends without the capability,
/// labels are read on to the bottom of the stack.
fn label_count(
    family: Family,
    body: &[u8],
    offset: usize,
    max: u8,
    total_bits: usize,
    max_prefix: usize,
) -> Result<usize, Error> {
    let mut n = 0;
    loop {
        let at = 3 * n;
        let Some(c) = body.get(at..at + 3) else {
            return Err(Error::Truncated {
                family,
                needed: 3,
                available: body.len().saturating_sub(at),
                offset: offset + at,
            });
        };
        n += 1;
        let label = Label::from_wire([c[0], c[1], c[2]]);
        if label.bottom_of_stack() || label.is_withdraw_compat() {
            return Ok(n);
        }
        if n >= usize::from(max) && total_bits.saturating_sub(24 * n) <= max_prefix {
            return Ok(n);
        }
    }
}

/// Parses a labeled NLRI's wire bytes (length octet included); `with_rd` for VPN families.
pub(crate) fn parse_labeled<'a>(
    family: Family,
    wire: &'a [u8],
    offset: usize,
    ctx: &DecodeContext,
    with_rd: bool,
) -> Result<LabeledParts<'a>, Error> {
    let (&bits, body) = wire.split_first().ok_or(Error::Truncated {
        family,
        needed: 1,
        available: 0,
        offset,
    })?;
    let octets = usize::from(bits).div_ceil(8);
    let body = body.get(..octets).ok_or(Error::Truncated {
        family,
        needed: octets,
        available: body.len(),
        offset: offset + 1,
    })?;
    let rd_len = if with_rd { 8 } else { 0 };
    let max = max_len(family.afi);
    let n = label_count(
        family,
        body,
        offset + 1,
        ctx.max_labels(),
        usize::from(bits).saturating_sub(8 * rd_len),
        max.into(),
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
        let (rd, octets) = rest.split_at(8);
        let mut b = [0u8; 8];
        b.copy_from_slice(rd);
        (Some(RouteDistinguisher(b)), octets)
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
    let start = *cur;
    let offset = cur.position();
    let bits = cur.read_u8().map_err(|e| Error::from_buffer(family, e))?;
    cur.skip(usize::from(bits).div_ceil(8))
        .map_err(|e| Error::from_buffer(family, e))?;
    let wire = &start.rest()[..1 + usize::from(bits).div_ceil(8)];
    parse_labeled(family, wire, offset, ctx, with_rd)?;
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
