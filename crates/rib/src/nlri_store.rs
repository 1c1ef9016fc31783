//! [`NlriStore`]: the NLRI of one address family, each stored once in a packed arena and named
//! by a `u32` id that the per-peer route tables use as their key.

use ribcage_nlri::{Afi, Family, Safi};

use crate::pool::BytesPool;

/// Width of a packed IPv4 prefix: length octet and four address octets (zero padded).
const IPV4_SLOT: usize = 5;

/// The NLRI of one family. IPv4 unicast/multicast prefixes take five bytes each (length and
/// address, zero padded); other families keep their wire bytes back to back with end offsets.
#[derive(Debug)]
pub(crate) struct NlriStore {
    family: Family,
    pool: BytesPool,
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

impl NlriStore {
    pub(crate) fn new(family: Family) -> Self {
        let fixed = (is_ip_prefix(family) && family.afi == Afi::IPV4).then_some(IPV4_SLOT);
        Self {
            family,
            pool: BytesPool::new(true, fixed),
            lengths: [0; 3],
        }
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
        let id = self.pool.intern(key)?;
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
        self.pool.find(key)
    }

    /// The wire bytes of NLRI `id` (length octet and significant address octets for prefixes).
    pub(crate) fn wire(&self, id: u32) -> &[u8] {
        let b = self.pool.get(id);
        if self.is_packed() {
            let n = b.first().map_or(0, |&l| 1 + usize::from(l).div_ceil(8));
            &b[..n.min(b.len())]
        } else {
            b
        }
    }

    /// Whether a prefix of length `len` was ever stored.
    pub(crate) fn has_length(&self, len: u8) -> bool {
        let l = usize::from(len);
        l <= 128 && self.lengths[l / 64] & (1 << (l % 64)) != 0
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.pool.heap_bytes()
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.pool.shrink_to_fit();
    }
}
