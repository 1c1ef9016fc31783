//! Number and address text as bgpdump prints it.

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
