//! [`NlriRef`], one NLRI borrowed from a message, and [`Nlri`], an owned copy of its wire bytes.

use std::fmt;

use crate::family::unicast::{self, UNICAST};
use crate::{
    Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Labels, PackedNlri, Prefix,
    Registry, RouteDistinguisher, Safi,
};

/// One NLRI borrowed from the message it was read from: its family, ADD-PATH identifier, wire
/// bytes and offset, and the decoder that reads its fields on demand.
///
/// Building one allocates nothing; [`NlriRef::to_owned`] copies the wire bytes when the caller
/// keeps the route.
#[derive(Clone, Copy)]
pub struct NlriRef<'a> {
    decoder: DecoderRef,
    ctx: &'a DecodeContext,
    family: Family,
    path_id: Option<u32>,
    wire: &'a [u8],
    offset: usize,
}

/// The decoder of an [`NlriRef`]: the built-in unicast one, called directly (no dynamic call
/// per route for the commonest families), or any other.
#[derive(Clone, Copy)]
enum DecoderRef {
    /// [`UNICAST`], which [`NlriIter`](crate::NlriIter) picks for a built-in registry.
    Unicast,
    /// Any decoder.
    Dyn(&'static dyn FamilyDecoder),
}

impl DecoderRef {
    #[inline]
    fn get(self) -> &'static dyn FamilyDecoder {
        match self {
            DecoderRef::Unicast => &UNICAST,
            DecoderRef::Dyn(d) => d,
        }
    }
}

impl<'a> NlriRef<'a> {
    /// Assembles an NLRI view (used by [`NlriIter`](crate::NlriIter) and by decoders of records
    /// that carry NLRI outside UPDATE messages, such as MRT RIB entries).
    pub fn new(
        decoder: &'static dyn FamilyDecoder,
        ctx: &'a DecodeContext,
        family: Family,
        path_id: Option<u32>,
        wire: &'a [u8],
        offset: usize,
    ) -> Self {
        // The built-in unicast decoder (as a registry hands it out for RIB entries) is called
        // directly. Data address and vtable both compared: at worst an equal decoder is
        // missed and called dynamically.
        let mut view = Self::unicast(ctx, family, path_id, wire, offset);
        if !std::ptr::eq(decoder, &UNICAST as &dyn FamilyDecoder) {
            view.decoder = DecoderRef::Dyn(decoder);
        }
        view
    }

    /// An NLRI view decoded by the built-in [`UNICAST`] decoder (which split it).
    #[inline]
    pub(crate) fn unicast(
        ctx: &'a DecodeContext,
        family: Family,
        path_id: Option<u32>,
        wire: &'a [u8],
        offset: usize,
    ) -> Self {
        Self {
            decoder: DecoderRef::Unicast,
            ctx,
            family,
            path_id,
            wire,
            offset,
        }
    }

    /// The address family.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The ADD-PATH path identifier (RFC 7911), when the context says the family carries one.
    pub fn path_id(&self) -> Option<u32> {
        self.path_id
    }

    /// The NLRI's wire bytes, length fields included, path identifier excluded.
    pub fn wire(&self) -> &'a [u8] {
        self.wire
    }

    /// Absolute offset of the first wire byte.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The decoder that split this NLRI.
    pub fn decoder(&self) -> &'static dyn FamilyDecoder {
        self.decoder.get()
    }

    /// Decodes the NLRI's fields.
    pub fn decode(&self) -> Result<Decoded<'a>, Error> {
        self.decoder
            .get()
            .decode(self.family, self.wire, self.offset, self.ctx)
    }

    /// The IP prefix, for families that carry one and whose fields decode.
    #[inline]
    pub fn prefix(&self) -> Option<Prefix> {
        match self.decoder {
            DecoderRef::Unicast => unicast::prefix(self.family, self.wire),
            DecoderRef::Dyn(d) => d.prefix(self.family, self.wire, self.offset, self.ctx),
        }
    }

    /// The route distinguisher, for families that carry one and whose fields decode.
    pub fn rd(&self) -> Option<RouteDistinguisher> {
        self.decode().ok().and_then(|d| d.rd())
    }

    /// The label stack, for families that carry one and whose fields decode.
    pub fn labels(&self) -> Option<Labels<'a>> {
        self.decode().ok().and_then(|d| d.labels())
    }

    /// An owned copy of the NLRI (family, path id, wire bytes).
    pub fn to_owned(&self) -> Nlri {
        Nlri::new(self.family, self.path_id, self.wire)
    }
}

impl fmt::Display for NlriRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.decode() {
            Ok(d) => write!(f, "{d}"),
            Err(_) => Decoded::Opaque { raw: self.wire }.fmt(f),
        }
    }
}

impl fmt::Debug for NlriRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NlriRef")
            .field("family", &self.family)
            .field("path_id", &self.path_id)
            .field("offset", &self.offset)
            .field("nlri", &format_args!("{self}"))
            .finish()
    }
}

/// An owned NLRI: family, ADD-PATH identifier and wire bytes (a [`PackedNlri`]: inline up to
/// 22 octets). 32 bytes; a container that keeps the family and path id itself holds just the
/// 24-byte [`PackedNlri`] (see [`Nlri::packed`]).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nlri {
    afi: Afi,
    safi: Safi,
    has_path_id: bool,
    path_id: u32,
    wire: PackedNlri,
}

impl Nlri {
    /// An owned NLRI from its parts.
    pub fn new(family: Family, path_id: Option<u32>, wire: &[u8]) -> Self {
        Self {
            afi: family.afi,
            safi: family.safi,
            has_path_id: path_id.is_some(),
            path_id: path_id.unwrap_or(0),
            wire: PackedNlri::new(wire),
        }
    }

    /// The packed wire bytes.
    pub fn packed(&self) -> &PackedNlri {
        &self.wire
    }

    /// The address family.
    pub fn family(&self) -> Family {
        Family::new(self.afi, self.safi)
    }

    /// The ADD-PATH path identifier.
    pub fn path_id(&self) -> Option<u32> {
        self.has_path_id.then_some(self.path_id)
    }

    /// The wire bytes.
    pub fn wire(&self) -> &[u8] {
        self.wire.wire()
    }

    /// A borrowed view, decoding with `registry`'s decoder for the family under `ctx`.
    pub fn as_ref<'a>(&'a self, registry: &Registry, ctx: &'a DecodeContext) -> NlriRef<'a> {
        NlriRef::new(
            registry.decoder(self.family()),
            ctx,
            self.family(),
            self.path_id(),
            self.wire(),
            0,
        )
    }
}

impl fmt::Display for Nlri {
    /// Formats with the built-in decoders and the default context.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ctx = DecodeContext::default();
        self.as_ref(&Registry::BUILTIN, &ctx).fmt(f)
    }
}

impl fmt::Debug for Nlri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Nlri")
            .field("family", &self.family())
            .field("path_id", &self.path_id())
            .field("nlri", &format_args!("{self}"))
            .finish()
    }
}
