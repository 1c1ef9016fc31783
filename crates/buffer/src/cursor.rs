//! [`Cursor`]: bounds-checked big-endian reads over a borrowed slice, with absolute offsets.

use crate::Error;

/// A bounds-checked reader over a borrowed slice.
///
/// `position()` is absolute: the cursor knows the offset of its first byte in the enclosing
/// stream, so every error names where in the input it happened. No method panics.
#[derive(Clone, Copy, Debug)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor over `data` whose first byte is at absolute offset 0.
    pub fn new(data: &'a [u8]) -> Self {
        Self::with_base(data, 0)
    }

    /// A cursor over `data` whose first byte is at absolute offset `base`.
    pub fn with_base(data: &'a [u8], base: usize) -> Self {
        Self { data, pos: 0, base }
    }

    /// Absolute offset of the next byte to be read.
    #[inline]
    pub fn position(&self) -> usize {
        self.base.saturating_add(self.pos)
    }

    /// Bytes not yet read.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Whether every byte has been read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.pos == self.data.len()
    }

    /// The unread bytes, without consuming them.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        &self.data[self.pos..]
    }

    /// The whole slice the cursor was made over.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    #[inline]
    fn truncated(&self, needed: usize) -> Error {
        Error::Truncated {
            needed,
            available: self.remaining(),
            offset: self.position(),
        }
    }

    /// Consumes `n` bytes and returns them as a slice.
    #[inline]
    pub fn take_slice(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.remaining() {
            return Err(self.truncated(n));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// Consumes `n` bytes and returns a cursor over just them (a sub-view that keeps absolute
    /// offsets).
    #[inline]
    pub fn take(&mut self, n: usize) -> Result<Cursor<'a>, Error> {
        let base = self.position();
        let data = self.take_slice(n)?;
        Ok(Cursor::with_base(data, base))
    }

    /// Consumes `N` bytes into an array.
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let s = self.take_slice(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(s);
        Ok(out)
    }

    /// Skips `n` bytes.
    #[inline]
    pub fn skip(&mut self, n: usize) -> Result<(), Error> {
        self.take_slice(n).map(|_| ())
    }

    /// The next byte without consuming it.
    #[inline]
    pub fn peek_u8(&self) -> Result<u8, Error> {
        self.data
            .get(self.pos)
            .copied()
            .ok_or_else(|| self.truncated(1))
    }

    /// Reads one byte.
    #[inline]
    pub fn read_u8(&mut self) -> Result<u8, Error> {
        let b = self.peek_u8()?;
        self.pos += 1;
        Ok(b)
    }

    /// Reads a big-endian `u16`.
    #[inline]
    pub fn read_u16(&mut self) -> Result<u16, Error> {
        self.read_array().map(u16::from_be_bytes)
    }

    /// Reads a big-endian 24-bit value (MPLS labels, RFC 3107) into a `u32`.
    #[inline]
    pub fn read_u24(&mut self) -> Result<u32, Error> {
        let [a, b, c] = self.read_array()?;
        Ok(u32::from_be_bytes([0, a, b, c]))
    }

    /// Reads a big-endian `u32`.
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, Error> {
        self.read_array().map(u32::from_be_bytes)
    }

    /// Reads a big-endian `u64`.
    #[inline]
    pub fn read_u64(&mut self) -> Result<u64, Error> {
        self.read_array().map(u64::from_be_bytes)
    }

    /// Fails with [`Error::Trailing`] unless every byte has been read.
    pub fn expect_end(&self) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Trailing {
                left: self.remaining(),
                offset: self.position(),
            })
        }
    }
}
