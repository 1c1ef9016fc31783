//! [`NlriStore`]: the NLRI of one address family, each stored once and named by a `u32` id
//! that the per-peer route tables use as their key.
//!
//! Two parts hold them. NLRI first seen since the last [`NlriStore::compact`] live in a hashed
//! arena (the *tail*: a key, its end offset and an index slot each, about 10 to 16 bytes
//! beyond the key). Compaction moves every prefix-shaped NLRI (IP prefixes, labeled and VPN
//! prefixes) into the *sorted part*: grouped by (route distinguisher, prefix length), each
//! group a sorted run of its address bytes at their exact width, found by binary search. A
//! /24 then costs 3 bytes and no index. Ids `0..sorted.len` are the sorted part in key order;
//! the tail's ids follow.

use std::borrow::Cow;

use ribcage_nlri::{Afi, Family, Safi};

use ribcage_intern::{ArenaOptions, ArenaPool};

/// Width of a packed IPv4 prefix: length octet and four address octets (zero padded).
const IPV4_SLOT: usize = 5;

/// The NLRI of one family. IPv4 unicast/multicast prefixes take five bytes each (length and
/// address, zero padded); other families keep their wire bytes back to back with end offsets.
#[derive(Debug)]
pub(crate) struct NlriStore {
    family: Family,
    sorted: Sorted,
    /// The tail: NLRI stored since the last compaction, and those compaction cannot sort.
    pool: ArenaPool,
    /// VPN families with RD interning on: the route distinguishers (RFC 4364 §4.2), and the
    /// pool holds `[rd handle + 1 (varint)][prefix bits][prefix bytes]`, or `[0][key]` for a
    /// key too short to hold an RD.
    rds: Option<ArenaPool>,
    /// For IP prefix families: which prefix lengths occur (bit `len`), for longest match.
    lengths: [u64; 3],
}

/// Address bytes of a prefix of `bits` bits.
fn width(bits: u8) -> usize {
    usize::from(bits).div_ceil(8)
}

/// One group of the sorted part: the prefixes of one length (and one route distinguisher).
#[derive(Clone, Copy, Debug)]
struct Group {
    /// Route distinguisher handle + 1, or 0 for none.
    rd: u32,
    /// Prefix length in bits (after the RD, if `rd` is set).
    bits: u8,
    /// Id of the group's first NLRI.
    first: u32,
    /// Offset of its first address in [`Sorted::bytes`].
    offset: u32,
}

/// One NLRI while [`NlriStore::compact`] sorts them.
struct SortItem {
    /// `(rd << 8 | bits, the first eight address bytes)` (big endian, zero padded): one
    /// comparison orders by group, then by address for every address of at most 8 bytes.
    key: (u64, u64),
    /// Offset of the whole address in the compaction's scratch bytes.
    at: u32,
    old: u32,
}

impl SortItem {
    fn new(rd: u32, bits: u8, addr: &[u8], scratch: &mut Vec<u8>, old: u32) -> Self {
        let mut head = [0u8; 8];
        let n = addr.len().min(8);
        head[..n].copy_from_slice(&addr[..n]);
        let at = scratch.len() as u32;
        scratch.extend_from_slice(addr);
        SortItem {
            key: (
                u64::from(rd) << 8 | u64::from(bits),
                u64::from_be_bytes(head),
            ),
            at,
            old,
        }
    }

    fn rd(&self) -> u32 {
        (self.key.0 >> 8) as u32
    }

    fn bits(&self) -> u8 {
        self.key.0 as u8
    }
}

/// The sorted part of a store (see the module docs).
#[derive(Debug, Default)]
struct Sorted {
    /// Sorted by (rd, bits); their ids are consecutive in that order.
    groups: Vec<Group>,
    /// Every group's addresses, each `width(bits)` bytes, ascending within a group.
    bytes: Vec<u8>,
    len: u32,
}

impl Sorted {
    /// Group `g`'s entry count.
    fn count(&self, g: usize) -> u32 {
        let next = self.groups.get(g + 1).map_or(self.len, |n| n.first);
        next - self.groups[g].first
    }

    /// The id of (rd, bits, addr), if present.
    fn find(&self, rd: u32, bits: u8, addr: &[u8]) -> Option<u32> {
        let g = self
            .groups
            .binary_search_by_key(&(rd, bits), |g| (g.rd, g.bits))
            .ok()?;
        let group = self.groups[g];
        let w = width(bits);
        let start = group.offset as usize;
        let data = self.bytes.get(start..start + self.count(g) as usize * w)?;
        let (mut lo, mut hi) = (0usize, self.count(g) as usize);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match data[mid * w..mid * w + w].cmp(addr) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(group.first + mid as u32),
            }
        }
        None
    }

    /// The (rd, bits, addr) of id `id < len`.
    fn get(&self, id: u32) -> Option<(u32, u8, &[u8])> {
        let g = self
            .groups
            .partition_point(|g| g.first <= id)
            .checked_sub(1)?;
        let group = self.groups[g];
        let w = width(group.bits);
        let at = group.offset as usize + (id - group.first) as usize * w;
        Some((group.rd, group.bits, self.bytes.get(at..at + w)?))
    }

    fn heap_bytes(&self) -> usize {
        self.groups.capacity() * std::mem::size_of::<Group>() + self.bytes.capacity()
    }
}

/// Whether NLRI of `family` are plain IP prefixes (RFC 4271 §4.3, RFC 4760 §5).
pub(crate) fn is_ip_prefix(family: Family) -> bool {
    matches!(family.afi, Afi::IPV4 | Afi::IPV6)
        && matches!(family.safi, Safi::UNICAST | Safi::MULTICAST)
}

/// Whether NLRI of `family` carry a label stack before their key (RFC 8277 §2, RFC 4364
/// §4.3.4): labeled unicast and the MPLS VPN families.
pub(crate) fn is_labeled(family: Family) -> bool {
    matches!(family.afi, Afi::IPV4 | Afi::IPV6)
        && matches!(
            family.safi,
            Safi::LABELED_UNICAST | Safi::MPLS_VPN | Safi::MULTICAST_VPN
        )
}

/// Length in bytes of the label stack at the start of `rest` (a labeled NLRI after its length
/// octet): labels up to the one with the bottom-of-stack bit, or one label when the first is a
/// withdrawal's compatibility value (0x800000 or 0x000000, RFC 8277 §2.4). `None` when no
/// bottom of stack is found or fewer than `min_after` bytes would follow.
fn label_stack_len(rest: &[u8], min_after: usize) -> Option<usize> {
    let mut n = 0;
    loop {
        let label = rest.get(n..n + 3)?;
        n += 3;
        let compat = n == 3 && (label == [0x80, 0, 0] || label == [0, 0, 0]);
        if label[2] & 1 == 1 || compat {
            break;
        }
    }
    (rest.len() >= n + min_after).then_some(n)
}

/// The canonical key of an NLRI, written into `out`, and the label stack cut out of it.
///
/// For labeled families the labels are not part of the route's identity (a withdrawal may carry
/// a compatibility label, RFC 8277 §2.4): the key is the NLRI without them, its length octet
/// reduced to match. For prefix-carrying families the bits past the length are cleared (so
/// `10.0.0.1/8` and `10.0.0.0/8` name one route), and IPv4 unicast/multicast keys are padded to
/// the store's five-byte slot. Other families keep their bytes.
pub(crate) fn canonical<'w>(family: Family, wire: &'w [u8], out: &mut Vec<u8>) -> &'w [u8] {
    out.clear();
    let mut labels: &[u8] = &[];
    match wire.split_first() {
        Some((&bits, rest)) if is_labeled(family) => {
            let rd = if family.safi == Safi::LABELED_UNICAST {
                0
            } else {
                8
            };
            match label_stack_len(rest, rd) {
                Some(n) if usize::from(bits) >= 8 * n => {
                    labels = &rest[..n];
                    out.push(bits - (8 * n) as u8);
                    out.extend_from_slice(&rest[n..]);
                }
                _ => out.extend_from_slice(wire),
            }
        }
        _ => out.extend_from_slice(wire),
    }
    if is_ip_prefix(family) || is_labeled(family) {
        if let Some(&bits) = out.first() {
            let bits = usize::from(bits);
            if out.len() == 1 + bits.div_ceil(8) && bits % 8 != 0 {
                if let Some(last) = out.last_mut() {
                    *last &= 0xffu8 << (8 - bits % 8);
                }
            }
        }
        if is_ip_prefix(family) && family.afi == Afi::IPV4 && out.len() <= IPV4_SLOT {
            out.resize(IPV4_SLOT, 0);
        }
    }
    labels
}

/// Route distinguisher length (RFC 4364 §4.2).
const RD_LEN: usize = 8;
/// Longest compacted VPN key kept on the stack: varint, length, 16 address bytes.
const COMPACT_MAX: usize = 5 + 1 + 16;

fn put_varint(out: &mut [u8; COMPACT_MAX], mut v: u32) -> usize {
    let mut n = 0;
    while v >= 0x80 {
        out[n] = (v as u8) | 0x80;
        v >>= 7;
        n += 1;
    }
    out[n] = v as u8;
    n + 1
}

fn get_varint(data: &[u8]) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    for (i, &b) in data.iter().enumerate().take(5) {
        v |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

/// A VPN key `[bits][RD][prefix]` in compact form, given the RD's handle.
fn compact(key: &[u8], rd: u32, out: &mut [u8; COMPACT_MAX]) -> Option<usize> {
    let mut n = put_varint(out, rd.checked_add(1)?);
    let bits = key.first()?.checked_sub(8 * RD_LEN as u8)?;
    let prefix = key.get(1 + RD_LEN..)?;
    out[n] = bits;
    n += 1;
    out.get_mut(n..n + prefix.len())?.copy_from_slice(prefix);
    Some(n + prefix.len())
}

/// The pool's form of a canonical key. Without RD interning, the key. With it,
/// `[varint rd + 1][bits][prefix]` given the key's RD handle, or `[0][key]` when the RD has
/// no handle or the key holds no RD.
fn stored_key<'k>(
    key: &'k [u8],
    interned_rds: bool,
    rd: Option<u32>,
    buf: &'k mut [u8; COMPACT_MAX],
    unsplit: &'k mut Vec<u8>,
) -> &'k [u8] {
    if !interned_rds {
        return key;
    }
    if let Some(n) = rd.and_then(|h| compact(key, h, buf)) {
        return &buf[..n];
    }
    unsplit.push(0);
    unsplit.extend_from_slice(key);
    unsplit
}

impl NlriStore {
    /// The store of `family`; `intern_rd` interns the route distinguishers of VPN NLRI.
    pub(crate) fn new(family: Family, intern_rd: bool) -> Self {
        let fixed = (is_ip_prefix(family) && family.afi == Afi::IPV4).then_some(IPV4_SLOT as u32);
        let vpn = is_labeled(family) && family.safi != Safi::LABELED_UNICAST;
        Self {
            family,
            sorted: Sorted::default(),
            pool: ArenaPool::with_options(ArenaOptions {
                fixed_width: fixed,
                ..ArenaOptions::default()
            }),
            rds: (vpn && intern_rd).then(ArenaPool::new),
            lengths: [0; 3],
        }
    }

    /// The route distinguisher pool, if in use.
    pub(crate) fn rds(&self) -> Option<&ArenaPool> {
        self.rds.as_ref()
    }

    fn is_packed(&self) -> bool {
        is_ip_prefix(self.family) && self.family.afi == Afi::IPV4
    }

    /// Number of NLRI ever stored (ids are `0..len`).
    pub(crate) fn len(&self) -> usize {
        self.sorted.len as usize + self.pool.len()
    }

    /// Whether NLRI of this family can live in the sorted part.
    fn sortable(&self) -> bool {
        is_ip_prefix(self.family) || is_labeled(self.family)
    }

    /// A stored-form NLRI's place in the sorted part, if it has one: (rd handle + 1 or 0,
    /// prefix bits, address bytes). The stored form is the pool's: `[varint rd+1][bits]
    /// [prefix]` with RD interning, the five-byte slot for IPv4 prefixes, else the key.
    fn stored_shape<'k>(&self, stored: &'k [u8]) -> Option<(u32, u8, &'k [u8])> {
        if !self.sortable() {
            return None;
        }
        let (rd, rest) = match self.rds {
            Some(_) => match get_varint(stored)? {
                (0, _) => return None,
                (h, n) => (h, &stored[n..]),
            },
            None => (0, stored),
        };
        let (&bits, addr) = rest.split_first()?;
        let n = width(bits);
        if self.is_packed() {
            let (addr, pad) = (addr.get(..n)?, addr.get(n..)?);
            return pad.iter().all(|&b| b == 0).then_some((0, bits, addr));
        }
        (addr.len() == n).then_some((rd, bits, addr))
    }

    /// The stored form of a sorted-part entry, written into `out`.
    fn stored_form(&self, rd: u32, bits: u8, addr: &[u8], out: &mut Vec<u8>) {
        out.clear();
        if self.rds.is_some() {
            let mut buf = [0u8; COMPACT_MAX];
            let n = put_varint(&mut buf, rd);
            out.extend_from_slice(&buf[..n]);
        }
        out.push(bits);
        out.extend_from_slice(addr);
        if self.is_packed() {
            out.resize(IPV4_SLOT.max(out.len()), 0);
        }
    }

    /// The id of a canonical key (see [`canonical`]), storing it if new.
    pub(crate) fn intern(&mut self, key: &[u8]) -> Option<u32> {
        if self.is_packed() && key.len() != IPV4_SLOT {
            // A prefix longer than /32 (malformed, but kept): it cannot be packed.
            return None;
        }
        let rd = match (self.rds.as_mut(), key.get(1..1 + RD_LEN)) {
            (Some(rds), Some(rd)) => Some(rds.intern(rd)?),
            _ => None,
        };
        let (mut buf, mut unsplit) = ([0u8; COMPACT_MAX], Vec::new());
        let stored = stored_key(key, self.rds.is_some(), rd, &mut buf, &mut unsplit);
        let sorted = self
            .stored_shape(stored)
            .and_then(|(rd, bits, addr)| self.sorted.find(rd, bits, addr));
        if let Some(id) = sorted {
            return Some(id);
        }
        let id = self.pool.intern(stored)?.checked_add(self.sorted.len)?;
        if is_ip_prefix(self.family) {
            if let Some(&len) = key.first() {
                let l = usize::from(len.min(128));
                self.lengths[l / 64] |= 1 << (l % 64);
            }
        }
        Some(id)
    }

    /// The id of a canonical key, if stored.
    pub(crate) fn find(&self, key: &[u8]) -> Option<u32> {
        let rd = match (&self.rds, key.get(1..1 + RD_LEN)) {
            (Some(rds), Some(rd)) => rds.get(rd),
            _ => None,
        };
        let (mut buf, mut unsplit) = ([0u8; COMPACT_MAX], Vec::new());
        let stored = stored_key(key, self.rds.is_some(), rd, &mut buf, &mut unsplit);
        if let Some((rd, bits, addr)) = self.stored_shape(stored) {
            if let Some(id) = self.sorted.find(rd, bits, addr) {
                return Some(id);
            }
        }
        self.pool.get(stored)?.checked_add(self.sorted.len)
    }

    /// The key of NLRI `id` (length octet and significant octets; see [`canonical`]).
    pub(crate) fn wire(&self, id: u32) -> Cow<'_, [u8]> {
        match id.checked_sub(self.sorted.len) {
            Some(tail) => self.key_of(self.pool.resolve(tail).unwrap_or_default()),
            None => {
                let Some((rd, bits, addr)) = self.sorted.get(id) else {
                    return Cow::Borrowed(&[]);
                };
                let mut stored = Vec::with_capacity(2 + addr.len() + RD_LEN);
                self.stored_form(rd, bits, addr, &mut stored);
                Cow::Owned(self.key_of(&stored).into_owned())
            }
        }
    }

    /// The key of a stored-form NLRI.
    fn key_of<'s>(&'s self, b: &'s [u8]) -> Cow<'s, [u8]> {
        if self.is_packed() {
            let n = b.first().map_or(0, |&l| 1 + usize::from(l).div_ceil(8));
            return Cow::Borrowed(&b[..n.min(b.len())]);
        }
        let Some(rds) = &self.rds else {
            return Cow::Borrowed(b);
        };
        match get_varint(b) {
            Some((0, n)) => Cow::Borrowed(&b[n..]),
            Some((h, n)) => {
                let rd = rds.resolve(h - 1).unwrap_or_default();
                let Some((&bits, prefix)) = b[n..].split_first() else {
                    return Cow::Borrowed(&[]);
                };
                let mut w = Vec::with_capacity(1 + rd.len() + prefix.len());
                w.push(bits.saturating_add(8 * RD_LEN as u8));
                w.extend_from_slice(rd);
                w.extend_from_slice(prefix);
                Cow::Owned(w)
            }
            None => Cow::Borrowed(&[]),
        }
    }

    /// Moves every prefix-shaped NLRI into the sorted part and renumbers: returns the new id
    /// of each old id (`new_id[old]`), or `None` when the tail was empty and nothing moved.
    /// Ids of NLRI that cannot be sorted follow the sorted part, in their old order.
    pub(crate) fn compact(&mut self) -> Option<Vec<u32>> {
        if self.pool.is_empty() || !self.sortable() {
            return None;
        }
        let total = self.len();
        let mut items: Vec<SortItem> = Vec::with_capacity(total);
        let mut addrs: Vec<u8> = Vec::new();
        let mut unsortable: Vec<u32> = Vec::new();
        for id in 0..self.sorted.len {
            let (rd, bits, addr) = self.sorted.get(id)?;
            items.push(SortItem::new(rd, bits, addr, &mut addrs, id));
        }
        for (tail, stored) in self.pool.iter() {
            let id = tail.checked_add(self.sorted.len)?;
            match self.stored_shape(stored) {
                Some((rd, bits, addr)) => items.push(SortItem::new(rd, bits, addr, &mut addrs, id)),
                None => unsortable.push(id),
            }
        }
        let addr = |item: &SortItem| {
            let at = item.at as usize;
            &addrs[at..at + width(item.bits())]
        };
        // The first eight address bytes decide almost every comparison (all of them for IPv4
        // and VPN-IPv4 with RD interning); longer addresses fall back to the bytes.
        items.sort_unstable_by(|a, b| {
            a.key.cmp(&b.key).then_with(|| match width(a.bits()) > 8 {
                true => addr(a).cmp(addr(b)),
                false => std::cmp::Ordering::Equal,
            })
        });
        let mut sorted = Sorted::default();
        sorted.bytes.reserve_exact(addrs.len());
        let mut new_id = vec![0u32; total];
        for (i, item) in items.iter().enumerate() {
            let i = i as u32;
            if sorted.groups.last().map(|g| (g.rd, g.bits)) != Some((item.rd(), item.bits())) {
                sorted.groups.push(Group {
                    rd: item.rd(),
                    bits: item.bits(),
                    first: i,
                    offset: sorted.bytes.len() as u32,
                });
            }
            sorted.bytes.extend_from_slice(addr(item));
            new_id[item.old as usize] = i;
        }
        sorted.len = items.len() as u32;
        sorted.groups.shrink_to_fit();
        let mut pool = ArenaPool::with_options(self.pool.options());
        for old in unsortable {
            let stored = match old.checked_sub(self.sorted.len) {
                Some(tail) => self.pool.resolve(tail).unwrap_or_default(),
                None => &[],
            };
            new_id[old as usize] = pool.intern(stored)?.checked_add(sorted.len)?;
        }
        self.sorted = sorted;
        self.pool = pool;
        Some(new_id)
    }

    /// Whether a prefix of length `len` was ever stored.
    pub(crate) fn has_length(&self, len: u8) -> bool {
        let l = usize::from(len);
        l <= 128 && self.lengths[l / 64] & (1 << (l % 64)) != 0
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.sorted.heap_bytes()
            + self.pool.heap_bytes()
            + self.rds.as_ref().map_or(0, ArenaPool::heap_bytes)
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.pool.shrink_to_fit();
        if let Some(r) = self.rds.as_mut() {
            r.shrink_to_fit();
        }
    }
}
