//! Route distinguisher text forms and parsing.

use std::net::Ipv4Addr;

use super::RouteDistinguisher;

#[test]
fn display_each_type() {
    assert_eq!(RouteDistinguisher::as2(65000, 1).to_string(), "65000:1");
    assert_eq!(
        RouteDistinguisher::ipv4(Ipv4Addr::new(1, 2, 3, 4), 7).to_string(),
        "1.2.3.4:7"
    );
    assert_eq!(
        RouteDistinguisher::as4(4_200_000_000, 7).to_string(),
        "4200000000:7"
    );
    let unknown = RouteDistinguisher([0, 9, 1, 2, 3, 4, 5, 6]);
    assert_eq!(unknown.rd_type(), 9);
    assert_eq!(unknown.to_string(), "9:0x010203040506");
}

#[test]
fn wire_layout() {
    assert_eq!(
        RouteDistinguisher::as2(65000, 1).0,
        [0, 0, 0xfd, 0xe8, 0, 0, 0, 1]
    );
    assert_eq!(
        RouteDistinguisher::ipv4(Ipv4Addr::new(192, 0, 2, 1), 7).0,
        [0, 1, 192, 0, 2, 1, 0, 7]
    );
    assert_eq!(
        RouteDistinguisher::as4(4_200_000_000, 7).0,
        [0, 2, 0xfa, 0x56, 0xea, 0, 0, 7]
    );
}

#[test]
fn parse_round_trips() {
    for text in [
        "65000:1",
        "1.2.3.4:7",
        "4200000000:7",
        "9:0x010203040506",
        "0:0",
    ] {
        let rd: RouteDistinguisher = text.parse().unwrap();
        assert_eq!(rd.to_string(), text);
    }
    for bad in [
        "",
        "65000",
        "x:1",
        "1.2.3.4:70000",
        "4200000000:70000",
        "9:0x0102",
        "a:b:c",
    ] {
        assert!(bad.parse::<RouteDistinguisher>().is_err(), "{bad}");
    }
}

#[test]
fn serde_is_the_text_form() {
    let rd = RouteDistinguisher::ipv4(Ipv4Addr::new(1, 2, 3, 4), 7);
    let json = serde_json::to_string(&rd).unwrap();
    assert_eq!(json, "\"1.2.3.4:7\"");
    let back: RouteDistinguisher = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rd);
}
