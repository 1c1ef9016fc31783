//! The fallback for families no decoder is registered for: the whole run kept as one opaque NLRI.

use ribcage_buffer::Cursor;

use crate::{DecodeContext, Decoded, Error, Family, FamilyDecoder};

/// Keeps NLRI of an unknown family as raw bytes: never an error, never a lost route. As the
/// extent of one NLRI cannot be known, the whole remaining run is one NLRI.
#[derive(Debug)]
pub struct OpaqueDecoder;

/// The opaque fallback decoder.
pub static OPAQUE: OpaqueDecoder = OpaqueDecoder;

impl FamilyDecoder for OpaqueDecoder {
    fn families(&self) -> &[Family] {
        &[]
    }

    fn split<'a>(
        &self,
        _family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        let rest = cur.rest();
        cur.skip(rest.len())
            .map_err(|e| Error::from_buffer(_family, e))?;
        Ok(rest)
    }

    fn decode<'a>(
        &self,
        _family: Family,
        wire: &'a [u8],
        _offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        Ok(Decoded::Opaque { raw: wire })
    }
}
