//! The [`Registry`] of family decoders and [`NlriIter`], which splits a run of NLRI with it.

use std::borrow::Cow;

use ribcage_buffer::Cursor;

use crate::family::bgp_ls::BGP_LS;
use crate::family::evpn::EVPN;
use crate::family::flowspec::FLOWSPEC;
use crate::family::labeled_unicast::LABELED_UNICAST;
use crate::family::mpls_vpn::MPLS_VPN;
use crate::family::mup::MUP;
use crate::family::mvpn::MVPN;
use crate::family::opaque::OPAQUE;
use crate::family::rt_constraint::RT_CONSTRAINT;
use crate::family::sr_policy::SR_POLICY;
use crate::family::unicast::{self, UNICAST};
use crate::family::vpls::VPLS;
use crate::{DecodeContext, Error, Family, FamilyDecoder, FieldPolicies, NlriRef};

/// Every built-in decoder. Extend a [`Registry`] made from it with your own.
pub static DEFAULT_FAMILIES: &[&dyn FamilyDecoder] = &[
    &UNICAST,
    &LABELED_UNICAST,
    &MPLS_VPN,
    &VPLS,
    &RT_CONSTRAINT,
    &MVPN,
    &EVPN,
    &FLOWSPEC,
    &SR_POLICY,
    &MUP,
    &BGP_LS,
];

/// The decoders in use, looked up by family. A decoder registered later wins over an earlier one
/// for the families it lists; a family nobody registered decodes as opaque bytes.
#[derive(Debug, Clone)]
pub struct Registry {
    decoders: Cow<'static, [&'static dyn FamilyDecoder]>,
    policies: Vec<(Family, FieldPolicies)>,
    /// Whether `decoders` are exactly [`DEFAULT_FAMILIES`] (no decoder added).
    builtin: bool,
}

impl Default for Registry {
    fn default() -> Self {
        Self::BUILTIN
    }
}

impl Registry {
    /// The registry of [`DEFAULT_FAMILIES`].
    pub const BUILTIN: Registry = Registry {
        decoders: Cow::Borrowed(DEFAULT_FAMILIES),
        policies: Vec::new(),
        builtin: true,
    };

    /// A registry of exactly these decoders.
    pub fn new(decoders: &[&'static dyn FamilyDecoder]) -> Self {
        Self {
            decoders: Cow::Owned(decoders.to_vec()),
            policies: Vec::new(),
            builtin: false,
        }
    }

    /// Overrides the intern policies of `family`'s fields (the decoder's own
    /// [`FamilyDecoder::policies`] otherwise).
    pub fn set_policies(&mut self, family: Family, policies: FieldPolicies) {
        match self.policies.iter_mut().find(|(f, _)| *f == family) {
            Some(slot) => slot.1 = policies,
            None => self.policies.push((family, policies)),
        }
    }

    /// The intern policies for `family`'s fields: the user's override, else the decoder's.
    pub fn policies(&self, family: Family) -> FieldPolicies {
        self.policies
            .iter()
            .find(|(f, _)| *f == family)
            .map(|(_, p)| *p)
            .unwrap_or_else(|| self.decoder(family).policies())
    }

    /// Adds a decoder; for the families it lists it replaces any earlier one, built-ins included.
    pub fn register(&mut self, decoder: &'static dyn FamilyDecoder) {
        self.builtin = false;
        self.decoders.to_mut().push(decoder);
    }

    /// The decoder for `family`: the last registered that lists it, else the opaque decoder.
    pub fn decoder(&self, family: Family) -> &'static dyn FamilyDecoder {
        let decoders: &[&'static dyn FamilyDecoder] = &self.decoders;
        if self.builtin {
            // The built-in decoders list disjoint families (tested), so the first that lists
            // `family` is the last: search forward, where unicast, the common case, is first
            // (a record's lookup costs a few instructions instead of eleven dynamic calls).
            return decoders
                .iter()
                .find(|d| d.families().contains(&family))
                .copied()
                .unwrap_or(&OPAQUE);
        }
        decoders
            .iter()
            .rev()
            .find(|d| d.families().contains(&family))
            .copied()
            .unwrap_or(&OPAQUE)
    }

    /// Whether a decoder other than the opaque fallback handles `family`.
    pub fn knows(&self, family: Family) -> bool {
        self.decoders.iter().any(|d| d.families().contains(&family))
    }

    /// Splits the NLRI of `family` in `cur`, reading ADD-PATH identifiers where `ctx` says so.
    #[inline]
    pub fn iter<'a>(
        &self,
        family: Family,
        cur: Cursor<'a>,
        ctx: &'a DecodeContext,
    ) -> NlriIter<'a> {
        // The built-in registry's decoder for the unicast and multicast families is
        // `UNICAST` (the first listed): the iterator calls it directly.
        let unicast = self.builtin && unicast::handles(family);
        NlriIter {
            decoder: if unicast {
                &UNICAST
            } else {
                self.decoder(family)
            },
            unicast,
            ctx,
            family,
            add_path: ctx.add_path(family),
            start: cur,
            rest: cur.rest(),
            offset: cur.position(),
            done: false,
        }
    }
}

/// Iterator over a run of NLRI of one family, yielding each NLRI or the first error (after which
/// it ends: the extent of what follows a framing error is unknown).
#[derive(Debug, Clone)]
pub struct NlriIter<'a> {
    decoder: &'static dyn FamilyDecoder,
    /// Whether `decoder` is the built-in [`UNICAST`].
    unicast: bool,
    ctx: &'a DecodeContext,
    family: Family,
    add_path: bool,
    /// The run as given; the slow path rebuilds the cursor a decoder would be at from it.
    start: Cursor<'a>,
    /// What is left of the run, and the absolute offset of its first byte (as the cursor's
    /// `rest` and `position` would be).
    rest: &'a [u8],
    offset: usize,
    done: bool,
}

impl<'a> NlriIter<'a> {
    /// The next NLRI through a cursor: ADD-PATH identifiers, other decoders, and errors.
    #[inline(never)]
    fn next_nlri(&mut self) -> Result<NlriRef<'a>, Error> {
        // The cursor a decoder walking the run from the start would be at: the same slice,
        // position and base.
        let mut cur = self.start;
        cur.skip(self.start.remaining() - self.rest.len())
            .map_err(|e| Error::from_buffer(self.family, e))?;
        let item = self.split_at(&mut cur);
        self.rest = cur.rest();
        self.offset = cur.position();
        item
    }

    fn split_at(&self, cur: &mut Cursor<'a>) -> Result<NlriRef<'a>, Error> {
        let path_id = if self.add_path {
            Some(
                cur.read_u32()
                    .map_err(|e| Error::from_buffer(self.family, e))?,
            )
        } else {
            None
        };
        let offset = cur.position();
        if self.unicast {
            // The decoder's own split reports what this one declines.
            if let Some(wire) = unicast::split_ok(self.family, cur) {
                return Ok(NlriRef::unicast(
                    self.ctx,
                    self.family,
                    path_id,
                    wire,
                    offset,
                ));
            }
        }
        let wire = self.decoder.split(self.family, cur, self.ctx)?;
        Ok(NlriRef::new(
            self.decoder,
            self.ctx,
            self.family,
            path_id,
            wire,
            offset,
        ))
    }
}

impl<'a> Iterator for NlriIter<'a> {
    type Item = Result<NlriRef<'a>, Error>;

    // Always: a route loop's cost is mostly this call otherwise.
    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.rest.is_empty() {
            return None;
        }
        if self.unicast && !self.add_path {
            // The common case, inline, on the slice; `next_nlri` reports what `split_wire`
            // declines.
            if let Some((wire, tail)) = unicast::split_wire(self.family, self.rest) {
                let offset = self.offset;
                self.rest = tail;
                self.offset = offset.saturating_add(wire.len());
                return Some(Ok(NlriRef::unicast(
                    self.ctx,
                    self.family,
                    None,
                    wire,
                    offset,
                )));
            }
        }
        let item = self.next_nlri();
        self.done = item.is_err();
        Some(item)
    }
}

impl std::iter::FusedIterator for NlriIter<'_> {}
