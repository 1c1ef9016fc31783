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

#[test]
fn every_digit_count() {
    let mut out = Vec::new();
    let mut v = 1u32;
    for _ in 0..10 {
        for n in [v - 1, v, v.saturating_mul(7)] {
            out.clear();
            put_u32(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
        v = v.saturating_mul(10);
    }
}

#[test]
fn every_octet_and_hex_group() {
    for b in 0..=255u8 {
        let mut out = Vec::new();
        put_ipv4(&mut out, [b, 0, 255, b]);
        assert_eq!(out, format!("{b}.0.255.{b}").as_bytes());
    }
    for g in [0x1u16, 0xf, 0x10, 0xff, 0x100, 0xfff, 0x1000, 0xffff] {
        let a = format!("{g:x}:1:{g:x}:1:{g:x}:1:{g:x}:{g:x}");
        assert_eq!(v6(&a), a);
    }
}

#[test]
fn prefixes() {
    let mut out = Vec::new();
    put_ipv4_prefix(&mut out, [255, 255, 255, 255], 32);
    out.push(b' ');
    put_ipv4_prefix(&mut out, [0, 0, 0, 0], 0);
    out.push(b' ');
    put_ipv6_prefix(
        &mut out,
        "2001:db8::".parse::<Ipv6Addr>().unwrap().octets(),
        128,
    );
    out.push(b' ');
    let widest = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    put_ipv6_prefix(&mut out, widest.parse::<Ipv6Addr>().unwrap().octets(), 255);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!("255.255.255.255/32 0.0.0.0/0 2001:db8::/128 {widest}/255")
    );
}

#[test]
fn text_buf_drops_what_does_not_fit() {
    let mut t = TextBuf::<8>::default();
    t.extend(b"abc");
    t.put_u32(123_456);
    assert_eq!(t.as_bytes(), b"abc");
    t.put_u32(12_345);
    t.push(b'!');
    assert_eq!(t.as_bytes(), b"abc12345");
    let mut u = TextBuf::<12>::default();
    u.extend(b"x");
    u.extend_buf(&t);
    u.extend_buf(&t);
    assert_eq!(u.as_bytes(), b"xabc12345abc");
    let mut out = b"<".to_vec();
    u.append_to(&mut out);
    assert_eq!(out, b"<xabc12345abc");
    u.clear();
    assert!(u.is_empty());
}
