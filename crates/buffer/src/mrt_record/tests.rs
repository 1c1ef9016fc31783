//! Unit tests of MRT names and the in-memory splitter.

use super::*;

#[test]
fn kinds_print_names_or_numbers() {
    let k = |t, s| RecordKind::new(MrtType(t), s).to_string();
    assert_eq!(k(13, 2), "TABLE_DUMP_V2/RIB_IPV4_UNICAST");
    assert_eq!(k(13, 10), "TABLE_DUMP_V2/RIB_IPV6_UNICAST_ADDPATH");
    assert_eq!(k(12, 1), "TABLE_DUMP/AFI_IPv4");
    assert_eq!(k(17, 4), "BGP4MP_ET/MESSAGE_AS4");
    assert_eq!(k(16, 11), "BGP4MP/MESSAGE_AS4_LOCAL_ADDPATH");
    assert_eq!(k(16, 99), "BGP4MP/99");
    assert_eq!(k(7, 1), "7/1");
    assert_eq!(k(48, 0), "OSPFv3/0");
    assert_eq!(format!("{:?}", MrtType::ISIS_ET), "ISIS_ET");
    assert_eq!(format!("{:?}", MrtType(500)), "500");
}

#[test]
fn only_et_types_have_microseconds() {
    let et: Vec<u16> = (0..=u16::MAX)
        .filter(|&t| MrtType(t).has_microseconds())
        .collect();
    assert_eq!(et, [17, 33, 49]);
}

fn record(t: u16, s: u16, body: &[u8]) -> Vec<u8> {
    let mut r = 0x5d3f_0000u32.to_be_bytes().to_vec();
    r.extend_from_slice(&t.to_be_bytes());
    r.extend_from_slice(&s.to_be_bytes());
    r.extend_from_slice(&(body.len() as u32).to_be_bytes());
    r.extend_from_slice(body);
    r
}

#[test]
fn split_reads_et_microseconds() {
    let mut data = record(17, 4, &[0, 0, 0x01, 0x02, 0xaa]);
    data.extend(record(16, 1, &[0xbb]));
    let view = View::with_offset(bytes::Bytes::from(data), 50);
    let (r, rest) = MrtRecord::split(&view, DEFAULT_MAX_RECORD_LEN).unwrap();
    assert_eq!(r.microseconds, Some(0x0102));
    assert_eq!(r.body.as_slice(), &[0xaa]);
    assert_eq!(r.body.offset(), 50 + 16);
    assert_eq!(r.wire_len(), 17);
    assert_eq!(r.timestamp, 0x5d3f_0000);
    let (r, rest) = MrtRecord::split(&rest, DEFAULT_MAX_RECORD_LEN).unwrap();
    assert_eq!((r.offset, r.microseconds), (67, None));
    assert_eq!(r.kind().to_string(), "BGP4MP/MESSAGE");
    assert!(rest.is_empty());
}

#[test]
fn split_rejects_et_without_room_for_microseconds() {
    let view = View::from(record(33, 0, &[1, 2, 3]));
    let err = MrtRecord::split(&view, DEFAULT_MAX_RECORD_LEN).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 3,
                min: 4,
                offset: 8,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn split_rejects_lengths_beyond_cap_and_short_views() {
    let view = View::from(record(13, 1, &[0; 10]));
    let err = MrtRecord::split(&view, 9).unwrap_err();
    assert!(
        matches!(
            err,
            Error::RecordTooLong {
                length: 10,
                max: 9,
                offset: 8
            }
        ),
        "{err:?}"
    );
    let short = view.slice(0, 15).unwrap();
    let err = MrtRecord::split(&short, 10).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Truncated {
                needed: 22,
                available: 15,
                offset: 0
            }
        ),
        "{err:?}"
    );
}
