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

/// The AS path as `bgpdump -m` prints it (bgpdump 1.6.2's `process_asn32_trans` and
/// `asn32_merge_paths`), which differs from RFC 6793 §4.2.3 in three ways reproduced here:
///
/// - AS4_PATH is ignored only when both AGGREGATOR and AS4_AGGREGATOR are present and
///   AGGREGATOR's AS is not AS_TRANS (the RFC ignores it whenever AGGREGATOR is not AS_TRANS);
/// - confederation sequences count their members, confederation sets count one (the RFC counts
///   neither), and AS4_PATH with confederation segments is merged all the same;
/// - the leading part is built by repeating AS_PATH's *first* segment (bgpdump never advances
///   to the next one) until enough ASes are copied, the last copy of a sequence cut short.
///
/// For the usual single-sequence path the result equals the RFC merge. On 4-byte sessions it
/// is AS_PATH as received.
#[derive(Clone, Copy, Debug)]
pub struct AsPath<'a> {
    head: Option<crate::AsPath<'a>>,
    need: usize,
    tail: Option<crate::AsPath<'a>>,
}

/// bgpdump's count of ASes in a path.
fn bgpdump_count(p: &crate::AsPath<'_>) -> usize {
    p.segments()
        .map(|s| match s.kind() {
            crate::SegmentType::SET | crate::SegmentType::CONFED_SET => 1,
            _ => s.len(),
        })
        .sum()
}

impl<'a> AsPath<'a> {
    /// The path bgpdump prints for an attribute block. `Err` if AS_PATH is malformed (bgpdump
    /// then prints an error marker); a malformed AS4_PATH is ignored.
    pub fn of(attrs: &crate::PathAttributes<'a>) -> Result<Self, crate::Error> {
        let path = attrs.as_path()?;
        let plain = Self {
            head: path,
            need: usize::MAX,
            tail: None,
        };
        let Some(path) = path else {
            return Ok(plain);
        };
        if attrs.context().four_byte_as() {
            return Ok(plain);
        }
        let agg = attrs.aggregator().ok().flatten();
        let agg4 = attrs.as4_aggregator().ok().flatten();
        if agg4.is_some() && agg.is_some_and(|a| a.asn != crate::AS_TRANS) {
            return Ok(plain);
        }
        let Some(as4) = attrs.as4_path().ok().flatten() else {
            return Ok(plain);
        };
        let (n, n4) = (bgpdump_count(&path), bgpdump_count(&as4));
        if n < n4 {
            return Ok(plain);
        }
        Ok(Self {
            head: Some(path),
            need: n - n4,
            tail: Some(as4),
        })
    }
}

impl fmt::Display for AsPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(head) = self.head else {
            return Ok(());
        };
        let Some(tail) = self.tail else {
            return head.fmt(f);
        };
        let mut first = true;
        let mut sep = |f: &mut fmt::Formatter<'_>| {
            if !std::mem::take(&mut first) {
                f.write_str(" ")?;
            }
            Ok(())
        };
        if let Some(seg) = head.segments().next() {
            let mut copied = 0;
            while copied < self.need {
                sep(f)?;
                match seg.kind() {
                    crate::SegmentType::SET | crate::SegmentType::CONFED_SET => {
                        copied += 1;
                        write!(f, "{seg}")?;
                    }
                    _ => {
                        let take = seg.len().min(self.need - copied);
                        copied += seg.len();
                        write!(f, "{}", seg.truncated(take))?;
                    }
                }
            }
        }
        for seg in tail.segments() {
            sep(f)?;
            write!(f, "{seg}")?;
        }
        Ok(())
    }
}
