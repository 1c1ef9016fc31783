//! Unit tests of compression detection and stream decompression.

use std::io::{Read, Write};

use super::*;

fn read_all(r: Box<dyn Read + Send>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut r = r;
    r.read_to_end(&mut out).unwrap();
    out
}

#[test]
fn detects_by_magic() {
    assert_eq!(Compression::detect(&[0x1f, 0x8b, 8]), Compression::Gzip);
    assert_eq!(
        Compression::detect(b"BZh91AY&SY"),
        Compression::Bzip2,
        "a block header"
    );
    assert_eq!(
        Compression::detect(&[b'B', b'Z', b'h', b'9', 0x17, 0x72, 0x45, 0x38, 0x50, 0x90]),
        Compression::Bzip2,
        "an empty stream's end marker"
    );
    assert_eq!(Compression::detect(b"BZ"), Compression::None);
    // An uncompressed MRT file whose first timestamp is 0x425a68.. (2005-04-11 12:05 UTC)
    // starts with "BZh": it is not bzip2.
    let mrt = [b'B', b'Z', b'h', 0x40, 0, 13, 0, 2, 0, 0, 0, 0];
    assert_eq!(Compression::detect(&mrt), Compression::None);
    let mrt = [b'B', b'Z', b'h', b'5', 0, 13, 0, 2, 0, 0, 0, 0];
    assert_eq!(Compression::detect(&mrt), Compression::None);
    assert_eq!(Compression::detect(&[0x1f]), Compression::None);
    assert_eq!(Compression::detect(&[]), Compression::None);
}

#[test]
fn plain_short_and_empty_inputs_pass_through() {
    for data in [&b""[..], b"a", b"ab", b"abc", b"abcdef"] {
        assert_eq!(
            read_all(decompress(std::io::Cursor::new(data.to_vec())).unwrap()),
            data
        );
    }
}

#[test]
fn concatenated_gzip_members_read_as_one_stream() {
    let mut data = Vec::new();
    for part in [&b"hello "[..], b"world"] {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(part).unwrap();
        data.extend(enc.finish().unwrap());
    }
    assert_eq!(
        read_all(decompress(std::io::Cursor::new(data)).unwrap()),
        b"hello world"
    );
}

#[test]
fn concatenated_bzip2_streams_read_as_one_stream() {
    let mut data = Vec::new();
    for part in [&b"hello "[..], b"world"] {
        let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        enc.write_all(part).unwrap();
        data.extend(enc.finish().unwrap());
    }
    assert_eq!(
        read_all(decompress(std::io::Cursor::new(data)).unwrap()),
        b"hello world"
    );
}

/// A reader that hands out one byte per call, like a slow pipe.
struct OneByte(std::io::Cursor<Vec<u8>>);

impl Read for OneByte {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(1);
        self.0.read(&mut buf[..n])
    }
}

#[test]
fn magic_split_over_reads_is_still_detected() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(b"payload").unwrap();
    let gz = enc.finish().unwrap();
    let r = decompress(OneByte(std::io::Cursor::new(gz))).unwrap();
    assert_eq!(read_all(r), b"payload");
}

#[test]
fn missing_file_is_an_error() {
    let err = open_input("/nonexistent/ribcage/input").err().unwrap();
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
}
