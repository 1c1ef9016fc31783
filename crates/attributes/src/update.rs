//! [`Update`]: a lazy view of one BGP UPDATE message (RFC 4271 §4.3, RFC 4760), its framing
//! validated once, its RFC 7606 outcome computed once.

use std::fmt;

use ribcage_buffer::{Cursor, View};
use ribcage_nlri::{DecodeContext, Family, NlriIter, NlriRef, Registry};

use crate::attr::nlri_run::Seq;
use crate::attrs::Problems;
use crate::{AttrType, Error, MpReach, MpUnreach, Outcome, PathAttributes, Problem};

/// BGP message type of UPDATE (RFC 4271 §4.1).
const UPDATE: u8 = 2;
/// Length of the BGP message header (RFC 4271 §4.1).
pub const HEADER_LEN: usize = 19;

/// The three variable fields of an UPDATE body (RFC 4271 §4.3) located, nothing decoded: the
/// cheapest way to find a message's parts when its RFC 7606 outcome is not wanted.
#[derive(Clone, Copy, Debug)]
pub struct UpdateFields<'a> {
    /// Withdrawn Routes (IPv4 unicast prefixes), with absolute offsets.
    pub withdrawn: Cursor<'a>,
    /// The path attribute block.
    pub attributes: Cursor<'a>,
    /// The NLRI field (IPv4 unicast prefixes).
    pub nlri: Cursor<'a>,
}

impl<'a> UpdateFields<'a> {
    /// Splits the UPDATE body `body` (after the 19-byte header), whose first byte is at absolute
    /// offset `base`, checking its two length fields (RFC 7606 §4: a failure is session reset).
    #[inline]
    pub fn split(body: &'a [u8], base: usize) -> Result<Self, Error> {
        match Self::split_sound(body, base) {
            Some(f) => Ok(f),
            None => Self::split_checked(body, base),
        }
    }

    /// [`UpdateFields::split`] of a body whose two length fields fit, both read first; `None`
    /// otherwise, for [`UpdateFields::split_checked`] to report.
    #[inline]
    fn split_sound(body: &'a [u8], base: usize) -> Option<Self> {
        let &[w0, w1, ..] = body else { return None };
        let wd_len = usize::from(u16::from_be_bytes([w0, w1]));
        let &[a0, a1] = body.get(2 + wd_len..4 + wd_len)? else {
            return None;
        };
        let at_len = usize::from(u16::from_be_bytes([a0, a1]));
        if 4 + wd_len + at_len > body.len() {
            return None;
        }
        let mut cur = Cursor::with_base(body, base);
        cur.skip(2).ok()?;
        let withdrawn = cur.take(wd_len).ok()?;
        cur.skip(2).ok()?;
        let attributes = cur.take(at_len).ok()?;
        Some(Self {
            withdrawn,
            attributes,
            nlri: cur,
        })
    }

    /// [`UpdateFields::split`] field by field, naming the length that does not fit.
    #[inline(never)]
    pub(crate) fn split_checked(body: &'a [u8], base: usize) -> Result<Self, Error> {
        let mut cur = Cursor::with_base(body, base);
        let wd_at = cur.position();
        let wd_len = usize::from(cur.read_u16().map_err(Error::buffer)?);
        if wd_len > cur.remaining() {
            return Err(Error::WithdrawnLength {
                length: wd_len,
                available: cur.remaining(),
                offset: wd_at,
            });
        }
        let withdrawn = cur.take(wd_len).map_err(Error::buffer)?;
        let at_at = cur.position();
        let at_len = usize::from(cur.read_u16().map_err(Error::buffer)?);
        if at_len > cur.remaining() {
            return Err(Error::AttributesLength {
                length: at_len,
                available: cur.remaining(),
                offset: at_at,
            });
        }
        let attributes = cur.take(at_len).map_err(Error::buffer)?;
        Ok(Self {
            withdrawn,
            attributes,
            nlri: cur,
        })
    }
}

/// One UPDATE message, borrowed from the wire.
///
/// [`Update::parse`] checks the body's framing (RFC 7606 §4: the two length fields) and walks
/// the attributes once to compute the RFC 7606 [`Outcome`]; everything else is decoded when
/// asked. It derefs to [`PathAttributes`] for the typed attribute accessors. Building and
/// iterating allocate nothing.
#[derive(Clone, Copy)]
pub struct Update<'a> {
    body: &'a [u8],
    base: usize,
    withdrawn_end: usize,
    nlri_start: usize,
    attrs: PathAttributes<'a>,
    ctx: &'a DecodeContext,
    registry: &'a Registry,
    outcome: Outcome,
}

impl<'a> Update<'a> {
    /// Parses the UPDATE body `body` (the message after its 19-byte header), whose first byte is
    /// at absolute offset `base`. Fails only when the framing cannot be trusted (RFC 7606 §4:
    /// session reset); every other problem is in [`Update::outcome`] and [`Update::problems`].
    pub fn parse(
        body: &'a [u8],
        base: usize,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        let fields = UpdateFields::split(body, base)?;
        let withdrawn_end = 2 + fields.withdrawn.remaining();
        let attrs_start = withdrawn_end + 2;
        let nlri_start = attrs_start + fields.attributes.remaining();
        let attrs = PathAttributes::new(
            fields.attributes.rest(),
            fields.attributes.position(),
            ctx,
            registry,
        );
        let mut update = Self {
            body,
            base,
            withdrawn_end,
            nlri_start,
            attrs,
            ctx,
            registry,
            outcome: Outcome::default(),
        };
        let mut outcome = Outcome::default();
        for p in update.problems() {
            outcome.add(p.action);
        }
        update.outcome = outcome;
        Ok(update)
    }

    /// Parses the body of a view (its absolute offset is kept).
    pub fn parse_view(
        view: &'a View,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        Self::parse(view.as_slice(), view.offset(), ctx, registry)
    }

    /// Parses a whole message, header included (marker, length, type; RFC 4271 §4.1), whose
    /// first byte is at absolute offset `base`. The length field must match `msg`'s length.
    pub fn from_message(
        msg: &'a [u8],
        base: usize,
        ctx: &'a DecodeContext,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        if msg.len() < HEADER_LEN {
            return Err(Error::Truncated {
                needed: HEADER_LEN,
                available: msg.len(),
                offset: base,
            });
        }
        let length = usize::from(u16::from_be_bytes([msg[16], msg[17]]));
        let kind = msg[18];
        if kind != UPDATE || length != msg.len() || msg[..16].iter().any(|&b| b != 0xff) {
            return Err(Error::Header {
                kind,
                length,
                offset: base,
            });
        }
        Self::parse(&msg[HEADER_LEN..], base + HEADER_LEN, ctx, registry)
    }

    /// The body bytes.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// Absolute offset of the body's first byte.
    pub fn offset(&self) -> usize {
        self.base
    }

    /// The decoding context.
    pub fn context(&self) -> &'a DecodeContext {
        self.ctx
    }

    /// The path attributes (also reachable through `Deref`).
    pub fn path_attributes(&self) -> &PathAttributes<'a> {
        &self.attrs
    }

    /// The path attributes, decoded, in wire order.
    pub fn attributes(&self) -> crate::attrs::Attributes<'a> {
        self.attrs.iter()
    }

    /// The IPv4 unicast routes withdrawn in the body's Withdrawn Routes field.
    pub fn withdrawn(&self) -> NlriIter<'a> {
        self.registry.iter(
            Family::IPV4_UNICAST,
            Cursor::with_base(&self.body[2..self.withdrawn_end], self.base + 2),
            self.ctx,
        )
    }

    /// The IPv4 unicast routes announced in the body's NLRI field.
    pub fn announced(&self) -> NlriIter<'a> {
        self.registry.iter(
            Family::IPV4_UNICAST,
            Cursor::with_base(&self.body[self.nlri_start..], self.base + self.nlri_start),
            self.ctx,
        )
    }

    /// Whether the body's NLRI field is non-empty.
    pub fn has_body_nlri(&self) -> bool {
        self.nlri_start < self.body.len()
    }

    /// Whether the body's Withdrawn Routes field is non-empty.
    pub fn has_body_withdrawn(&self) -> bool {
        self.withdrawn_end > 2
    }

    /// MP_REACH_NLRI: family, next hop and announced NLRI.
    pub fn mp_reach(&self) -> Result<Option<MpReach<'a>>, Error> {
        self.attrs.mp_reach()
    }

    /// MP_UNREACH_NLRI: family and withdrawn NLRI.
    pub fn mp_unreach(&self) -> Result<Option<MpUnreach<'a>>, Error> {
        self.attrs.mp_unreach()
    }

    /// Every announced route of every family: the body's NLRI, then MP_REACH_NLRI's.
    pub fn all_announced(&self) -> AllNlri<'a> {
        AllNlri {
            body: Some(self.announced()),
            mp: match self.mp_reach() {
                Ok(Some(m)) => Some(Ok(m.nlri())),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            },
            mp_code: AttrType::MP_REACH_NLRI,
        }
    }

    /// Every withdrawn route of every family: the body's Withdrawn Routes, then
    /// MP_UNREACH_NLRI's.
    pub fn all_withdrawn(&self) -> AllNlri<'a> {
        AllNlri {
            body: Some(self.withdrawn()),
            mp: match self.mp_unreach() {
                Ok(Some(m)) => Some(Ok(m.nlri())),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            },
            mp_code: AttrType::MP_UNREACH_NLRI,
        }
    }

    /// Whether the message announces any route (body NLRI or an MP_REACH_NLRI attribute).
    pub fn announces(&self) -> bool {
        self.has_body_nlri() || matches!(self.attrs.get(AttrType::MP_REACH_NLRI), Ok(Some(_)))
    }

    /// The family this message is the End-of-RIB marker of (RFC 4724 §2): an empty UPDATE for
    /// IPv4 unicast, or an UPDATE whose only attribute is an empty MP_UNREACH_NLRI.
    pub fn is_end_of_rib(&self) -> Option<Family> {
        if self.body.len() == 4 {
            return Some(Family::IPV4_UNICAST);
        }
        if self.has_body_withdrawn() || self.has_body_nlri() {
            return None;
        }
        let mut raw = self.attrs.raw();
        let only = raw.next()?.ok()?;
        if raw.next().is_some() || only.code != AttrType::MP_UNREACH_NLRI {
            return None;
        }
        let m = MpUnreach::from_raw(&only, self.ctx, self.registry).ok()?;
        m.nlri_wire().is_empty().then(|| m.family())
    }

    /// The RFC 7606 verdict on the whole message, computed when it was parsed.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// Every RFC 7606 problem: attributes in wire order, missing mandatory attributes, then
    /// NLRI errors of the body (withdrawn routes, NLRI field). Allocates nothing.
    ///
    /// An attribute that overruns the attribute block is treat-as-withdraw (RFC 7606 §4) only
    /// when the routes to withdraw can be found: the overrunning attribute is not MP_REACH_NLRI
    /// or MP_UNREACH_NLRI, and the body carries routes or an MP attribute came before it.
    /// Otherwise the routes may sit in the part that cannot be read, and it is a session reset
    /// (RFC 7606 §3 j).
    pub fn problems(&self) -> UpdateProblems<'a> {
        UpdateProblems {
            body_routes: self.has_body_nlri() || self.has_body_withdrawn(),
            attrs: self.attrs.problems(self.announces(), self.has_body_nlri()),
            withdrawn: Some(self.withdrawn()),
            announced: Some(self.announced()),
        }
    }
}

impl<'a> std::ops::Deref for Update<'a> {
    type Target = PathAttributes<'a>;

    fn deref(&self) -> &PathAttributes<'a> {
        &self.attrs
    }
}

impl fmt::Debug for Update<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Update")
            .field("offset", &self.base)
            .field("withdrawn", &self.withdrawn().collect::<Vec<_>>())
            .field("attributes", &self.attrs)
            .field("announced", &self.announced().collect::<Vec<_>>())
            .field("outcome", &self.outcome)
            .finish()
    }
}

impl serde::Serialize for Update<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let problems: Vec<Problem> = self.problems().collect();
        let mut st = s.serialize_struct("Update", 6)?;
        st.serialize_field("withdrawn", &Seq(self.withdrawn()))?;
        st.serialize_field("attributes", &self.attrs)?;
        st.serialize_field("announced", &Seq(self.announced()))?;
        st.serialize_field("end_of_rib", &self.is_end_of_rib())?;
        st.serialize_field("outcome", &self.outcome)?;
        st.serialize_field("problems", &problems)?;
        st.end()
    }
}

/// Iterator over the NLRI of the body and of one MP attribute (see
/// [`Update::all_announced`], [`Update::all_withdrawn`]).
#[derive(Clone, Debug)]
pub struct AllNlri<'a> {
    body: Option<NlriIter<'a>>,
    mp: Option<Result<NlriIter<'a>, Error>>,
    mp_code: AttrType,
}

impl<'a> Iterator for AllNlri<'a> {
    type Item = Result<NlriRef<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(body) = &mut self.body {
            match body.next() {
                Some(r) => {
                    return Some(r.map_err(|source| Error::Nlri {
                        code: AttrType(0),
                        source,
                    }))
                }
                None => self.body = None,
            }
        }
        match self.mp.as_mut()? {
            Ok(it) => {
                let code = self.mp_code;
                it.next()
                    .map(|r| r.map_err(|source| Error::Nlri { code, source }))
            }
            Err(_) => match self.mp.take() {
                Some(Err(e)) => Some(Err(e)),
                _ => None,
            },
        }
    }
}

/// Iterator over the RFC 7606 problems of an UPDATE (see [`Update::problems`]).
#[derive(Clone, Debug)]
pub struct UpdateProblems<'a> {
    body_routes: bool,
    attrs: Problems<'a>,
    withdrawn: Option<NlriIter<'a>>,
    announced: Option<NlriIter<'a>>,
}

fn first_error(it: &mut Option<NlriIter<'_>>) -> Option<Problem> {
    let found = it.take()?.find_map(Result::err)?;
    let error = Error::Nlri {
        code: AttrType(0),
        source: found,
    };
    Some(Problem {
        code: AttrType(0),
        flags: crate::AttrFlags(0),
        offset: error.offset(),
        action: error.action(),
        family: error.family(),
        error,
    })
}

impl Iterator for UpdateProblems<'_> {
    type Item = Problem;

    fn next(&mut self) -> Option<Problem> {
        if let Some(mut p) = self.attrs.next() {
            if let Error::AttributeOverrun { code, .. } = p.error {
                let mp = code == AttrType::MP_REACH_NLRI || code == AttrType::MP_UNREACH_NLRI;
                if mp || !(self.body_routes || self.attrs.met_mp()) {
                    p.action = crate::ErrorAction::SessionReset;
                }
            }
            return Some(p);
        }
        while self.withdrawn.is_some() {
            if let Some(p) = first_error(&mut self.withdrawn) {
                return Some(p);
            }
        }
        while self.announced.is_some() {
            if let Some(p) = first_error(&mut self.announced) {
                return Some(p);
            }
        }
        None
    }
}
