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

/// The canonical key of a prefix NLRI: host bits cleared (so `10.0.0.1/8` and `10.0.0.0/8`
/// name one route), written into `out`. Other families keep their bytes.
pub(crate) fn canonical(family: Family, wire: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(wire);
    if is_ip_prefix(family) {
        if let Some((&len, addr)) = wire.split_first() {
            let bits = usize::from(len);
            if addr.len() == bits.div_ceil(8) && bits % 8 != 0 {
                if let Some(last) = out.last_mut() {
                    *last &= 0xffu8 << (8 - bits % 8);
                }
            }
        }
        if family.afi == Afi::IPV4 && out.len() <= IPV4_SLOT {
            out.resize(IPV4_SLOT, 0);
        }
    }
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
