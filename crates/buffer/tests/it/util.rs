//! Builders for BGP messages and MRT records, and a reader that returns reads of chosen sizes.

use std::io::{self, Read};

/// A BGP message with the given type and body (valid marker and length).
pub(crate) fn bgp(msg_type: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![0xff; 16];
    let len = u16::try_from(19 + body.len()).unwrap();
    m.extend_from_slice(&len.to_be_bytes());
    m.push(msg_type);
    m.extend_from_slice(body);
    m
}

/// An MRT record; for `_ET` types `body` must start with the 4-byte microsecond field.
pub(crate) fn mrt(timestamp: u32, mrt_type: u16, subtype: u16, body: &[u8]) -> Vec<u8> {
    let mut r = timestamp.to_be_bytes().to_vec();
    r.extend_from_slice(&mrt_type.to_be_bytes());
    r.extend_from_slice(&subtype.to_be_bytes());
    r.extend_from_slice(&u32::try_from(body.len()).unwrap().to_be_bytes());
    r.extend_from_slice(body);
    r
}

/// A reader over `data` whose successive reads return at most `sizes[i % sizes.len()]` bytes.
pub(crate) struct Chunked {
    data: Vec<u8>,
    pos: usize,
    sizes: Vec<usize>,
    call: usize,
}

impl Chunked {
    pub(crate) fn new(data: Vec<u8>, sizes: Vec<usize>) -> Self {
        assert!(sizes.iter().all(|&s| s > 0));
        Self {
            data,
            pos: 0,
            sizes,
            call: 0,
        }
    }
}

impl Read for Chunked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let size = self.sizes[self.call % self.sizes.len()];
        self.call += 1;
        let n = size.min(buf.len()).min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}
