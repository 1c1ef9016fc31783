//! Text forms as `bgpdump -m` (RIPE NCC bgpdump 1.6) prints them, for the pieces of its lines
//! that come from path attributes and addresses. The attribute types' own `Display` already
//! use bgpdump's notation for AS paths, origins and aggregators; this module adds the forms that
//! differ from Rust's standard ones.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

/// An address formatted as bgpdump formats it: IPv4 dotted quad; IPv6 with the longest run of
/// zero groups compressed to `::` even when it is a single group (Rust, following RFC 5952,
/// leaves a single zero group alone: `2001:7f8:30:0:2:1:0:8447` vs bgpdump's
/// `2001:7f8:30::2:1:0:8447`), and IPv4-mapped/compatible addresses as `::ffff:a.b.c.d` /
/// `::a.b.c.d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ip(pub IpAddr);

impl fmt::Display for Ip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(a) => write!(f, "{a}"),
            IpAddr::V6(a) => fmt_v6(a, f),
        }
    }
}

fn fmt_v6(a: Ipv6Addr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let o = a.octets();
    let g = a.segments();
    if o[..10].iter().all(|&b| b == 0) {
        let v4 = std::net::Ipv4Addr::new(o[12], o[13], o[14], o[15]);
        if o[10] == 0xff && o[11] == 0xff {
            return write!(f, "::ffff:{v4}");
        }
        if o[10] == 0 && o[11] == 0 && u32::from(v4) > 1 {
            return write!(f, "::{v4}");
        }
    }
    // The first longest run of zero groups, of any length >= 1.
    let (mut best, mut best_len, mut i) = (usize::MAX, 0, 0);
    while i < 8 {
        if g[i] == 0 {
            let start = i;
            while i < 8 && g[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    while i < 8 {
        if i == best {
            f.write_str(if i == 0 { "::" } else { ":" })?;
            i += best_len;
            continue;
        }
        write!(f, "{:x}", g[i])?;
        if i != 7 {
            f.write_str(":")?;
        }
        i += 1;
    }
    Ok(())
}
