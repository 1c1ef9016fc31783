//! [`StreamBuf`]: the one reusable `BytesMut` both stream readers fill from an `io::Read` and
//! split complete frames off without copying.

use std::io::{self, Read};

use bytes::{Buf, Bytes, BytesMut};

use crate::Error;

/// Capacity the buffer starts with, and the least it reclaims to.
pub(crate) const INITIAL_CAPACITY: usize = 64 * 1024;

/// Below this much free room the buffer is compacted (or replaced) before the next read, so
/// reads stay large.
const MIN_READ: usize = 8 * 1024;

/// A growable window onto a byte stream.
///
/// `buf[..filled]` holds stream bytes not yet handed out, starting at absolute offset `offset`;
/// `buf[filled..]` is initialised scratch space the next read goes into. Frames are split off the
/// front with `split_to(..).freeze()`, which shares the allocation. When the room runs low the
/// buffer is reclaimed in place (`try_reclaim`, possible once every frame handed out has been
/// dropped); only if frames are still alive, or a frame is larger than the buffer, is a new one
/// allocated. The capacity stays at most twice the largest frame asked for, and at least
/// [`INITIAL_CAPACITY`]; it grows by doubling as a large frame's bytes arrive.
#[derive(Debug)]
pub(crate) struct StreamBuf<R> {
    reader: R,
    buf: BytesMut,
    filled: usize,
    offset: usize,
    target: usize,
}

impl<R: Read> StreamBuf<R> {
    pub(crate) fn new(reader: R) -> Self {
        Self {
            reader,
            buf: BytesMut::new(),
            filled: 0,
            offset: 0,
            target: INITIAL_CAPACITY,
        }
    }

    /// The buffered bytes not yet split off.
    #[inline]
    pub(crate) fn data(&self) -> &[u8] {
        &self.buf[..self.filled]
    }

    /// Absolute offset of the first buffered byte (the next frame).
    #[inline]
    pub(crate) fn offset(&self) -> usize {
        self.offset
    }

    /// Bytes the buffer's current allocation can hold from its start.
    pub(crate) fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    pub(crate) fn get_ref(&self) -> &R {
        &self.reader
    }

    /// Reads until at least `need` bytes are buffered. `Ok(false)` means the input ended first
    /// (what did arrive stays in [`StreamBuf::data`]).
    pub(crate) fn fill(&mut self, need: usize) -> io::Result<bool> {
        while self.filled < need {
            self.make_room(need);
            let room = &mut self.buf[self.filled..];
            let room_len = room.len();
            match self.reader.read(room) {
                Ok(0) => return Ok(false),
                // A reader claiming more than it was given is broken; never trust it past the
                // room we offered.
                Ok(n) => self.filled += n.min(room_len),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(true)
    }

    /// Buffers the next frame's fixed-size header and returns a copy of it: `Ok(None)` at a
    /// clean end of input, [`Error::Truncated`] at the frame's offset if the input ends inside
    /// the header.
    pub(crate) fn fill_header<const N: usize>(&mut self) -> Result<Option<[u8; N]>, Error> {
        if !self.fill_or_io(N)? {
            let available = self.filled;
            if available == 0 {
                return Ok(None);
            }
            return Err(Error::Truncated {
                needed: N,
                available,
                offset: self.offset,
            });
        }
        let mut header = [0u8; N];
        header.copy_from_slice(&self.buf[..N]);
        Ok(Some(header))
    }

    /// Buffers the whole next frame, `len` bytes, or fails with [`Error::Truncated`] at the
    /// frame's offset.
    pub(crate) fn fill_frame(&mut self, len: usize) -> Result<(), Error> {
        if self.fill_or_io(len)? {
            Ok(())
        } else {
            Err(Error::Truncated {
                needed: len,
                available: self.filled,
                offset: self.offset,
            })
        }
    }

    /// [`StreamBuf::fill`] with I/O errors as [`Error::Io`] at the next frame's offset.
    fn fill_or_io(&mut self, need: usize) -> Result<bool, Error> {
        let offset = self.offset;
        self.fill(need)
            .map_err(|source| Error::Io { offset, source })
    }

    /// Splits the first `n` buffered bytes off as shared, immutable bytes (no copy).
    ///
    /// `n` must not exceed `data().len()`.
    #[inline]
    pub(crate) fn split(&mut self, n: usize) -> Bytes {
        debug_assert!(n <= self.filled);
        let n = n.min(self.filled);
        self.filled -= n;
        self.offset += n;
        self.buf.split_to(n).freeze()
    }

    /// Drops the first `n` buffered bytes.
    #[inline]
    pub(crate) fn skip(&mut self, n: usize) {
        debug_assert!(n <= self.filled);
        let n = n.min(self.filled);
        self.filled -= n;
        self.offset += n;
        self.buf.advance(n);
    }

    /// Makes sure there is room for a useful read towards `need` bytes (`need > filled`).
    fn make_room(&mut self, need: usize) {
        let room = self.buf.len() - self.filled;
        if room >= MIN_READ {
            return;
        }
        let want = need.saturating_mul(2);
        if want > self.target {
            // Grow geometrically with what actually arrives, so a length field promising more
            // than the input holds costs at most twice what did arrive, not what it promised.
            self.target = want.min(self.target.saturating_mul(2));
        }
        self.buf.truncate(self.filled);
        let additional = self.target.saturating_sub(self.filled).max(MIN_READ);
        if !self.buf.try_reclaim(additional) {
            // Frames handed out still hold the old allocation (or it is too small): start a new
            // one and carry the partial frame over. The old one is freed with its last frame.
            let mut fresh = BytesMut::with_capacity(self.target);
            fresh.extend_from_slice(&self.buf);
            self.buf = fresh;
        }
        let cap = self.buf.capacity();
        self.buf.resize(cap, 0);
    }
}

/// The iterator step both stream readers share: `step` reads the next frame unless the reader
/// is already `done`. A frame is yielded; the end of input (`None`) or an error ends the reader
/// for good (a stream cannot resynchronise).
pub(crate) fn fuse<R, T>(
    reader: &mut R,
    done: impl Fn(&mut R) -> &mut bool,
    step: impl FnOnce(&mut R) -> Result<Option<T>, Error>,
) -> Option<Result<T, Error>> {
    if *done(reader) {
        return None;
    }
    let item = step(reader).transpose();
    *done(reader) = !matches!(item, Some(Ok(_)));
    item
}
