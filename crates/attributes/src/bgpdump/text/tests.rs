//! Number and address text as bgpdump prints it (IPv6 as glibc's `inet_ntop`).

use std::net::Ipv6Addr;

use super::*;

fn v6(s: &str) -> String {
    let mut out = Vec::new();
    put_ipv6(&mut out, s.parse::<Ipv6Addr>().unwrap().octets());
    String::from_utf8(out).unwrap()
}

#[test]
fn ipv6_like_bgpdump() {
    assert_eq!(v6("::"), "::");
    assert_eq!(v6("::1"), "::1");
    assert_eq!(v6("fe80::"), "fe80::");
    assert_eq!(v6("2001:db8::1"), "2001:db8::1");
    // A single zero group is compressed too, the first of equal runs.
    assert_eq!(v6("2001:7f8:30:0:2:1:0:8447"), "2001:7f8:30::2:1:0:8447");
    assert_eq!(v6("1:0:0:2:0:0:3:4"), "1::2:0:0:3:4");
    assert_eq!(v6("1:0:0:2:0:0:0:4"), "1:0:0:2::4");
    assert_eq!(v6("::ffff:193.0.0.56"), "::ffff:193.0.0.56");
    assert_eq!(v6("::192.168.1.2"), "::192.168.1.2");
    assert_eq!(v6("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2:3:4:5:6");
    // glibc prints the embedded IPv4 form only when the zero run is exactly the first six
    // groups (or five then ffff): these are what `inet_ntop` gives.
    assert_eq!(v6("::0.0.1.0"), "::100");
    assert_eq!(v6("::2"), "::2");
    assert_eq!(v6("::ffff:0:0"), "::ffff:0.0.0.0");
    assert_eq!(v6("0:0:0:0:0:1:1.2.3.4"), "::1:102:304");
}

#[test]
fn ip_display_is_put_ipv6() {
    for a in [
        "::0.0.1.0",
        "2001:7f8:30:0:2:1:0:8447",
        "::ffff:1.2.3.4",
        "fe80::1",
    ] {
        let ip: std::net::IpAddr = a.parse().unwrap();
        assert_eq!(crate::bgpdump::Ip(ip).to_string(), v6(a));
    }
}

#[test]
fn numbers() {
    let mut out = Vec::new();
    put_u32(&mut out, 0);
    out.push(b' ');
    put_u32(&mut out, u32::MAX);
    out.push(b' ');
    put_i32(&mut out, u32::MAX);
    out.push(b' ');
    put_i32(&mut out, 100);
    out.push(b' ');
    put_ipv4(&mut out, [255, 0, 10, 1]);
    assert_eq!(out, b"0 4294967295 -1 100 255.0.10.1");
}
