//! Opening input: a path or `-` for stdin, decompressed as a stream when its first bytes say
//! gzip or bzip2.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

#[cfg(test)]
mod tests;

/// Buffer size of the reader [`open_input`] returns.
const BUFFER_SIZE: usize = 128 * 1024;

/// A compression format recognised by its magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Compression {
    /// No known magic: the bytes are used as they are.
    None,
    /// gzip (RFC 1952), magic `1f 8b`; concatenated members are read as one stream.
    Gzip,
    /// bzip2: magic `BZh`, a block size digit, then a block header or the end-of-stream marker;
    /// concatenated streams are read as one.
    Bzip2,
}

/// How many leading bytes [`Compression::detect`] looks at.
const MAGIC_LEN: usize = 10;

/// What follows `BZh` and the block size digit: the first block's magic (the digits of pi) or,
/// for an empty stream, the end-of-stream marker (the digits of the square root of pi).
const BZIP2_BLOCK: [u8; 6] = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
const BZIP2_END: [u8; 6] = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];

impl Compression {
    /// The format whose magic `prefix` (the first bytes of the input, up to ten) starts with.
    ///
    /// bzip2 needs all ten: `BZh` alone is also how an uncompressed MRT file with a timestamp
    /// of April 2005 begins.
    pub fn detect(prefix: &[u8]) -> Self {
        if prefix.starts_with(&[0x1f, 0x8b]) {
            return Compression::Gzip;
        }
        match prefix {
            [b'B', b'Z', b'h', b'1'..=b'9', rest @ ..]
                if rest.starts_with(&BZIP2_BLOCK) || rest.starts_with(&BZIP2_END) =>
            {
                Compression::Bzip2
            }
            _ => Compression::None,
        }
    }
}

/// Opens `path` for reading (`-` means stdin), detects gzip or bzip2 by its magic bytes (not by
/// its name) and returns a reader of the decompressed stream: buffered when decompressing, and
/// direct for an uncompressed input, so the large reads of [`MrtReader`](crate::MrtReader) and
/// other framers go straight to the file (a buffer in between only copies every byte once more:
/// 6% of `ribcage walk`'s instructions on a RIB dump). Wrap it in a `BufReader` to read in
/// small pieces.
///
/// Errors are those of opening the file or of reading its first bytes; corrupt compressed data
/// shows up later as a read error.
pub fn open_input(path: impl AsRef<Path>) -> io::Result<Box<dyn Read + Send>> {
    let path = path.as_ref();
    if path == Path::new("-") {
        decompress(io::stdin())
    } else {
        decompress(File::open(path)?)
    }
}

/// Wraps `reader` in a streaming decompressor chosen by its first bytes (see [`Compression`]),
/// or passes it through (see [`open_input`] for what is buffered).
pub fn decompress(mut reader: impl Read + Send + 'static) -> io::Result<Box<dyn Read + Send>> {
    let mut magic = [0u8; MAGIC_LEN];
    let mut got = 0;
    while got < magic.len() {
        match reader.read(&mut magic[got..]) {
            Ok(0) => break,
            Ok(n) => got += n.min(magic.len() - got),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let compression = Compression::detect(&magic[..got]);
    let whole = io::Cursor::new(magic).take(got as u64).chain(reader);
    Ok(match compression {
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER_SIZE,
            flate2::read::MultiGzDecoder::new(whole),
        )),
        Compression::Bzip2 => Box::new(BufReader::with_capacity(
            BUFFER_SIZE,
            bzip2::read::MultiBzDecoder::new(whole),
        )),
        Compression::None => Box::new(whole),
    })
}
