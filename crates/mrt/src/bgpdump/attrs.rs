//! Path attributes read the way bgpdump reads them, so the `-m` line comes out identical:
//! defaults of 255.255.255.255 and 0, MP_REACH/MP_UNREACH kept per (AFI 1-2, SAFI 1-3), the
//! TABLE_DUMP_V2 abbreviated MP_REACH recognised by a non-zero first byte, and the AS4_PATH /
//! AS4_AGGREGATOR merge of RFC 6793 §4.2.3 with bgpdump's exact rules.

use super::text::put_u32;

/// Reads like bgpdump's `mstream`: past the end, reads yield zeros and consume nothing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ms<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Ms<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }
    pub(crate) fn left(&self) -> usize {
        self.data.len() - self.pos
    }
    pub(crate) fn getc(&mut self) -> u8 {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b
            }
            None => 0,
        }
    }
    pub(crate) fn getw(&mut self) -> u16 {
        if self.left() < 2 {
            self.pos = self.data.len();
            return 0;
        }
        let v = u16::from_be_bytes([self.data[self.pos], self.data[self.pos + 1]]);
        self.pos += 2;
        v
    }
    pub(crate) fn getl(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.get_into(&mut b);
        u32::from_be_bytes(b)
    }
    /// Copies up to `dst.len()` bytes (zeros past the end).
    pub(crate) fn get_into(&mut self, dst: &mut [u8]) {
        let n = dst.len().min(self.left());
        dst[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
    }
    /// Splits off the next `n` bytes (fewer if not available) as a sub-stream.
    pub(crate) fn copy(&mut self, n: usize) -> Ms<'a> {
        let n = n.min(self.left());
        let sub = Ms::new(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        sub
    }
    pub(crate) fn rest(&self) -> Ms<'a> {
        Ms::new(&self.data[self.pos..])
    }
}

/// One MP_REACH_NLRI or MP_UNREACH_NLRI as bgpdump keeps it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Mp<'a> {
    pub(crate) next_hop: [u8; 16],
    pub(crate) nlri: &'a [u8],
    pub(crate) present: bool,
}

const NONE_ADDR: [u8; 4] = [255; 4];
const AS_TRANS: u32 = 23456;

/// The attributes of one UPDATE or RIB entry.
#[derive(Clone, Debug)]
pub(crate) struct Attrs<'a> {
    pub(crate) flags: u32,
    pub(crate) origin: u8,
    pub(crate) as_path: Option<&'a [u8]>,
    pub(crate) as4_path: Option<&'a [u8]>,
    pub(crate) next_hop: [u8; 4],
    pub(crate) med: u32,
    pub(crate) local_pref: u32,
    pub(crate) aggregator_as: u32,
    pub(crate) aggregator_addr: [u8; 4],
    pub(crate) as4_aggregator: Option<(u32, [u8; 4])>,
    pub(crate) communities: Option<&'a [u8]>,
    /// `[afi][safi]` for AFI 1-2, SAFI 1-3.
    pub(crate) reach: [[Mp<'a>; 4]; 3],
    pub(crate) unreach: [[Mp<'a>; 4]; 3],
    pub(crate) four_byte_as: bool,
    /// Whether the attribute block ended inside an attribute.
    pub(crate) truncated: bool,
}

/// Flag bit of an attribute type, as bgpdump's `ATTR_FLAG_BIT`.
pub(crate) const fn bit(t: u8) -> u32 {
    1 << (t - 1)
}

impl<'a> Attrs<'a> {
    /// Reads an attribute block (without its length field).
    pub(crate) fn parse(block: &'a [u8], four_byte_as: bool) -> Self {
        let mut a = Attrs {
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
            reach: [[Mp::default(); 4]; 3],
            unreach: [[Mp::default(); 4]; 3],
            four_byte_as,
            truncated: false,
        };
        let mut s = Ms::new(block);
        while s.left() > 0 {
            let flag = s.getc();
            let typ = s.getc();
            let len = if flag & 0x10 != 0 {
                usize::from(s.getw())
            } else {
                usize::from(s.getc())
            };
            if s.left() < len {
                a.truncated = true;
                break;
            }
            let mut v = s.copy(len);
            if (1..=32).contains(&typ) {
                a.flags |= bit(typ);
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
        a
    }

    fn mp_announce(&mut self, mut s: Ms<'a>) {
        if s.data.first().is_some_and(|&b| b != 0) {
            // The abbreviated form of TABLE_DUMP_V2 RIB entries: kept as IPv6 unicast.
            let slot = &mut self.reach[2][1];
            if !slot.present {
                *slot = Self::next_hop(&mut s, 2);
            }
            return;
        }
        let afi = s.getw();
        let safi = s.getc();
        if afi == 0 || afi > 2 || safi == 0 || safi > 3 {
            return;
        }
        if self.reach[usize::from(afi)][usize::from(safi)].present {
            return;
        }
        let mut mp = Self::next_hop(&mut s, afi);
        let snpa = s.getc();
        for _ in 0..snpa {
            let n = s.getc();
            s.copy(usize::from(n));
        }
        mp.nlri = s.rest().data;
        self.reach[usize::from(afi)][usize::from(safi)] = mp;
    }

    fn next_hop(s: &mut Ms<'a>, afi: u16) -> Mp<'a> {
        let len = s.getc();
        let mut mp = Mp {
            present: true,
            ..Mp::default()
        };
        if afi == 1 {
            s.get_into(&mut mp.next_hop[..4]);
        } else {
            s.get_into(&mut mp.next_hop);
            if len == 32 {
                let mut local = [0u8; 16];
                s.get_into(&mut local);
            }
        }
        mp
    }

    fn mp_withdraw(&mut self, mut s: Ms<'a>) {
        let afi = s.getw();
        let safi = s.getc();
        if afi == 0 || afi > 2 || safi == 0 || safi > 3 {
            return;
        }
        let slot = &mut self.unreach[usize::from(afi)][usize::from(safi)];
        if slot.present {
            return;
        }
        *slot = Mp {
            present: true,
            next_hop: [0; 16],
            nlri: s.rest().data,
        };
    }

    /// Whether attribute type `t` was present.
    pub(crate) fn has(&self, t: u8) -> bool {
        self.flags & bit(t) != 0
    }

    /// Writes the AS path as bgpdump prints it (with the AS4_PATH merge for 2-byte sessions)
    /// into `out` (cleared first). `scratch` is reused for the merged path.
    pub(crate) fn as_path_string(&self, out: &mut Vec<u8>, scratch: &mut Vec<u8>) {
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
    pub(crate) fn aggregator(&self) -> (u32, [u8; 4]) {
        if !self.four_byte_as && self.has(7) && self.aggregator_as == AS_TRANS {
            if let Some(new) = self.as4_aggregator {
                return new;
            }
        }
        (self.aggregator_as, self.aggregator_addr)
    }

    /// Writes the COMMUNITIES string without bgpdump's leading space.
    pub(crate) fn communities_string(&self, out: &mut Vec<u8>) {
        out.clear();
        let Some(c) = self.communities else {
            return;
        };
        // bgpdump builds " a:b c:d ..." in a BUFSIZ (8192) buffer; mimic its limit.
        const LIMIT: usize = 8191;
        let mut tmp = [0u8; 24];
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
                    let mut len = 0;
                    tmp[len] = b' ';
                    len += 1;
                    len += write_dec(&mut tmp[len..], v >> 16);
                    tmp[len] = b':';
                    len += 1;
                    len += write_dec(&mut tmp[len..], v & 0xffff);
                    let room = LIMIT.saturating_sub(out.len());
                    out.extend_from_slice(&tmp[..len.min(room)]);
                }
            }
        }
        if !out.is_empty() {
            out.remove(0);
        }
    }
}

fn write_dec(dst: &mut [u8], v: u32) -> usize {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut v = v;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let n = buf.len() - i;
    dst[..n].copy_from_slice(&buf[i..]);
    n
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

/// bgpdump's `asn32_merge_paths`: leading segments of the 2-byte path (widened) until it has
/// `count - new_count` ASes, then the AS4_PATH.
fn merge(path: &[u8], count: usize, new: &[u8], new_count: usize, out: &mut Vec<u8>) {
    out.clear();
    let want = count - new_count;
    let mut have = 0;
    let mut pos = 0;
    while have < want && pos + 1 < path.len() {
        let typ = path[pos];
        let len = usize::from(path[pos + 1]);
        let seg_start = out.len();
        out.push(typ);
        out.push(path[pos + 1]);
        for i in 0..len {
            let o = pos + 2 + 2 * i;
            out.extend_from_slice(&[0, 0, path[o], path[o + 1]]);
        }
        if typ == 1 || typ == 4 {
            have += 1;
        } else {
            have += len;
            if have > want {
                let cut = have - want;
                out[seg_start + 1] = (len - cut) as u8;
                out.truncate(out.len() - cut * 4);
            }
        }
        pos += 2 + 2 * len;
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
