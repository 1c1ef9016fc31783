//! BGP4MP state change and message parsing.

use ribcage_buffer::Cursor;
use ribcage_nlri::Family;

use super::*;

#[test]
fn state_change_two_and_four_byte() {
    let b2 = [
        0xfd, 0xe8, 0xfd, 0xe9, 0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2, 0, 1, 0, 6,
    ];
    let s = StateChange::parse(Cursor::new(&b2), false).unwrap();
    assert_eq!(s.peering.peer_as, 65000);
    assert_eq!(s.peering.local_as, 65001);
    assert_eq!(s.peering.peer_ip.to_string(), "192.0.2.1");
    assert_eq!((s.old_state, s.new_state), (1, 6));
    let mut b4 = vec![0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2];
    b4.extend_from_slice(&[0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    b4.extend_from_slice(&[0; 16]);
    b4.extend_from_slice(&[0, 6, 0, 1]);
    let s = StateChange::parse(Cursor::new(&b4), true).unwrap();
    assert_eq!(s.peering.peer_as, 65536);
    assert_eq!(s.peering.afi, Afi::IPV6);
    assert_eq!(s.peering.peer_ip.to_string(), "2001:db8::1");
}

fn message(subtype: u16, length: u16) -> Vec<u8> {
    let (as4, _, _) = Bgp4mpSubtype(subtype).message().unwrap();
    let mut b = Vec::new();
    if as4 {
        b.extend_from_slice(&[0, 0, 0xfd, 0xe8, 0, 0, 0xfd, 0xe9]);
    } else {
        b.extend_from_slice(&[0xfd, 0xe8, 0xfd, 0xe9]);
    }
    b.extend_from_slice(&[0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2]);
    b.extend_from_slice(&[0xff; 16]);
    b.extend_from_slice(&length.to_be_bytes());
    b.push(2);
    b.extend_from_slice(&[0, 0, 0, 0]);
    b
}

#[test]
fn message_subtypes_set_the_context() {
    for (st, as4, local, add_path) in [
        (1, false, false, false),
        (4, true, false, false),
        (6, false, true, false),
        (7, true, true, false),
        (8, false, false, true),
        (9, true, false, true),
        (10, false, true, true),
        (11, true, true, true),
    ] {
        let body = message(st, 23);
        let m = Message::parse(Bgp4mpSubtype(st), Cursor::new(&body)).unwrap();
        assert_eq!(m.message_type, BgpMessageType::UPDATE);
        assert_eq!(
            (m.four_byte_as, m.local, m.add_path),
            (as4, local, add_path)
        );
        assert_eq!(m.context().four_byte_as(), as4);
        assert_eq!(m.context().add_path(Family::IPV6_UNICAST), add_path);
        assert_eq!(m.body.remaining(), 4);
        assert_eq!(m.cut_bytes, 0);
    }
}

#[test]
fn bad_marker_length_and_cut_messages() {
    let mut body = message(1, 23);
    body[16] = 0;
    assert_eq!(
        Message::parse(Bgp4mpSubtype(1), Cursor::new(&body)).unwrap_err(),
        Error::Marker { offset: 16 }
    );
    let body = message(1, 18);
    assert_eq!(
        Message::parse(Bgp4mpSubtype(1), Cursor::new(&body)).unwrap_err(),
        Error::MessageLength {
            length: 18,
            offset: 32
        }
    );
    let body = message(1, 30);
    let m = Message::parse(Bgp4mpSubtype(1), Cursor::new(&body)).unwrap();
    assert_eq!(m.cut_bytes, 7);
    let mut body = message(1, 23);
    body[7] = 9;
    assert_eq!(
        Message::parse(Bgp4mpSubtype(1), Cursor::new(&body)).unwrap_err(),
        Error::Afi { afi: 9, offset: 6 }
    );
}

/// A MESSAGE (`as4` false) or MESSAGE_AS4 body with the given peer and local AS.
fn message_between(as4: bool, peer_as: u32, local_as: u32) -> Vec<u8> {
    let mut b = Vec::new();
    for asn in [peer_as, local_as] {
        if as4 {
            b.extend_from_slice(&asn.to_be_bytes());
        } else {
            b.extend_from_slice(&(asn as u16).to_be_bytes());
        }
    }
    b.extend_from_slice(&message(1, 23)[4..]);
    b
}

#[test]
fn message_session_from_the_two_ases() {
    for (as4, peer, local, want) in [
        (true, 3333, 12654, Session::External),
        (true, 12654, 12654, Session::Internal),
        (true, 4_200_000_001, 4_200_000_001, Session::Internal),
        (true, 4_200_000_001, 4_200_000_002, Session::External),
        (false, 65000, 65001, Session::External),
        (false, 65000, 65000, Session::Internal),
        // AS_TRANS on both sides of a 2-byte subtype: any two 4-byte ASes.
        (false, 23456, 23456, Session::Unknown),
        (false, 23456, 65001, Session::External),
        (true, 23456, 23456, Session::Internal),
        // AS 0 is reserved (RFC 7607): the recorder did not know.
        (true, 0, 12654, Session::Unknown),
        (false, 65000, 0, Session::Unknown),
    ] {
        let subtype = Bgp4mpSubtype(if as4 { 4 } else { 1 });
        let body = message_between(as4, peer, local);
        let m = Message::parse(subtype, Cursor::new(&body)).unwrap();
        assert_eq!((m.peering.peer_as, m.peering.local_as), (peer, local));
        assert_eq!(m.session(), want, "{peer} {local} {as4}");
        assert_eq!(m.context().session(), want);
        assert_eq!(m.context().four_byte_as(), as4);
    }
}

/// `Message::parse` reads whole bodies straight from the slice and hands anything unusual to
/// `parse_fields`: both give the same message or error for every subtype and AFI, every
/// truncation, and every octet of the fixed fields set to each of a few telling values.
#[test]
fn direct_parse_agrees_with_parse_fields() {
    let show = |r: Result<Message<'_>, Error>| format!("{r:?}");
    let mut checked = 0;
    for st in [1, 4, 6, 7, 8, 9, 10, 11, 0, 3, 12] {
        let as4 = Bgp4mpSubtype(st).message().is_none_or(|(as4, _, _)| as4);
        for afi in [1u8, 2] {
            let mut b: Vec<u8> = if as4 {
                vec![0, 0, 0xfd, 0xe8, 0, 1, 0, 9]
            } else {
                vec![0xfd, 0xe8, 0x5b, 0xa0]
            };
            b.extend_from_slice(&[0, 3, 0, afi]);
            let ips = if afi == 1 { 8 } else { 32 };
            b.extend((0..ips).map(|i| i as u8 + 1));
            b.extend_from_slice(&[0xff; 16]);
            b.extend_from_slice(&25u16.to_be_bytes());
            b.extend_from_slice(&[2, 0, 0, 0, 2, 0x40, 1]);
            for cut in 0..=b.len() {
                for at in 0..cut.min(b.len() - 4) {
                    for v in [0u8, 1, 2, 3, 0x12, 0xff] {
                        let mut m = b[..cut].to_vec();
                        m[at] = v;
                        let cur = Cursor::with_base(&m, 1000);
                        assert_eq!(
                            show(Message::parse(Bgp4mpSubtype(st), cur)),
                            show(Message::parse_fields(Bgp4mpSubtype(st), cur)),
                            "subtype {st} afi {afi} cut {cut} octet {at} = {v}"
                        );
                        checked += 1;
                    }
                }
                let cur = Cursor::with_base(&b[..cut], 7);
                assert_eq!(
                    show(Message::parse(Bgp4mpSubtype(st), cur)),
                    show(Message::parse_fields(Bgp4mpSubtype(st), cur)),
                );
            }
        }
    }
    assert!(checked > 10_000);
}
