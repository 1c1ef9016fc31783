//! TABLE_DUMP body parsing.

use ribcage_buffer::Cursor;

use super::*;

/// View 0, seq 7, 10.1.0.0/16, status 1, originated 1000, peer 192.0.2.1 AS 65000,
/// attributes ORIGIN IGP.
const BODY_V4: &[u8] = &[
    0, 0, 0, 7, 10, 1, 0, 0, 16, 1, 0, 0, 3, 232, 192, 0, 2, 1, 0xfd, 0xe8, 0, 4, 0x40, 1, 1, 0,
];

#[test]
fn parses_an_ipv4_entry() {
    let td = TableDump::parse(1, Cursor::with_base(BODY_V4, 100)).unwrap();
    assert_eq!(td.sequence, 7);
    assert_eq!(td.prefix.to_string(), "10.1.0.0/16");
    assert_eq!(td.originated, 1000);
    assert_eq!(td.peer_ip.to_string(), "192.0.2.1");
    assert_eq!(td.peer_as, 65000);
    assert_eq!(td.attributes.rest(), &[0x40, 1, 1, 0]);
    assert_eq!(td.attributes.position(), 100 + 22);
    assert_eq!(td.family(), Family::IPV4_UNICAST);
    assert!(!TableDump::context().four_byte_as());
}

#[test]
fn rejects_unknown_afi_and_bad_lengths() {
    assert_eq!(
        TableDump::parse(3, Cursor::with_base(BODY_V4, 100)).unwrap_err(),
        Error::Afi {
            afi: 3,
            offset: 100
        }
    );
    let mut long = BODY_V4.to_vec();
    long[8] = 33;
    assert_eq!(
        TableDump::parse(1, Cursor::with_base(&long, 100)).unwrap_err(),
        Error::PrefixLength {
            length: 33,
            max: 32,
            offset: 108
        }
    );
    // The attribute length says 5 but only 4 bytes follow.
    let mut over = BODY_V4.to_vec();
    over[21] = 5;
    assert!(matches!(
        TableDump::parse(1, Cursor::with_base(&over, 0)).unwrap_err(),
        Error::Truncated { offset: 22, .. }
    ));
}
