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
