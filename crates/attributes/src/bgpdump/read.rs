//! Path attributes read the way bgpdump reads them, so the `-m` line comes out identical:
//! defaults of 255.255.255.255 and 0, MP_REACH/MP_UNREACH kept per (AFI 1-2, SAFI 1-3), the
//! TABLE_DUMP_V2 abbreviated MP_REACH recognised by a non-zero first byte, and the AS4_PATH /
//! AS4_AGGREGATOR merge of RFC 6793 §4.2.3 with bgpdump's exact rules. The framing is
//! [`RawAttributes`]'; only the reading of values (zero-filled, first of each kind) is
//! bgpdump's own.

use super::mstream::Ms;
use super::text::{put_u32, TextBuf};
use crate::{Error, RawAttributes, AS_TRANS};

/// One MP_REACH_NLRI or MP_UNREACH_NLRI as bgpdump keeps it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Mp<'a> {
    /// The next hop length octet.
    pub nh_len: u8,
    /// The next hop: 4 bytes of IPv4 or 16 of IPv6, zero-filled.
    pub next_hop: [u8; 16],
    /// The NLRI run (empty for the abbreviated form).
    pub nlri: &'a [u8],
    /// Whether the attribute was there.
    pub present: bool,
}

const NONE_ADDR: [u8; 4] = [255; 4];

/// The attributes of one UPDATE or RIB entry.
#[derive(Clone, Copy, Debug)]
pub struct Attrs<'a> {
    /// Which types 1-32 were present, bit `t - 1` for type `t` (bgpdump's `ATTR_FLAG_BIT`).
    pub flags: u32,
    /// ORIGIN's first byte (255 when absent).
    pub origin: u8,
    /// AS_PATH's value.
    pub as_path: Option<&'a [u8]>,
    /// AS4_PATH's value.
    pub as4_path: Option<&'a [u8]>,
    /// NEXT_HOP, zero-filled (255.255.255.255 when absent).
    pub next_hop: [u8; 4],
    /// MULTI_EXIT_DISC, zero-filled.
    pub med: u32,
    /// LOCAL_PREF, zero-filled.
    pub local_pref: u32,
    /// AGGREGATOR's AS.
    pub aggregator_as: u32,
    /// AGGREGATOR's address (255.255.255.255 when absent).
    pub aggregator_addr: [u8; 4],
    /// AS4_AGGREGATOR's AS and address.
    pub as4_aggregator: Option<(u32, [u8; 4])>,
    /// COMMUNITIES' value.
    pub communities: Option<&'a [u8]>,
    /// `[afi - 1][safi - 1]` for AFI 1-2, SAFI 1-3.
    pub reach: [[Mp<'a>; 3]; 2],
    /// As `reach`, for MP_UNREACH_NLRI.
    pub unreach: [[Mp<'a>; 3]; 2],
    /// Whether AS numbers in AS_PATH and AGGREGATOR are 4 bytes wide.
    pub four_byte_as: bool,
    /// Whether the attribute block ended inside an attribute.
    pub truncated: bool,
    /// The first attribute whose length or value is malformed (RFC 4271 §6.3, RFC 7606), by
    /// type code. bgpdump prints such attributes as best it can; the caller reports them.
    pub malformed: Option<u8>,
}

/// Flag bit of an attribute type, as bgpdump's `ATTR_FLAG_BIT`.
const fn bit(t: u8) -> u32 {
    1 << (t - 1)
}

impl<'a> Attrs<'a> {
    /// Reads an attribute block (without its length field).
    #[inline]
    pub fn parse(block: &'a [u8], four_byte_as: bool) -> Self {
        let mut a = Self::empty(four_byte_as);
        a.read(block);
        a
    }

    /// No attributes: what [`Attrs::read`] starts from.
    #[inline(always)]
    pub fn empty(four_byte_as: bool) -> Self {
        Attrs {
            flags: 0,
            origin: 255,
            as_path: None,
            as4_path: None,
            next_hop: NONE_ADDR,
            med: 0,
            local_pref: 0,
            aggregator_as: 0,
            aggregator_addr: NONE_ADDR,
            as4_aggregator: None,
            communities: None,
            reach: [[Mp::default(); 3]; 2],
            unreach: [[Mp::default(); 3]; 2],
            four_byte_as,
            truncated: false,
            malformed: None,
        }
    }

    /// Reads an attribute block (without its length field) into `self`, built in place (the
    /// value is large; [`Attrs::parse`] returns a copy). Start from [`Attrs::empty`].
    pub fn read(&mut self, block: &'a [u8]) {
        let a = self;
        let four_byte_as = a.four_byte_as;
        for raw in RawAttributes::new(block, 0) {
            let (typ, value) = match raw {
                Ok(raw) => (raw.code.0, raw.value),
                // A header cut short reads, as bgpdump's mstream reads zeros past the end, as
                // an attribute of length 0 (of type 0 if even the type is missing).
                Err(Error::AttributeOverrun {
                    code, length: 0, ..
                }) => (code.0, &[][..]),
                Err(_) => {
                    a.truncated = true;
                    break;
                }
            };
            let mut v = Ms::new(value);
            if (1..=32).contains(&typ) {
                a.flags |= bit(typ);
            }
            if a.malformed.is_none() && !well_formed(typ, v.data, four_byte_as) {
                a.malformed = Some(typ);
            }
            match typ {
                14 => a.mp_announce(v),
                15 => a.mp_withdraw(v),
                1 => a.origin = v.getc(),
                2 => a.as_path = Some(v.data),
                3 => v.get_into(&mut a.next_hop),
                4 => a.med = v.getl(),
                5 => a.local_pref = v.getl(),
                7 => {
                    a.aggregator_as = if four_byte_as {
                        v.getl()
                    } else {
                        u32::from(v.getw())
                    };
                    v.get_into(&mut a.aggregator_addr);
                }
                8 => a.communities = Some(v.data),
                17 => a.as4_path = Some(v.data),
                18 => {
                    let asn = v.getl();
                    let mut addr = NONE_ADDR;
                    v.get_into(&mut addr);
                    a.as4_aggregator = Some((asn, addr));
                }
                _ => {}
            }
        }
    }

    fn mp_announce(&mut self, mut s: Ms<'a>) {
        if s.data.first().is_some_and(|&b| b != 0) {
            // The abbreviated form of TABLE_DUMP_V2 RIB entries: kept as IPv6 unicast.
            let slot = &mut self.reach[1][0];
            if !slot.present {
                *slot = Self::next_hop(&mut s);
            }
            return;
        }
        let afi = s.getw();
        let safi = s.getc();
        if afi == 0 || afi > 2 || safi == 0 || safi > 3 {
            return;
        }
        if self.reach[usize::from(afi) - 1][usize::from(safi) - 1].present {
            return;
        }
        let mut mp = Self::next_hop(&mut s);
        let snpa = s.getc();
        for _ in 0..snpa {
            let n = s.getc();
            s.copy(usize::from(n));
        }
        mp.nlri = s.rest().data;
        self.reach[usize::from(afi) - 1][usize::from(safi) - 1] = mp;
    }

    /// bgpdump reads the next hop by its length whatever the AFI (RFC 8950): 4, 16 or 32
    /// bytes; any other length reads nothing past the length octet.
    fn next_hop(s: &mut Ms<'a>) -> Mp<'a> {
        let len = s.getc();
        let mut mp = Mp {
            present: true,
            nh_len: len,
            ..Mp::default()
        };
        match len {
            4 => s.get_into(&mut mp.next_hop[..4]),
            16 => s.get_into(&mut mp.next_hop),
            32 => {
                s.get_into(&mut mp.next_hop);
                let mut local = [0u8; 16];
                s.get_into(&mut local);
            }
            _ => {}
        }
        mp
    }

    fn mp_withdraw(&mut self, mut s: Ms<'a>) {
        let afi = s.getw();
        let safi = s.getc();
        if afi == 0 || afi > 2 || safi == 0 || safi > 3 {
            return;
        }
        let slot = &mut self.unreach[usize::from(afi) - 1][usize::from(safi) - 1];
        if slot.present {
            return;
        }
        *slot = Mp {
            present: true,
            nh_len: 0,
            next_hop: [0; 16],
            nlri: s.rest().data,
        };
    }

    /// Whether attribute type `t` was present.
    #[inline]
    pub fn has(&self, t: u8) -> bool {
        self.flags & bit(t) != 0
    }

    /// Writes the AS path as bgpdump prints it (with the AS4_PATH merge for 2-byte sessions)
    /// into `out` (cleared first). `scratch` is reused for the merged path.
    pub fn as_path_string(&self, out: &mut Vec<u8>, scratch: &mut Vec<u8>) {
        out.clear();
        let Some(path) = self.as_path else {
            return;
        };
        let asn_len = if self.four_byte_as { 4 } else { 2 };
        let count = path_count(path, asn_len);
        if !self.four_byte_as && self.has(17) {
            let aggr_blocks = self.has(7) && self.has(18) && self.aggregator_as != AS_TRANS;
            if let (false, Some(new), Some(count)) = (aggr_blocks, self.as4_path, count) {
                let new_count = path_count(new, 4).unwrap_or(0);
                if count >= new_count {
                    merge(path, count, new, new_count, scratch);
                    path_string(scratch, 4, out);
                    return;
                }
            }
        }
        path_string(path, asn_len, out);
    }

    /// The aggregator bgpdump prints, after the AS4_AGGREGATOR rule.
    #[inline]
    pub fn aggregator(&self) -> (u32, [u8; 4]) {
        if !self.four_byte_as && self.has(7) && self.aggregator_as == AS_TRANS {
            if let Some(new) = self.as4_aggregator {
                return new;
            }
        }
        (self.aggregator_as, self.aggregator_addr)
    }

    /// Writes the COMMUNITIES string without bgpdump's leading space.
    pub fn communities_string(&self, out: &mut Vec<u8>) {
        self.communities_text(out);
        if !out.is_empty() {
            out.remove(0);
        }
    }

    /// Writes the COMMUNITIES string as bgpdump builds it, each community after a space
    /// (`" a:b c:d"`; empty without communities), into `out` (cleared first).
    pub fn communities_text(&self, out: &mut Vec<u8>) {
        out.clear();
        let Some(c) = self.communities else {
            return;
        };
        // bgpdump builds " a:b c:d ..." in a BUFSIZ (8192) buffer; mimic its limit.
        const LIMIT: usize = 8191;
        for chunk in c.chunks_exact(4) {
            let v = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            let named: Option<&[u8]> = match v {
                0xFFFF_FF01 => Some(b" no-export"),
                0xFFFF_FF02 => Some(b" no-advertise"),
                0xFFFF_FF03 => Some(b" local-AS"),
                _ => None,
            };
            match named {
                Some(n) => {
                    if out.len() + n.len() < LIMIT + 1 {
                        out.extend_from_slice(n);
                    }
                }
                None => {
                    let before = out.len();
                    let mut t = TextBuf::<16>::default();
                    t.push(b' ');
                    t.put_u32(v >> 16);
                    t.push(b':');
                    t.put_u32(v & 0xffff);
                    t.append_to(out);
                    // snprintf truncates at the buffer's end.
                    if out.len() > LIMIT {
                        out.truncate(before.max(LIMIT));
                    }
                }
            }
        }
    }
}

/// Whether a well-known attribute's length (and, for ORIGIN and the AS paths, value) is right
/// (RFC 4271 §5.1, RFC 1997, RFC 4760, RFC 6793). Other types are not checked.
#[inline]
fn well_formed(typ: u8, v: &[u8], four_byte_as: bool) -> bool {
    match typ {
        1 => v.len() == 1 && v[0] <= 2,
        2 => path_count(v, if four_byte_as { 4 } else { 2 }).is_some(),
        3..=5 => v.len() == 4,
        6 => v.is_empty(),
        7 => v.len() == if four_byte_as { 8 } else { 6 },
        8 => !v.is_empty() && v.len() % 4 == 0,
        14 => {
            v.len() >= 5
                || v.first()
                    .is_some_and(|&l| l != 0 && v.len() > usize::from(l))
        }
        15 => v.len() >= 3,
        17 => path_count(v, 4).is_some(),
        18 => v.len() == 8,
        _ => true,
    }
}

/// The AS count bgpdump uses for the merge (sets count 1), or `None` if the path is malformed.
fn path_count(data: &[u8], asn_len: usize) -> Option<usize> {
    let mut pos = 0;
    let mut count = 0;
    while pos < data.len() {
        let typ = data[pos];
        let len = usize::from(*data.get(pos + 1)?);
        if !(1..=4).contains(&typ) || pos + 2 + len * asn_len > data.len() {
            return None;
        }
        count += if typ == 1 || typ == 4 { 1 } else { len };
        pos += 2 + len * asn_len;
    }
    Some(count)
}

/// bgpdump's `asn32_merge_paths`: the 2-byte path's segments (widened) until it has
/// `count - new_count` ASes, then the AS4_PATH. bgpdump never advances past the first segment,
/// so that segment is what is copied, as often as needed; a first segment that adds no AS would
/// loop forever there and ends the copying here.
fn merge(path: &[u8], count: usize, new: &[u8], new_count: usize, out: &mut Vec<u8>) {
    out.clear();
    let want = count - new_count;
    let mut have = 0;
    if path.len() < 2 {
        out.extend_from_slice(new);
        return;
    }
    let typ = path[0];
    let len = usize::from(path[1]);
    let adds = if typ == 1 || typ == 4 { 1 } else { len };
    while have < want && adds > 0 {
        let seg_start = out.len();
        out.push(typ);
        out.push(path[1]);
        for i in 0..len {
            let o = 2 + 2 * i;
            out.extend_from_slice(&[0, 0, path[o], path[o + 1]]);
        }
        have += adds;
        if typ != 1 && typ != 4 && have > want {
            let cut = have - want;
            out[seg_start + 1] = (len - cut) as u8;
            out.truncate(out.len() - cut * 4);
        }
    }
    out.extend_from_slice(new);
}

/// bgpdump's `process_attr_aspath_string`.
fn path_string(data: &[u8], asn_len: usize, out: &mut Vec<u8>) {
    const MAX: usize = 8000;
    let start = out.len();
    let mut space = false;
    let mut prev = 2u8;
    let mut pos = 0;
    let mut last: Option<u8> = None;
    let delim = |t: u8, end: bool| -> u8 {
        match (t, end) {
            (1, false) => b'{',
            (1, true) => b'}',
            (3, false) => b'(',
            (3, true) => b')',
            (4, false) => b'[',
            (4, true) => b']',
            _ => b' ',
        }
    };
    while pos < data.len() {
        let typ = data[pos];
        let len = usize::from(data.get(pos + 1).copied().unwrap_or(0));
        if !(1..=4).contains(&typ) || pos + 1 >= data.len() || pos + 2 + len * asn_len > data.len()
        {
            out.truncate(start);
            out.extend_from_slice(b"! Error !");
            return;
        }
        if prev != 2 {
            out.push(delim(prev, true));
        }
        if space {
            out.push(b' ');
        }
        if typ != 2 {
            out.push(delim(typ, false));
        }
        space = false;
        for i in 0..len {
            if space {
                out.push(if typ == 1 || typ == 4 { b',' } else { b' ' });
            } else {
                space = true;
            }
            let o = pos + 2 + i * asn_len;
            let asn = if asn_len == 4 {
                u32::from_be_bytes([data[o], data[o + 1], data[o + 2], data[o + 3]])
            } else {
                u32::from(u16::from_be_bytes([data[o], data[o + 1]]))
            };
            put_u32(out, asn);
            if out.len() - start > MAX - 100 {
                out.extend_from_slice(b"...");
                return;
            }
        }
        prev = typ;
        last = Some(typ);
        pos += 2 + len * asn_len;
    }
    if let Some(t) = last {
        if t != 2 {
            out.push(delim(t, true));
        }
    }
}
