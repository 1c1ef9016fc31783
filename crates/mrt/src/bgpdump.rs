//! The `bgpdump -m` one-line format, byte for byte (RIPE NCC bgpdump 1.6).
//!
//! [`Bgpdump::write_record`] appends the lines of one record to a buffer, allocating nothing per
//! route. This module only lays out the lines of MRT records; bgpdump's reading of attribute
//! blocks and every attribute and address text (its quirks included) come from
//! `ribcage_attributes::bgpdump`, their one home. It reads records the way bgpdump does, which differs from strict RFC decoding in a few places: for example bgpdump prints no
//! lines for TABLE_DUMP_V2 multicast and RIB_GENERIC records, for families other than IPv4/IPv6
//! unicast/multicast, or for BGP messages other than UPDATE.
//!
//! Line formats (`|`-separated):
//! - `TABLE_DUMP|time|B|peer|peer_as|prefix|as_path|origin|next_hop|local_pref|med|communities|AG or NAG|aggregator|`
//! - `TABLE_DUMP2` and `TABLE_DUMP2_AP` (the ADD-PATH subtypes, a path id after the prefix).
//! - `BGP4MP|time|A|...` (announcement, same fields), `BGP4MP|time|W|peer|peer_as|prefix`,
//!   `BGP4MP|time|STATE|peer|peer_as|old|new`; `BGP4MP_ET` records print `time.micro`.

use ribcage_attributes::bgpdump::{
    put_i32, put_ipv4, put_ipv4_prefix, put_ipv6, put_ipv6_prefix, put_u32, Attrs, Mp as BgpdumpMp,
    Ms, TextBuf,
};
use ribcage_attributes::Origin;
use ribcage_buffer::Cursor;

use crate::mrt::t13_table_dump_v2::{PeerTable, TableDumpV2Subtype};
use crate::{Error, MrtRecord, MrtType};

/// What one record gave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Lines written.
    pub lines: u64,
    /// Parts bgpdump silently drops that were dropped here too (a truncated NLRI at the end of a
    /// field, an attribute overrunning its block); the caller reports them.
    pub dropped: u64,
    /// Whether the record's type or subtype is unknown (counted and skipped).
    pub unknown: bool,
    /// The type code of the first malformed attribute (wrong length or value), which the
    /// lines show as bgpdump does; the caller reports it.
    pub malformed: Option<u8>,
}

const UNKNOWN: Written = Written {
    lines: 0,
    dropped: 0,
    unknown: true,
    malformed: None,
};

/// The bgpdump `-m` formatter. Keeps the TABLE_DUMP_V2 peer table between records.
#[derive(Debug, Default)]
pub struct Bgpdump {
    peers: Option<PeerTable>,
    path: Vec<u8>,
    scratch: Vec<u8>,
    comms: Vec<u8>,
    /// The COMMUNITIES value `comms` was made from (consecutive updates often repeat it).
    comms_key: Vec<u8>,
    prefix_line: Vec<u8>,
    tail_buf: Vec<u8>,
    /// `fmt|time|kind|peer|peer_as|` of the BGP4MP lines being written.
    line: TextBuf<128>,
    /// The time text and what it was made from (timestamp, microseconds, whether `_ET`).
    time_key: Option<(u32, Option<u32>, bool)>,
    time_text: TextBuf<24>,
    /// `peer|peer_as|` and what it was made from.
    peer_key: Option<(Addr, u32)>,
    peer_text: TextBuf<64>,
}

/// Peer address as bgpdump prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Addr {
    V4([u8; 4]),
    V6([u8; 16]),
}

fn put_addr(out: &mut Vec<u8>, a: Addr) {
    match a {
        Addr::V4(a) => put_ipv4(out, a),
        Addr::V6(a) => put_ipv6(out, a),
    }
}

/// How a line's next hop is printed.
#[derive(Clone, Copy)]
enum Nh {
    /// An address.
    Addr(Addr),
    /// An empty field (bgpdump prints an uninitialised buffer there).
    Empty,
    /// No next hop, local preference and MED fields at all.
    Omit,
}

/// The next hop of an MP_REACH_NLRI by its length, as bgpdump prints it.
fn mp_next_hop(mp: &BgpdumpMp<'_>) -> Option<Addr> {
    match mp.nh_len {
        4 => Some(Addr::V4(v4(&mp.next_hop))),
        16 | 32 => Some(Addr::V6(mp.next_hop)),
        _ => None,
    }
}

/// One prefix of a prefix list.
#[derive(Clone, Copy)]
struct Pfx {
    len: u8,
    addr: [u8; 16],
    path_id: u32,
}

/// bgpdump's `read_prefix_list`: yields prefixes until the run ends or one is truncated (then
/// `truncated` is set).
struct PrefixList<'a> {
    s: Ms<'a>,
    add_path: bool,
    v6: bool,
    truncated: bool,
}

impl Iterator for PrefixList<'_> {
    type Item = Pfx;
    fn next(&mut self) -> Option<Pfx> {
        if self.s.left() == 0 {
            return None;
        }
        let path_id = if self.add_path { self.s.getl() } else { 0 };
        let len = self.s.getc();
        let n = usize::from(len).div_ceil(8);
        let Some(bytes) = self.s.data.get(self.s.pos..self.s.pos + n) else {
            self.truncated = true;
            return None;
        };
        self.s.pos += n;
        // The address from its first bytes, the bits past the length cleared.
        let mut addr = [0u8; 16];
        if self.v6 {
            let mut x = 0u128;
            for &b in bytes.iter().take(16) {
                x = x << 8 | u128::from(b);
            }
            let x = x.checked_shl(8 * (16 - n.min(16)) as u32).unwrap_or(0);
            let mask = u128::MAX
                .checked_shl(128 - u32::from(len.min(128)))
                .unwrap_or(0);
            addr = (x & mask).to_be_bytes();
        } else {
            let mut x = 0u32;
            for &b in bytes.iter().take(4) {
                x = x << 8 | u32::from(b);
            }
            let x = x.checked_shl(8 * (4 - n.min(4)) as u32).unwrap_or(0);
            let mask = u32::MAX
                .checked_shl(32 - u32::from(len.min(32)))
                .unwrap_or(0);
            addr[..4].copy_from_slice(&(x & mask).to_be_bytes());
        }
        Some(Pfx { len, addr, path_id })
    }
}

fn put_prefix(out: &mut Vec<u8>, p: &Pfx, v6: bool) {
    if v6 {
        put_ipv6_prefix(out, p.addr, p.len);
    } else {
        put_ipv4_prefix(out, [p.addr[0], p.addr[1], p.addr[2], p.addr[3]], p.len);
    }
}

fn v4(b: &[u8]) -> [u8; 4] {
    let mut a = [0u8; 4];
    let n = b.len().min(4);
    a[..n].copy_from_slice(&b[..n]);
    a
}

impl Bgpdump {
    /// A formatter with no peer table yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the `-m` lines of `record` to `out`. An `Err` means bgpdump would skip the record
    /// (with a warning); `out` is then unchanged.
    pub fn write_record(
        &mut self,
        record: &MrtRecord,
        out: &mut Vec<u8>,
    ) -> Result<Written, Error> {
        let start = out.len();
        let r = self.dispatch(record, out);
        if r.is_err() {
            out.truncate(start);
        }
        r
    }

    fn dispatch(&mut self, record: &MrtRecord, out: &mut Vec<u8>) -> Result<Written, Error> {
        let body = record.body.as_slice();
        let base = record.body.offset();
        match record.mrt_type {
            MrtType::TABLE_DUMP => self.table_dump(record, body, base, out),
            MrtType::TABLE_DUMP_V2 => self.table_dump_v2(record, out),
            MrtType::BGP4MP | MrtType::BGP4MP_ET => self.bgp4mp(record, body, base, out),
            _ => Ok(UNKNOWN),
        }
    }

    /// The shared tail: `as_path|origin|next_hop|pref|med|communities|AG|aggregator|\n`.
    /// `nh` says how bgpdump prints the next hop part; with [`Nh::Omit`] and `path_in_nh` the
    /// path and origin go too (as bgpdump's IPv6 announcement lines do).
    fn tail(&mut self, out: &mut Vec<u8>, a: &Attrs<'_>, nh: Nh, signed: bool, path_in_nh: bool) {
        let omit = matches!(nh, Nh::Omit);
        if !(omit && path_in_nh) {
            out.extend_from_slice(&self.path);
            out.push(b'|');
            // bgpdump prints any value over 2 (and a missing ORIGIN) as INCOMPLETE.
            let origin = Origin(a.origin.min(2)).name().unwrap_or_default();
            out.extend_from_slice(origin.as_bytes());
            out.push(b'|');
        }
        if !omit {
            if let Nh::Addr(nh) = nh {
                put_addr(out, nh);
            }
            out.push(b'|');
            let pref = if a.has(5) { a.local_pref } else { 0 };
            let med = if a.has(4) { a.med } else { 0 };
            if signed {
                put_i32(out, pref);
                out.push(b'|');
                put_i32(out, med);
            } else {
                put_u32(out, pref);
                out.push(b'|');
                put_u32(out, med);
            }
            out.push(b'|');
        }
        // `comms` holds bgpdump's text with its leading space.
        out.extend_from_slice(self.comms.get(1..).unwrap_or_default());
        out.extend_from_slice(if a.has(6) { b"|AG|" } else { b"|NAG|" });
        let (aggr_as, aggr_addr) = a.aggregator();
        if aggr_addr != [255; 4] {
            put_u32(out, aggr_as);
            out.push(b' ');
            put_ipv4(out, aggr_addr);
        }
        out.extend_from_slice(b"|\n");
    }

    fn prepare(&mut self, a: &Attrs<'_>) {
        a.as_path_string(&mut self.path, &mut self.scratch);
        // The text depends on the value's bytes only (no attribute and an empty one print the
        // same), and starts out right for the empty key.
        let raw = a.communities.unwrap_or_default();
        if raw.is_empty() {
            self.comms.clear();
            self.comms_key.clear();
        } else if raw != self.comms_key.as_slice() {
            a.communities_text(&mut self.comms);
            self.comms_key.clear();
            self.comms_key.extend_from_slice(raw);
        }
    }

    /// Next hop of TABLE_DUMP lines: an MP_REACH_NLRI next hop (always printed as IPv6),
    /// else NEXT_HOP.
    fn td1_next_hop(a: &Attrs<'_>) -> Nh {
        if a.has(14) && a.reach[1][0].present {
            Nh::Addr(Addr::V6(a.reach[1][0].next_hop))
        } else {
            Nh::Addr(Addr::V4(a.next_hop))
        }
    }

    /// Next hop of TABLE_DUMP_V2 lines: the (abbreviated or IPv6) MP_REACH_NLRI next hop, else
    /// an IPv4 unicast one, else NEXT_HOP.
    fn td2_next_hop(a: &Attrs<'_>) -> Nh {
        let by_len = |mp: &BgpdumpMp<'_>| mp_next_hop(mp).map_or(Nh::Empty, Nh::Addr);
        if a.has(14) && a.reach[1][0].present {
            by_len(&a.reach[1][0])
        } else if a.has(14) && a.reach[0][0].present {
            by_len(&a.reach[0][0])
        } else {
            Nh::Addr(Addr::V4(a.next_hop))
        }
    }

    fn table_dump(
        &mut self,
        record: &MrtRecord,
        body: &[u8],
        base: usize,
        out: &mut Vec<u8>,
    ) -> Result<Written, Error> {
        let is_v6 = match record.subtype {
            1 => false,
            2 => true,
            _ => return Ok(UNKNOWN),
        };
        let mut cur = Cursor::with_base(body, base);
        cur.skip(4)?;
        let prefix = if is_v6 {
            Addr::V6(cur.read_array()?)
        } else {
            Addr::V4(cur.read_array()?)
        };
        let mask = cur.read_u8()?;
        cur.skip(5)?;
        let peer = if is_v6 {
            Addr::V6(cur.read_array()?)
        } else {
            Addr::V4(cur.read_array()?)
        };
        let peer_as = cur.read_u16()?;
        let alen = usize::from(cur.read_u16()?);
        let block = Ms::new(cur.rest()).copy(alen).data;
        let mut a = Attrs::empty(false);
        a.read(block);
        self.prepare(&a);
        out.extend_from_slice(b"TABLE_DUMP|");
        put_u32(out, record.timestamp);
        out.extend_from_slice(b"|B|");
        put_addr(out, peer);
        out.push(b'|');
        put_u32(out, u32::from(peer_as));
        out.push(b'|');
        put_addr(out, prefix);
        out.push(b'/');
        put_u32(out, u32::from(mask));
        out.push(b'|');
        self.tail(out, &a, Self::td1_next_hop(&a), false, false);
        Ok(Written {
            lines: 1,
            dropped: u64::from(a.truncated),
            unknown: false,
            malformed: a.malformed,
        })
    }

    fn table_dump_v2(&mut self, record: &MrtRecord, out: &mut Vec<u8>) -> Result<Written, Error> {
        let st = TableDumpV2Subtype(record.subtype);
        let cur = record.body.cursor();
        if st == TableDumpV2Subtype::PEER_INDEX_TABLE {
            self.peers = Some(PeerTable::parse(cur)?);
            return Ok(Written::default());
        }
        let (is_v6, add_path) = match st.0 {
            2 => (false, false),
            4 => (true, false),
            8 => (false, true),
            10 => (true, true),
            _ if st.rib().is_some() => return Ok(Written::default()),
            _ => return Ok(UNKNOWN),
        };
        let rib =
            crate::mrt::t13_table_dump_v2::Rib::parse(st, cur, &ribcage_nlri::Registry::BUILTIN)?;
        let peers = self.peers.take().ok_or(Error::NoPeerTable {
            offset: record.body.offset(),
        });
        let peers = peers?;
        let r = self.rib_lines(record, &rib, &peers, is_v6, add_path, out);
        self.peers = Some(peers);
        r
    }

    fn rib_lines(
        &mut self,
        record: &MrtRecord,
        rib: &crate::mrt::t13_table_dump_v2::Rib<'_>,
        peers: &PeerTable,
        is_v6: bool,
        add_path: bool,
        out: &mut Vec<u8>,
    ) -> Result<Written, Error> {
        let mut w = Written::default();
        let pfx = PrefixList {
            s: Ms::new(rib.nlri),
            add_path: false,
            v6: is_v6,
            truncated: false,
        }
        .next()
        .ok_or(Error::Truncated {
            needed: 1,
            available: 0,
            offset: rib.nlri_offset,
        })?;
        // The line prefix up to the peer is per entry; the prefix text is shared.
        self.prefix_line.clear();
        put_prefix(&mut self.prefix_line, &pfx, is_v6);
        let prefix_text = std::mem::take(&mut self.prefix_line);
        let mut first_err = None;
        for entry in rib.entries() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    first_err = Some(e);
                    break;
                }
            };
            let peer = match peers.peer(entry.peer_index, entry.offset) {
                Ok(p) => *p,
                Err(e) => {
                    first_err.get_or_insert(e);
                    w.dropped += 1;
                    continue;
                }
            };
            let mut a = Attrs::empty(true);
            a.read(entry.attributes.rest());
            w.dropped += u64::from(a.truncated);
            w.malformed = w.malformed.or(a.malformed);
            self.prepare(&a);
            out.extend_from_slice(if add_path {
                b"TABLE_DUMP2_AP|"
            } else {
                b"TABLE_DUMP2|"
            });
            put_u32(out, record.timestamp);
            out.extend_from_slice(b"|B|");
            match peer.ip {
                std::net::IpAddr::V4(a) => put_ipv4(out, a.octets()),
                std::net::IpAddr::V6(a) => put_ipv6(out, a.octets()),
            }
            out.push(b'|');
            put_u32(out, peer.asn);
            out.push(b'|');
            out.extend_from_slice(&prefix_text);
            out.push(b'|');
            if let Some(id) = entry.path_id {
                put_u32(out, id);
                out.push(b'|');
            }
            self.tail(out, &a, Self::td2_next_hop(&a), false, false);
            w.lines += 1;
        }
        self.prefix_line = prefix_text;
        match first_err {
            Some(e) if w.lines == 0 => Err(e),
            Some(_) => {
                w.dropped += 1;
                Ok(w)
            }
            None => Ok(w),
        }
    }

    fn bgp4mp(
        &mut self,
        record: &MrtRecord,
        body: &[u8],
        base: usize,
        out: &mut Vec<u8>,
    ) -> Result<Written, Error> {
        let et = record.mrt_type == MrtType::BGP4MP_ET;
        let st = record.subtype;
        let mut s = Ms::new(body);
        let trunc = |needed| Error::Truncated {
            needed,
            available: body.len(),
            offset: base,
        };
        match st {
            0 | 5 => {
                let as4 = st == 5;
                let asn_len = if as4 { 4 } else { 2 };
                let read_as = |s: &mut Ms<'_>| if as4 { s.getl() } else { u32::from(s.getw()) };
                let peer_as = read_as(&mut s);
                let _local_as = read_as(&mut s);
                let (peer, old, new) = if body.len() == 8 {
                    let old = s.getw();
                    let new = s.getw();
                    (Addr::V4([0; 4]), old, new)
                } else {
                    // The two AS numbers, the interface index and the AFI must be there before
                    // the addresses can be sized (RFC 6396 §4.4.1).
                    let Some(addresses) = body.len().checked_sub(2 * asn_len + 4) else {
                        return Err(trunc(2 * asn_len + 4));
                    };
                    let _ifindex = s.getw();
                    let afi = s.getw();
                    let peer = match (afi, addresses + 4) {
                        (1, 16) => {
                            let mut a = [0u8; 4];
                            s.get_into(&mut a);
                            s.getl();
                            Addr::V4(a)
                        }
                        (2, 40) => {
                            let mut a = [0u8; 16];
                            s.get_into(&mut a);
                            let mut b = [0u8; 16];
                            s.get_into(&mut b);
                            Addr::V6(a)
                        }
                        (1 | 2, _) => {
                            return Err(trunc(2 * asn_len + if afi == 1 { 16 } else { 40 }))
                        }
                        (afi, _) => {
                            return Err(Error::Afi {
                                afi,
                                offset: base + 2 * asn_len + 2,
                            })
                        }
                    };
                    let old = s.getw();
                    let new = s.getw();
                    (peer, old, new)
                };
                out.extend_from_slice(if et { b"BGP4MP_ET|" } else { b"BGP4MP|" });
                self.time(record);
                self.time_text.append_to(out);
                out.extend_from_slice(b"|STATE|");
                put_addr(out, peer);
                out.push(b'|');
                put_u32(out, peer_as);
                out.push(b'|');
                put_u32(out, u32::from(old));
                out.push(b'|');
                put_u32(out, u32::from(new));
                out.push(b'\n');
                Ok(Written {
                    lines: 1,
                    ..Written::default()
                })
            }
            1 | 4 | 6 | 7 | 8 | 9 | 10 | 11 => {
                let as4 = matches!(st, 4 | 7 | 9 | 11);
                // bgpdump names only MESSAGE_LOCAL and MESSAGE_AS4_LOCAL "_LOCAL"; for the
                // LOCAL_ADDPATH subtypes it prints the second (local) AS and address as the peer.
                let local = matches!(st, 6 | 7);
                let second = matches!(st, 10 | 11);
                let add_path = st >= 8;
                let read_as = |s: &mut Ms<'_>| if as4 { s.getl() } else { u32::from(s.getw()) };
                let first_as = read_as(&mut s);
                let second_as = read_as(&mut s);
                let peer_as = if second { second_as } else { first_as };
                let _ifindex = s.getw();
                let afi_off = base + s.pos;
                let afi = s.getw();
                let peer = match afi {
                    1 => {
                        let mut a = [0u8; 4];
                        let mut b = [0u8; 4];
                        s.get_into(&mut a);
                        s.get_into(&mut b);
                        Addr::V4(if second { b } else { a })
                    }
                    2 => {
                        let mut a = [0u8; 16];
                        let mut b = [0u8; 16];
                        s.get_into(&mut a);
                        s.get_into(&mut b);
                        Addr::V6(if second { b } else { a })
                    }
                    afi => {
                        return Err(Error::Afi {
                            afi,
                            offset: afi_off,
                        })
                    }
                };
                let marker_off = base + s.pos;
                let mut marker = [0u8; 16];
                s.get_into(&mut marker);
                if marker != [0xff; 16] {
                    return Err(Error::Marker { offset: marker_off });
                }
                let len_off = base + s.pos;
                let size = s.getw();
                if size < 19 {
                    return Err(Error::MessageLength {
                        length: size,
                        offset: len_off,
                    });
                }
                let mut m = s.copy(usize::from(size) - 18);
                if m.getc() != 2 {
                    return Ok(Written::default());
                }
                let fmt: &[u8] = match (et, local, add_path) {
                    (false, false, false) => b"BGP4MP|",
                    (false, false, true) => b"BGP4MP_AP|",
                    (false, true, false) => b"BGP4MP_LOCAL|",
                    (false, true, true) => b"BGP4MP_LOCAL_AP|",
                    (true, false, false) => b"BGP4MP_ET|",
                    (true, false, true) => b"BGP4MP_ET_AP|",
                    (true, true, false) => b"BGP4MP_ET_LOCAL|",
                    (true, true, true) => b"BGP4MP_ET_LOCAL_AP|",
                };
                self.update(record, m, fmt, peer, peer_as, (as4, local, add_path), out)
            }
            _ => Ok(UNKNOWN),
        }
    }

    /// Brings `time_text` up to date for `record` (timestamps repeat from record to record).
    fn time(&mut self, record: &MrtRecord) {
        let et = record.mrt_type == MrtType::BGP4MP_ET;
        let key = Some((record.timestamp, record.microseconds, et));
        if self.time_key == key {
            return;
        }
        self.time_key = key;
        let t = &mut self.time_text;
        t.clear();
        t.put_u32(record.timestamp);
        if et {
            t.push(b'.');
            let us = record.microseconds.unwrap_or(0);
            if us < 1_000_000 {
                // Zero-padded to six digits.
                let mut v = us;
                let mut digits = [b'0'; 6];
                for d in digits.iter_mut().rev() {
                    *d = b'0' + (v % 10) as u8;
                    v /= 10;
                }
                t.extend(&digits);
            } else {
                t.put_u32(us);
            }
        }
    }

    /// Writes `fmt|time|kind|peer|peer_as|` into `self.line`.
    fn line_start(
        &mut self,
        record: &MrtRecord,
        fmt: &[u8],
        kind: &[u8],
        peer: Addr,
        peer_as: u32,
    ) {
        self.time(record);
        let key = Some((peer, peer_as));
        if self.peer_key != key {
            self.peer_key = key;
            let p = &mut self.peer_text;
            p.clear();
            match peer {
                Addr::V4(a) => p.put_ipv4(a),
                Addr::V6(a) => p.put_ipv6(a),
            }
            p.push(b'|');
            p.put_u32(peer_as);
            p.push(b'|');
        }
        let l = &mut self.line;
        l.clear();
        l.extend(fmt);
        l.extend_buf(&self.time_text);
        l.extend(kind);
        l.extend_buf(&self.peer_text);
    }

    #[allow(clippy::too_many_arguments)]
    fn update(
        &mut self,
        record: &MrtRecord,
        mut m: Ms<'_>,
        fmt: &[u8],
        peer: Addr,
        peer_as: u32,
        (as4, local, add_path): (bool, bool, bool),
        out: &mut Vec<u8>,
    ) -> Result<Written, Error> {
        let mut w = Written::default();
        let wlen = usize::from(m.getw());
        let withdrawn = m.copy(wlen);
        let alen = usize::from(m.getw());
        let block = m.copy(alen).data;
        let nlri = m.rest();
        let mut a = Attrs::empty(as4);
        a.read(block);
        w.dropped += u64::from(a.truncated);
        w.malformed = a.malformed;
        fn list(s: Ms<'_>, v6: bool, add_path: bool) -> PrefixList<'_> {
            PrefixList {
                s,
                add_path,
                v6,
                truncated: false,
            }
        }
        // Withdrawals.
        if !withdrawn.data.is_empty() || a.has(15) {
            self.line_start(record, fmt, b"|W|", peer, peer_as);
            let runs = [
                (withdrawn, false),
                (Ms::new(a.unreach[0][0].nlri), false),
                (Ms::new(a.unreach[0][1].nlri), false),
                (Ms::new(a.unreach[0][2].nlri), false),
                (Ms::new(a.unreach[1][0].nlri), true),
                (Ms::new(a.unreach[1][1].nlri), true),
                (Ms::new(a.unreach[1][2].nlri), true),
            ];
            // bgpdump prints the local side's IPv4 address as an IPv6 one on the IPv6
            // withdrawal lines of MESSAGE_LOCAL records.
            let quirk = match peer {
                Addr::V4(a) if local => {
                    let mut b = [0u8; 16];
                    b[..4].copy_from_slice(&a);
                    Some(Addr::V6(b))
                }
                _ => None,
            };
            for (s, v6) in runs {
                if v6 && s.left() > 0 {
                    if let Some(q) = quirk {
                        self.line_start(record, fmt, b"|W|", q, peer_as);
                    }
                }
                let mut it = list(s, v6, add_path);
                for p in &mut it {
                    self.line.append_to(out);
                    put_prefix(out, &p, v6);
                    if add_path {
                        out.push(b'|');
                        put_u32(out, p.path_id);
                    }
                    out.push(b'\n');
                    w.lines += 1;
                }
                w.dropped += u64::from(it.truncated);
            }
        }
        // Announcements.
        if !nlri.data.is_empty() || a.has(14) {
            self.prepare(&a);
            self.line_start(record, fmt, b"|A|", peer, peer_as);
            let runs = [
                (nlri, false, None),
                (Ms::new(a.reach[0][0].nlri), false, Some(&a.reach[0][0])),
                (Ms::new(a.reach[0][1].nlri), false, Some(&a.reach[0][1])),
                (Ms::new(a.reach[0][2].nlri), false, Some(&a.reach[0][2])),
                (Ms::new(a.reach[1][0].nlri), true, Some(&a.reach[1][0])),
                (Ms::new(a.reach[1][1].nlri), true, Some(&a.reach[1][1])),
                (Ms::new(a.reach[1][2].nlri), true, Some(&a.reach[1][2])),
            ];
            for (s, v6, mp) in runs {
                // bgpdump prints MP next hops by their length, and IPv4 MP lines' local
                // preference and MED as signed numbers.
                let (nh, signed) = match mp {
                    None => (Nh::Addr(Addr::V4(a.next_hop)), false),
                    Some(mp) => (mp_next_hop(mp).map_or(Nh::Omit, Nh::Addr), !v6),
                };
                if s.left() == 0 {
                    continue;
                }
                // Every line of a run ends the same way: format that once.
                let mut tail = std::mem::take(&mut self.tail_buf);
                tail.clear();
                self.tail(&mut tail, &a, nh, signed, v6);
                let mut it = list(s, v6, add_path);
                for p in &mut it {
                    self.line.append_to(out);
                    put_prefix(out, &p, v6);
                    out.push(b'|');
                    if add_path {
                        put_u32(out, p.path_id);
                        out.push(b'|');
                    }
                    out.extend_from_slice(&tail);
                    w.lines += 1;
                }
                self.tail_buf = tail;
                w.dropped += u64::from(it.truncated);
            }
        }
        Ok(w)
    }
}
