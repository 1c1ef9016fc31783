//! Every malformed header, through the stream readers: the error variant, its offset, and that
//! the reader ends after it.

use std::io::{self, Read};

use ribcage_buffer::{Error, MessageReader, MrtReader};

use crate::util::{bgp, mrt, Chunked};

/// Frames `data` (a good KEEPALIVE, then `bad`) and returns the error after the first message,
/// checking that the reader yields nothing more.
fn bgp_error_after_keepalive(bad: &[u8], extended: bool) -> Error {
    let mut data = bgp(4, &[]);
    data.extend_from_slice(bad);
    let mut reader =
        MessageReader::new(Chunked::new(data, vec![3, 1, 50])).with_extended_messages(extended);
    assert_eq!(reader.next().unwrap().unwrap().offset, 0);
    let err = reader.next().unwrap().unwrap_err();
    assert!(
        reader.next().is_none(),
        "the reader must end after an error"
    );
    err
}

#[test]
fn bgp_bad_marker() {
    let mut m = bgp(2, &[0, 0, 0, 0]);
    m[5] = 0xfe;
    let err = bgp_error_after_keepalive(&m, false);
    assert!(matches!(err, Error::BadMarker { offset: 19 }), "{err:?}");
}

#[test]
fn bgp_length_below_19() {
    let mut m = bgp(4, &[]);
    m[16..18].copy_from_slice(&18u16.to_be_bytes());
    let err = bgp_error_after_keepalive(&m, false);
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 18,
                min: 19,
                max: 4096,
                offset: 35
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bgp_length_above_4096() {
    let m = bgp(2, &vec![0; 4097 - 19]);
    let err = bgp_error_after_keepalive(&m, false);
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 4097,
                min: 19,
                max: 4096,
                offset: 35
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bgp_extended_messages_allow_up_to_65535() {
    let big = bgp(2, &vec![0; 65535 - 19]);
    let mut data = big.clone();
    data.extend(bgp(4, &[]));
    let msgs: Vec<_> = MessageReader::new(&data[..])
        .with_extended_messages(true)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0].length(), 65535);
    assert_eq!(msgs[1].offset, 65535);
    // Without the option the same message is refused at its length field.
    let err = MessageReader::new(&big[..]).next().unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 65535,
                max: 4096,
                offset: 16,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bgp_below_type_minimum() {
    // An OPEN must be at least 29 bytes (RFC 4271 §4.2).
    let m = bgp(1, &[0; 5]);
    let err = bgp_error_after_keepalive(&m, false);
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 24,
                min: 29,
                offset: 35,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bgp_unknown_types() {
    for t in [0u8, 6, 255] {
        let m = bgp(t, &[0; 10]);
        let err = bgp_error_after_keepalive(&m, false);
        assert!(
            matches!(err, Error::UnknownMessageType { msg_type, offset: 37 } if msg_type == t),
            "{err:?}"
        );
    }
}

#[test]
fn bgp_truncated_body() {
    let m = bgp(2, &[0; 30]);
    let err = bgp_error_after_keepalive(&m[..40], false);
    assert!(
        matches!(
            err,
            Error::Truncated {
                needed: 49,
                available: 40,
                offset: 19
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bgp_truncated_header() {
    let m = bgp(2, &[0; 30]);
    let err = bgp_error_after_keepalive(&m[..18], false);
    assert!(
        matches!(
            err,
            Error::Truncated {
                needed: 19,
                available: 18,
                offset: 19
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bgp_empty_input_is_a_clean_end() {
    assert!(MessageReader::new(&[][..]).next().is_none());
}

/// Frames a good record then `bad`, returning the error and checking the reader then ends.
fn mrt_error_after_record(bad: &[u8], max: usize) -> Error {
    let mut data = mrt(1, 13, 1, &[0; 8]);
    data.extend_from_slice(bad);
    let mut reader = MrtReader::new(Chunked::new(data, vec![5, 1, 64])).with_max_record_len(max);
    assert_eq!(reader.next().unwrap().unwrap().offset, 0);
    let err = reader.next().unwrap().unwrap_err();
    assert!(
        reader.next().is_none(),
        "the reader must end after an error"
    );
    err
}

#[test]
fn mrt_length_beyond_cap() {
    let r = mrt(2, 16, 1, &[0; 101]);
    let err = mrt_error_after_record(&r, 100);
    assert!(
        matches!(
            err,
            Error::RecordTooLong {
                length: 101,
                max: 100,
                offset: 28
            }
        ),
        "{err:?}"
    );
}

#[test]
fn mrt_corrupt_huge_length_is_refused_before_buffering() {
    let mut r = mrt(2, 16, 1, &[]);
    r[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
    let mut reader = MrtReader::new(&r[..]);
    let err = reader.next().unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            Error::RecordTooLong {
                length: 0xffff_ffff,
                max: 16_777_216,
                offset: 8
            }
        ),
        "{err:?}"
    );
    assert!(reader.buffer_capacity() <= 64 * 1024);
}

#[test]
fn mrt_truncated_header() {
    let r = mrt(2, 16, 1, &[0; 10]);
    let err = mrt_error_after_record(&r[..7], 1000);
    assert!(
        matches!(
            err,
            Error::Truncated {
                needed: 12,
                available: 7,
                offset: 20
            }
        ),
        "{err:?}"
    );
}

#[test]
fn mrt_truncated_last_record() {
    let r = mrt(2, 16, 1, &[0; 10]);
    let err = mrt_error_after_record(&r[..15], 1000);
    assert!(
        matches!(
            err,
            Error::Truncated {
                needed: 22,
                available: 15,
                offset: 20
            }
        ),
        "{err:?}"
    );
}

#[test]
fn mrt_et_record_too_short_for_microseconds() {
    let r = mrt(2, 17, 4, &[0; 3]);
    let err = mrt_error_after_record(&r, 1000);
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 3,
                min: 4,
                offset: 28,
                ..
            }
        ),
        "{err:?}"
    );
}

/// A reader that returns `Interrupted` once, then its data, then a hard error.
struct Flaky {
    data: Vec<u8>,
    state: usize,
}

impl Read for Flaky {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.state += 1;
        match self.state {
            1 => Err(io::ErrorKind::Interrupted.into()),
            2 => {
                let n = self.data.len().min(buf.len());
                buf[..n].copy_from_slice(&self.data[..n]);
                Ok(n)
            }
            _ => Err(io::Error::other("disk on fire")),
        }
    }
}

#[test]
fn io_errors_carry_the_offset_and_end_the_reader() {
    let mut data = mrt(1, 16, 1, &[0; 4]);
    data.extend_from_slice(&mrt(1, 16, 1, &[0; 4])[..6]);
    let mut reader = MrtReader::new(Flaky { data, state: 0 });
    assert!(reader.next().unwrap().is_ok());
    let err = reader.next().unwrap().unwrap_err();
    assert!(matches!(err, Error::Io { offset: 16, .. }), "{err:?}");
    assert_eq!(err.offset(), 16);
    assert!(reader.next().is_none());
}

#[test]
fn mrt_length_promising_more_than_the_input_holds_allocates_little() {
    // A 15 MiB length (under the 16 MiB cap) followed by only 100 KB of input.
    let mut r = mrt(2, 16, 1, &[]);
    r[8..12].copy_from_slice(&(15u32 << 20).to_be_bytes());
    r.extend(vec![0u8; 100_000]);
    let mut reader = MrtReader::new(&r[..]);
    let err = reader.next().unwrap().unwrap_err();
    assert!(
        matches!(err, Error::Truncated { needed, available: 100_012, offset: 0 } if needed == 12 + (15 << 20)),
        "{err:?}"
    );
    assert!(
        reader.buffer_capacity() <= 256 * 1024,
        "{}",
        reader.buffer_capacity()
    );
}

/// Offsets are absolute and come from the caller (`View::with_offset`, `Cursor::with_base`):
/// one near `usize::MAX` saturates in errors rather than overflowing.
#[test]
fn offsets_near_the_top_saturate() {
    use ribcage_buffer::{BgpMessage, Cursor, MrtRecord, View};

    let top = usize::MAX - 3;
    let mut bad_len = vec![0xff; 16];
    bad_len.extend_from_slice(&[0, 5, 4]);
    let view = View::with_offset(bad_len.into(), top);
    assert!(matches!(
        BgpMessage::split(&view, false),
        Err(Error::BadLength {
            offset: usize::MAX,
            ..
        })
    ));
    assert_eq!(view.slice(8, 2).unwrap().offset(), usize::MAX);
    let mrt = View::with_offset(vec![0, 0, 0, 0, 0, 17, 0, 1, 0, 0, 0, 2].into(), top);
    assert!(matches!(
        MrtRecord::split(&mrt, 1 << 20),
        Err(Error::BadLength {
            offset: usize::MAX,
            ..
        })
    ));
    let mut cur = Cursor::with_base(&[1, 2, 3, 4, 5, 6], top);
    cur.skip(5).unwrap();
    assert_eq!(cur.position(), usize::MAX);
    assert_eq!(cur.read_u16().unwrap_err().offset(), usize::MAX);
}
