//! Compact owned storage of NLRI: [`PackedNlri`] (wire bytes only, 24 bytes), [`HeldNlri`]
//! (packed or interned, per [`FieldPolicies`]) and [`NlriPools`], the pools a table of held NLRI
//! shares.

use std::fmt;

use ribcage_intern::{Interned, Policy, Pool};

use crate::{FieldPolicies, Labels, RouteDistinguisher};

/// Wire bytes up to this length are stored inline, without a heap allocation. A VPNv4 NLRI
/// (length, label, RD, up to 4 prefix octets) is at most 16; a VPNv6 one at most 28.
pub const INLINE_WIRE: usize = 22;

/// The wire bytes of one NLRI without its family or path identifier: 24 bytes, inline up to
/// [`INLINE_WIRE`] octets, else one boxed slice.
///
/// The container that holds many keeps the family (and the ADD-PATH identifier, when it has
/// one) once per table or beside the key, so a held VPNv4 route costs exactly 24 bytes.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackedNlri(Packed);

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Packed {
    Inline { len: u8, bytes: [u8; INLINE_WIRE] },
    Heap(Box<[u8]>),
}

impl PackedNlri {
    /// Packs `wire`.
    pub fn new(wire: &[u8]) -> Self {
        Self(if wire.len() <= INLINE_WIRE {
            let mut bytes = [0u8; INLINE_WIRE];
            bytes[..wire.len()].copy_from_slice(wire);
            Packed::Inline {
                len: wire.len() as u8,
                bytes,
            }
        } else {
            Packed::Heap(wire.into())
        })
    }

    /// The wire bytes.
    pub fn wire(&self) -> &[u8] {
        match &self.0 {
            Packed::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Packed::Heap(b) => b,
        }
    }

    /// Whether the bytes are stored inline.
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Packed::Inline { .. })
    }

    /// Heap bytes owned beyond `size_of::<PackedNlri>()` (before the allocator's rounding).
    pub fn heap_bytes(&self) -> usize {
        match &self.0 {
            Packed::Inline { .. } => 0,
            Packed::Heap(b) => b.len(),
        }
    }
}

impl fmt::Debug for PackedNlri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackedNlri({})", crate::decoder::Hex(self.wire()))
    }
}

/// One held NLRI's wire bytes as its family's [`FieldPolicies::nlri`] says: packed in place
/// ([`Policy::Inline`]) or a handle to a pooled copy. 24 bytes either way. Equality and hash
/// are those of the wire bytes, whichever way they are stored.
#[derive(Clone)]
pub enum HeldNlri {
    /// Inline (or boxed when long): the policy was [`Policy::Inline`].
    Packed(PackedNlri),
    /// A handle into the table's NLRI pool.
    Shared(Interned<[u8]>),
}

impl HeldNlri {
    /// The wire bytes.
    pub fn wire(&self) -> &[u8] {
        match self {
            HeldNlri::Packed(p) => p.wire(),
            HeldNlri::Shared(s) => s,
        }
    }
}

impl PartialEq for HeldNlri {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (HeldNlri::Shared(a), HeldNlri::Shared(b)) => a == b,
            _ => self.wire() == other.wire(),
        }
    }
}

impl Eq for HeldNlri {}

impl std::hash::Hash for HeldNlri {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.wire().hash(state);
    }
}

impl fmt::Debug for HeldNlri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeldNlri::Packed(p) => p.fmt(f),
            HeldNlri::Shared(s) => write!(f, "Shared({})", crate::decoder::Hex(s)),
        }
    }
}

/// The pools a table of held NLRI shares, one per field, each under that field's policy.
///
/// [`NlriPools::hold`] stores a whole NLRI per [`FieldPolicies::nlri`]; the per-field methods
/// give handles for callers that index or keep fields apart (a RIB keyed by RD, a label table).
#[derive(Debug)]
pub struct NlriPools {
    policies: FieldPolicies,
    /// Route distinguishers.
    pub route_distinguishers: Pool<RouteDistinguisher>,
    /// Label stacks (wire octets).
    pub labels: Pool<[u8]>,
    /// Path identifiers.
    pub path_ids: Pool<u32>,
    /// Prefixes (length octet and address octets).
    pub prefixes: Pool<[u8]>,
    /// Whole NLRI wire forms.
    pub nlri: Pool<[u8]>,
}

impl NlriPools {
    /// Pools with `policies`.
    pub fn new(policies: FieldPolicies) -> Self {
        Self {
            policies,
            route_distinguishers: Pool::new(policies.route_distinguisher),
            labels: Pool::new(policies.labels),
            path_ids: Pool::new(policies.path_id),
            prefixes: Pool::new(policies.prefix),
            nlri: Pool::new(policies.nlri),
        }
    }

    /// The policies the pools were made with.
    pub fn policies(&self) -> FieldPolicies {
        self.policies
    }

    /// Holds one NLRI's wire bytes: packed under [`Policy::Inline`], else interned.
    pub fn hold(&self, wire: &[u8]) -> HeldNlri {
        match self.policies.nlri {
            Policy::Inline => HeldNlri::Packed(PackedNlri::new(wire)),
            _ => HeldNlri::Shared(self.nlri.intern(wire)),
        }
    }

    /// A handle to a route distinguisher, per [`FieldPolicies::route_distinguisher`].
    pub fn route_distinguisher(&self, rd: RouteDistinguisher) -> Interned<RouteDistinguisher> {
        self.route_distinguishers.intern(&rd)
    }

    /// A handle to a label stack's wire octets, per [`FieldPolicies::labels`].
    pub fn label_stack(&self, labels: Labels<'_>) -> Interned<[u8]> {
        self.labels.intern(labels.wire())
    }

    /// Heap bytes held by all the pools (see [`Pool::heap_bytes`]).
    pub fn heap_bytes(&self) -> usize {
        self.route_distinguishers.heap_bytes()
            + self.labels.heap_bytes()
            + self.path_ids.heap_bytes()
            + self.prefixes.heap_bytes()
            + self.nlri.heap_bytes()
    }
}

impl Default for NlriPools {
    fn default() -> Self {
        Self::new(FieldPolicies::default())
    }
}

#[cfg(test)]
mod tests;
