//! Unit tests of the BGP header check and the in-memory splitter.

use super::*;

fn header(length: u16, msg_type: u8) -> [u8; BGP_HEADER_LEN] {
    let mut h = [0xff; BGP_HEADER_LEN];
    h[16..18].copy_from_slice(&length.to_be_bytes());
    h[18] = msg_type;
    h
}

#[test]
fn message_type_prints_name_or_number() {
    assert_eq!(MessageType::UPDATE.to_string(), "UPDATE");
    assert_eq!(format!("{:?}", MessageType::ROUTE_REFRESH), "ROUTE_REFRESH");
    assert_eq!(MessageType(9).to_string(), "9");
    assert_eq!(MessageType(0).name(), None);
}

#[test]
fn header_accepts_each_type_at_its_minimum() {
    for (t, min) in [(1, 29), (2, 23), (3, 21), (4, 19), (5, 23)] {
        let got = check_bgp_header(&header(min, t), 100, BGP_MAX_LEN).unwrap();
        assert_eq!(got, (MessageType(t), usize::from(min)));
    }
}

#[test]
fn header_rejects_below_type_minimum_at_length_field() {
    let err = check_bgp_header(&header(22, 2), 100, BGP_MAX_LEN).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 22,
                min: 23,
                max: 4096,
                offset: 116
            }
        ),
        "{err:?}"
    );
}

#[test]
fn keepalive_must_be_exactly_19() {
    let err = check_bgp_header(&header(20, 4), 0, BGP_MAX_LEN).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadLength {
                length: 20,
                min: 19,
                max: 19,
                offset: 16
            }
        ),
        "{err:?}"
    );
}

#[test]
fn extended_limit_allows_65535() {
    assert!(check_bgp_header(&header(4097, 2), 0, BGP_MAX_LEN).is_err());
    let got = check_bgp_header(&header(65535, 2), 0, BGP_EXTENDED_MAX_LEN).unwrap();
    assert_eq!(got.1, 65535);
}

#[test]
fn split_returns_message_and_rest_sharing_offsets() {
    let mut data = header(23, 2).to_vec();
    data.extend_from_slice(&[0, 0, 0, 0]);
    data.extend_from_slice(&header(19, 4));
    let view = View::with_offset(bytes::Bytes::from(data), 1000);
    let (first, rest) = BgpMessage::split(&view, false).unwrap();
    assert_eq!(first.msg_type, MessageType::UPDATE);
    assert_eq!(first.offset, 1000);
    assert_eq!(first.length(), 23);
    assert_eq!(first.body().offset(), 1019);
    assert_eq!(first.body().as_slice(), &[0, 0, 0, 0]);
    let (second, rest) = BgpMessage::split(&rest, false).unwrap();
    assert_eq!(second.msg_type, MessageType::KEEPALIVE);
    assert_eq!(second.offset, 1023);
    assert!(rest.is_empty());
    assert_eq!(rest.offset(), 1042);
}

#[test]
fn split_reports_short_views() {
    let view = View::with_offset(bytes::Bytes::from(header(30, 2)[..10].to_vec()), 7);
    let err = BgpMessage::split(&view, false).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Truncated {
                needed: 19,
                available: 10,
                offset: 7
            }
        ),
        "{err:?}"
    );
    let view = View::with_offset(bytes::Bytes::from(header(30, 2).to_vec()), 7);
    let err = BgpMessage::split(&view, false).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Truncated {
                needed: 30,
                available: 19,
                offset: 7
            }
        ),
        "{err:?}"
    );
}
