//! [`NlriStore`]: the NLRI of one address family, each stored once in a packed arena and named
//! by a `u32` id that the per-peer route tables use as their key.

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
    pool: ArenaPool,
    /// VPN families with RD interning on: the route distinguishers (RFC 4364 §4.2), and the
    /// pool holds `[rd handle + 1 (varint)][prefix bits][prefix bytes]`, or `[0][key]` for a
    /// key too short to hold an RD.
    rds: Option<ArenaPool>,
    /// For IP prefix families: which prefix lengths occur (bit `len`), for longest match.
    lengths: [u64; 3],
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

impl NlriStore {
    /// The store of `family`; `intern_rd` interns the route distinguishers of VPN NLRI.
    pub(crate) fn new(family: Family, intern_rd: bool) -> Self {
        let fixed = (is_ip_prefix(family) && family.afi == Afi::IPV4).then_some(IPV4_SLOT as u32);
        let vpn = is_labeled(family) && family.safi != Safi::LABELED_UNICAST;
        Self {
            family,
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
        self.pool.len()
    }

    /// The id of a canonical key (see [`canonical`]), storing it if new.
    pub(crate) fn intern(&mut self, key: &[u8]) -> Option<u32> {
        if self.is_packed() && key.len() != IPV4_SLOT {
            // A prefix longer than /32 (malformed, but kept): it cannot be packed.
            return None;
        }
        let id = match self.rds.as_mut() {
            Some(rds) => {
                let mut buf = [0u8; COMPACT_MAX];
                let compacted = match key.get(1..1 + RD_LEN) {
                    Some(rd) => compact(key, rds.intern(rd)?, &mut buf),
                    None => None,
                };
                match compacted {
                    Some(n) => self.pool.intern(&buf[..n])?,
                    None => self.pool.intern(&[&[0u8][..], key].concat())?,
                }
            }
            None => self.pool.intern(key)?,
        };
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
        let Some(rds) = &self.rds else {
            return self.pool.get(key);
        };
        let mut buf = [0u8; COMPACT_MAX];
        let rd = key.get(1..1 + RD_LEN).and_then(|rd| rds.get(rd));
        match rd.and_then(|h| compact(key, h, &mut buf)) {
            Some(n) => self.pool.get(&buf[..n]),
            None => self.pool.get(&[&[0u8][..], key].concat()),
        }
    }

    /// The key of NLRI `id` (length octet and significant octets; see [`canonical`]).
    pub(crate) fn wire(&self, id: u32) -> Cow<'_, [u8]> {
        let b = self.pool.resolve(id).unwrap_or_default();
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

    /// Whether a prefix of length `len` was ever stored.
    pub(crate) fn has_length(&self, len: u8) -> bool {
        let l = usize::from(len);
        l <= 128 && self.lengths[l / 64] & (1 << (l % 64)) != 0
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.pool.heap_bytes() + self.rds.as_ref().map_or(0, ArenaPool::heap_bytes)
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.pool.shrink_to_fit();
        if let Some(r) = self.rds.as_mut() {
            r.shrink_to_fit();
        }
    }
}
