//! [`View`]: an owned, cheaply cloned window onto shared bytes that knows its absolute offset.

use bytes::Bytes;

use crate::{Cursor, Error};

/// An owned window onto a [`Bytes`] buffer together with the absolute offset of its first byte.
///
/// Cloning and sub-slicing bump a reference count; payload bytes are never copied.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct View {
    bytes: Bytes,
    offset: usize,
}

impl View {
    /// A view of `bytes` starting at absolute offset 0.
    pub fn new(bytes: Bytes) -> Self {
        Self { bytes, offset: 0 }
    }

    /// A view of `bytes` whose first byte sits at absolute `offset` in the enclosing stream.
    pub fn with_offset(bytes: Bytes, offset: usize) -> Self {
        Self { bytes, offset }
    }

    /// A view of a static slice (no allocation), starting at offset 0.
    pub fn from_static(bytes: &'static [u8]) -> Self {
        Self::new(Bytes::from_static(bytes))
    }

    /// Number of bytes in the view.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the view holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Absolute offset of the view's first byte.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The bytes as a slice.
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes
    }

    /// The underlying shared buffer.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// Gives up the view and returns its buffer.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }

    /// A cursor over the view whose positions are absolute offsets.
    pub fn cursor(&self) -> Cursor<'_> {
        Cursor::with_base(&self.bytes, self.offset)
    }

    /// The sub-view `start..start + len` (relative to this view), or [`Error::Truncated`].
    pub fn slice(&self, start: usize, len: usize) -> Result<View, Error> {
        let end = start.checked_add(len).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => Ok(View {
                bytes: self.bytes.slice(start..end),
                offset: self.offset.saturating_add(start),
            }),
            None => Err(Error::Truncated {
                needed: len,
                available: self.bytes.len().saturating_sub(start),
                offset: self.offset.saturating_add(start.min(self.bytes.len())),
            }),
        }
    }

    /// Turns a sub-slice previously borrowed from this view (for example by a [`Cursor`] made with
    /// [`View::cursor`]) into an owned view of the same bytes, without copying.
    ///
    /// Returns `None` if `sub` does not lie inside this view.
    pub fn view_of(&self, sub: &[u8]) -> Option<View> {
        let base = self.bytes.as_ptr() as usize;
        let start = (sub.as_ptr() as usize).checked_sub(base)?;
        if start.checked_add(sub.len())? > self.bytes.len() {
            return None;
        }
        Some(View {
            bytes: self.bytes.slice(start..start + sub.len()),
            offset: self.offset.saturating_add(start),
        })
    }
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "View@{}[", self.offset)?;
        for b in self.bytes.iter().take(64) {
            write!(f, "{b:02x}")?;
        }
        if self.bytes.len() > 64 {
            write!(f, "..+{}", self.bytes.len() - 64)?;
        }
        write!(f, "]")
    }
}

impl AsRef<[u8]> for View {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<Bytes> for View {
    fn from(bytes: Bytes) -> Self {
        Self::new(bytes)
    }
}

impl From<Vec<u8>> for View {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(Bytes::from(bytes))
    }
}
