//! Everything `bgpdump -m` (RIPE NCC bgpdump 1.6) prints differently from the RFCs and from
//! Rust's standard text forms, in one place: numbers and addresses written straight into a
//! byte buffer ([`put_u32`], [`put_i32`], [`put_ipv4`], [`put_ipv6`]: glibc's `inet_ntop`,
//! which compresses a single zero group; built in a stack [`TextBuf`] and copied in once), bgpdump's reading of a damaged stream ([`Ms`]), its
//! reading of an attribute block ([`Attrs`]: defaults, zero-filled values, the first MP
//! attribute per family) and its text for AS paths (its own AS4_PATH merge), communities and
//! aggregators; and the `Display` forms [`Ip`] and [`AsPath`] built on them.
//!
//! This is the only home of bgpdump's quirks: `ribcage-mrt`'s `bgpdump` formatter lays out
//! the lines of MRT records and takes every attribute and address text from here. It lives in
//! this crate, not in `ribcage-mrt`, because the quirks are about path attributes and their
//! text, which any crate above (MRT, the RIB's dump) needs; the attribute framing under
//! [`Attrs`] is this crate's [`crate::RawAttributes`].

mod mstream;
mod read;
mod text;

use std::fmt;
use std::net::IpAddr;

pub use mstream::Ms;
pub use read::{Attrs, Mp};
pub use text::{put_i32, put_ipv4, put_ipv4_prefix, put_ipv6, put_ipv6_prefix, put_u32, TextBuf};

/// An address formatted as bgpdump formats it: IPv4 dotted quad; IPv6 as glibc's `inet_ntop`
/// (see [`put_ipv6`]): the longest run of zero groups compressed to `::` even when it is a
/// single group (Rust, following RFC 5952, leaves a single zero group alone:
/// `2001:7f8:30:0:2:1:0:8447` vs bgpdump's `2001:7f8:30::2:1:0:8447`), and IPv4-mapped and
/// IPv4-compatible addresses as `::ffff:a.b.c.d` / `::a.b.c.d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ip(pub IpAddr);

impl fmt::Display for Ip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(a) => write!(f, "{a}"),
            IpAddr::V6(a) => {
                let mut out = text::TextBuf::<48>::default();
                text::write_ipv6(&mut out, a.octets());
                f.write_str(out.as_str())
            }
        }
    }
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
/// is AS_PATH as received. The text is [`Attrs::as_path_string`]'s.
#[derive(Clone, Copy, Debug)]
pub struct AsPath<'a> {
    attrs: Attrs<'a>,
}

impl<'a> AsPath<'a> {
    /// The path bgpdump prints for an attribute block. `Err` if AS_PATH is malformed (bgpdump
    /// then prints an error marker); a malformed AS4_PATH is ignored.
    pub fn of(attrs: &crate::PathAttributes<'a>) -> Result<Self, crate::Error> {
        attrs.as_path()?;
        Ok(Self {
            attrs: Attrs::parse(attrs.wire(), attrs.context().four_byte_as()),
        })
    }
}

impl fmt::Display for AsPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (mut out, mut scratch) = (Vec::new(), Vec::new());
        self.attrs.as_path_string(&mut out, &mut scratch);
        // The text is ASCII digits and delimiters.
        f.write_str(&String::from_utf8_lossy(&out))
    }
}
