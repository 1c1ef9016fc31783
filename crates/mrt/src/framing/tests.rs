//! Framing and resynchronisation on small crafted inputs.

use super::*;

/// A BGP4MP STATE_CHANGE record at `time`.
fn state(time: u32) -> Vec<u8> {
    let mut b = time.to_be_bytes().to_vec();
    b.extend_from_slice(&[0, 16, 0, 0, 0, 0, 0, 20]);
    b.extend_from_slice(&[
        0xfd, 0xe8, 0xfd, 0xe9, 0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2, 0, 3, 0, 2,
    ]);
    b
}

/// A record of an unknown type 99 with a 3-byte body.
fn unknown(time: u32) -> Vec<u8> {
    let mut b = time.to_be_bytes().to_vec();
    b.extend_from_slice(&[0, 99, 0, 1, 0, 0, 0, 3, 1, 2, 3]);
    b
}

fn frame(data: Vec<u8>) -> Vec<Result<(usize, u16), FrameError>> {
    Records::new(View::from(data))
        .map(|r| r.map(|r| (r.offset, r.mrt_type.0)))
        .collect()
}

#[test]
fn clean_input_with_an_unknown_type() {
    let data = [state(1000), unknown(1001), state(1002)].concat();
    assert_eq!(frame(data), vec![Ok((0, 16)), Ok((32, 99)), Ok((47, 16))]);
}

#[test]
fn et_records_carry_microseconds() {
    let mut rec = state(5);
    rec[5] = 17;
    rec[11] = 24;
    rec.splice(12..12, 123_456u32.to_be_bytes());
    let r = Records::new(View::from(rec)).next().unwrap().unwrap();
    assert_eq!(r.microseconds, Some(123_456));
    assert_eq!(r.body.len(), 20);
    assert_eq!(r.body.offset(), 16);
}

#[test]
fn garbage_between_records() {
    let data = [state(1000), vec![0xab; 7], state(1001)].concat();
    assert_eq!(
        frame(data),
        vec![
            Ok((0, 16)),
            Err(FrameError::Skipped {
                offset: 32,
                skipped: 7,
                why: "length past end of input"
            }),
            Ok((39, 16))
        ]
    );
}

#[test]
fn truncated_last_record() {
    let mut data = [state(1000), state(1001)].concat();
    data.truncate(50);
    assert_eq!(
        frame(data),
        vec![
            Ok((0, 16)),
            Err(FrameError::Truncated {
                offset: 32,
                needed: 32,
                available: 18
            })
        ]
    );
    assert_eq!(
        frame(vec![0, 0, 1]),
        vec![Err(FrameError::Truncated {
            offset: 0,
            needed: 12,
            available: 3
        })]
    );
}

#[test]
fn a_far_timestamp_does_not_resync() {
    // A header-like run with a timestamp years away is not taken for a record.
    let mut fake = state(1000 + 10 * 365 * 86400);
    fake.truncate(12);
    let data = [state(1000), fake, state(1001)].concat();
    let got = frame(data);
    assert_eq!(got.len(), 3);
    assert_eq!(got[2], Ok((44, 16)));
}

#[test]
fn a_damaged_first_timestamp_does_not_hide_the_rest() {
    // The corruption sweep's find: one flipped bit in the first record's timestamp used to
    // become the reference every later header was judged against, so nothing after it framed.
    let data = [
        state(1000 ^ (1 << 28)),
        state(1001),
        state(1002),
        state(1003),
    ]
    .concat();
    let got = frame(data);
    for offset in [32, 64, 96] {
        assert!(
            got.contains(&Ok((offset, 16))),
            "record at {offset} lost: {got:?}"
        );
    }
    assert!(got.iter().all(Result::is_ok), "{got:?}");
}

/// The decompressed bytes of `testdata/ris/NAME`.
fn ris(name: &str) -> Vec<u8> {
    use std::io::Read;
    let path = format!("{}/../../testdata/ris/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

/// (offset, wire length) of every record of a clean input.
fn frames(data: &[u8]) -> Vec<(usize, usize)> {
    Records::new(View::from(data.to_vec()))
        .map(|r| r.map(|r| (r.offset, r.wire_len())))
        .collect::<Result<_, _>>()
        .expect("clean input")
}

/// Frames `data` from memory and from a reader, checks both agree, and returns
/// (offset, wire length) of the records or the error.
fn framed(data: &[u8]) -> Vec<Result<(usize, usize), FrameError>> {
    let got: Vec<_> = Records::new(View::from(data.to_vec()))
        .map(|r| r.map(|r| (r.offset, r.wire_len())))
        .collect();
    let streamed: Vec<_> = Records::from_reader(std::io::Cursor::new(data.to_vec()))
        .map(|r| r.map(|r| (r.offset, r.wire_len())))
        .collect();
    assert_eq!(
        got, streamed,
        "framing from memory and from a reader differ"
    );
    // Borrowed from the window, in memory and streamed: the same records and errors, and each
    // record the same as the owned one.
    let owned: Vec<_> = Records::new(View::from(data.to_vec()))
        .map(|r| r.map(|r| owned_fields(&r)))
        .collect();
    for mut records in [
        Records::new(View::from(data.to_vec())),
        Records::from_reader(std::io::Cursor::new(data.to_vec())),
    ] {
        let mut borrowed = Vec::new();
        while let Some(r) = records.next_ref() {
            borrowed.push(r.map(|r| ref_fields(&r)));
        }
        assert_eq!(owned, borrowed, "owned and borrowed records differ");
    }
    got
}

/// Everything a record says, owned: header fields, body offset and bytes.
type Fields = (u32, Option<u32>, u16, u16, usize, usize, Vec<u8>);

fn owned_fields(r: &MrtRecord) -> Fields {
    let b = &r.body;
    let h = (
        r.timestamp,
        r.microseconds,
        r.mrt_type.0,
        r.subtype,
        r.offset,
    );
    (h.0, h.1, h.2, h.3, h.4, b.offset(), b.as_slice().to_vec())
}

fn ref_fields(r: &RecordRef<'_>) -> Fields {
    let b = &r.body;
    let h = (
        r.timestamp,
        r.microseconds,
        r.mrt_type.0,
        r.subtype,
        r.offset,
    );
    (h.0, h.1, h.2, h.3, h.4, b.position(), b.rest().to_vec())
}

#[test]
fn a_record_between_two_damaged_regions_is_framed() {
    // Sweep finding 2: garbage right before a record and a damaged header right after it. The
    // scan used to want a plausible header after every candidate, so the record went with the
    // damage.
    let clean = ris("updates.20160811.1600.gz");
    let f = frames(&clean);
    let (r2, r3, r4) = (f[2], f[3], f[4]);
    let mut data = clean[..r2.0].to_vec();
    data.extend_from_slice(&[0xab; 9]);
    data.extend_from_slice(&clean[r2.0..r4.0 + r4.1]);
    // The record after it gets an unknown type and a length past the end of the input.
    let at = r3.0 + 9;
    data[at + 4..at + 8].copy_from_slice(&[0x7f, 0xff, 0xff, 0xff]);
    data[at + 8..at + 12].copy_from_slice(&[0x00, 0xff, 0xff, 0xff]);
    let got = framed(&data);
    assert_eq!(
        got,
        vec![
            Ok(f[0]),
            Ok(f[1]),
            Err(FrameError::Skipped {
                offset: r2.0,
                skipped: 9,
                why: "length too large"
            }),
            Ok((r2.0 + 9, r2.1)),
            Err(FrameError::Skipped {
                offset: r3.0 + 9,
                skipped: r3.1,
                why: "length past end of input"
            }),
            Ok((r4.0 + 9, r4.1)),
        ]
    );
    // The sandwiched record is the original one, byte for byte.
    let r = Records::new(View::from(data.clone()))
        .nth(3)
        .unwrap()
        .unwrap();
    assert_eq!(r.body.as_slice(), &clean[r2.0 + 12..r2.0 + r2.1]);
}

#[test]
fn records_swallowed_by_a_grown_length_are_framed_and_the_damage_reported() {
    // Sweep finding 3: a length field grown by exactly the size of the records after it frames
    // plausibly over them. The BGP message length (MESSAGE_AS4) or the address family (a state
    // change) says where the record really ends.
    for (name, first) in [
        ("updates.20160811.1600.gz", 0),
        // Records 10 to 12 of this one: a state change followed by messages.
        ("updates.20020722.2238.gz", 10),
    ] {
        let clean = ris(name);
        let f = frames(&clean);
        let (r1, r2, r3, r4) = (f[first + 1], f[first + 2], f[first + 3], f[first + 4]);
        let mut data = clean[..r4.0 + r4.1].to_vec();
        // Record 1 claims records 2 and 3 as well.
        let declared = r1.1 - MRT_HEADER_LEN + r2.1 + r3.1;
        data[r1.0 + 8..r1.0 + 12].copy_from_slice(&(declared as u32).to_be_bytes());
        let got = framed(&data);
        let want: Vec<_> = f[..=first]
            .iter()
            .map(|&r| Ok(r))
            .chain([
                Err(FrameError::Length {
                    offset: r1.0,
                    declared,
                    framed: r1.1 - MRT_HEADER_LEN,
                }),
                Ok(r1),
                Ok(r2),
                Ok(r3),
                Ok(r4),
            ])
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn a_scan_does_not_resynchronise_on_headers_read_from_inside_records() {
    // The sweep's find while fixing findings 2 and 3: with time judged pairwise, two
    // header-like runs 13 bytes into two MESSAGE_AS4 records (peer AS as timestamp, type 49,
    // subtype 28160) chained with each other, and the records between them were lost. A scan
    // wants a known subtype now.
    let clean = ris("updates.20100722.2015.gz");
    let f = frames(&clean);
    let i = f.iter().position(|&(o, _)| o == 140_962).unwrap();
    let mut data = clean.clone();
    // A flipped bit makes this record's length far too large.
    data[140_962 + 9] ^= 8;
    let got = framed(&data);
    assert_eq!(
        got[i],
        Err(FrameError::Skipped {
            offset: 140_962,
            skipped: f[i].1,
            why: "length past end of input"
        })
    );
    assert_eq!(got.len(), f.len());
    for (g, want) in got[i + 1..].iter().zip(&f[i + 1..]) {
        assert_eq!(g, &Ok(*want));
    }
}
