//! [`Ms`]: a reader with the semantics of bgpdump's `mstream`, so that damaged input reads as
//! bgpdump reads it.

/// Reads like bgpdump's `mstream`: past the end, reads yield zeros and consume nothing.
#[derive(Clone, Copy, Debug)]
pub struct Ms<'a> {
    /// The bytes read.
    pub data: &'a [u8],
    /// The read position in `data`.
    pub pos: usize,
}

impl<'a> Ms<'a> {
    /// A reader over `data`, at its start.
    #[inline]
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }
    /// Bytes left.
    #[inline]
    pub fn left(&self) -> usize {
        self.data.len() - self.pos
    }
    /// One byte, or 0 past the end.
    #[inline]
    pub fn getc(&mut self) -> u8 {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b
            }
            None => 0,
        }
    }
    /// A big-endian u16, or 0 (and the reader at its end) if fewer than 2 bytes are left.
    #[inline]
    pub fn getw(&mut self) -> u16 {
        if self.left() < 2 {
            self.pos = self.data.len();
            return 0;
        }
        let v = u16::from_be_bytes([self.data[self.pos], self.data[self.pos + 1]]);
        self.pos += 2;
        v
    }
    /// A big-endian u32, zero-filled past the end.
    #[inline]
    pub fn getl(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.get_into(&mut b);
        u32::from_be_bytes(b)
    }
    /// Copies up to `dst.len()` bytes (zeros past the end).
    #[inline]
    pub fn get_into(&mut self, dst: &mut [u8]) {
        let n = dst.len().min(self.left());
        dst[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
    }
    /// Splits off the next `n` bytes (fewer if not available) as a sub-stream.
    #[inline]
    pub fn copy(&mut self, n: usize) -> Ms<'a> {
        let n = n.min(self.left());
        let sub = Ms::new(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        sub
    }
    /// What is left, as a new reader.
    #[inline]
    pub fn rest(&self) -> Ms<'a> {
        Ms::new(&self.data[self.pos..])
    }
}
