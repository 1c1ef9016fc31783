//! [`FieldPolicies`]: the intern policy of each field of an NLRI, as data on its decoder.

use ribcage_intern::{recommended_policy, Policy};

/// Typical reuse of a route distinguisher across held routes (thousands of routes per VRF).
const RD_REUSE: usize = 10_000;
/// Typical reuse of a label stack (per-VRF or per-next-hop labels).
const LABEL_REUSE: usize = 1_000;
/// Path identifiers are small per-peer counters, reused across prefixes.
const PATH_ID_REUSE: usize = 100_000;

/// The intern policy for each field of a held NLRI (see `ribcage-intern`'s break-even table).
///
/// A decoder states its defaults with
/// [`FamilyDecoder::policies`](crate::FamilyDecoder::policies); a user overrides them per family
/// with [`Registry::set_policies`](crate::Registry::set_policies). The serde form names each field
/// (`route_distinguisher`, `labels`, `path_id`, `prefix`, `nlri`) with the policy's text form
/// (`inline`, `unbounded`, `lru:N`, `weak`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FieldPolicies {
    /// Route distinguisher (8 octets).
    pub route_distinguisher: Policy,
    /// Label stack (3 octets per label).
    pub labels: Policy,
    /// ADD-PATH path identifier (4 octets).
    pub path_id: Policy,
    /// The IP prefix (length octet and up to 16 address octets).
    pub prefix: Policy,
    /// The whole wire form of the NLRI.
    pub nlri: Policy,
}

impl FieldPolicies {
    /// Every field with the same policy.
    pub const fn all(policy: Policy) -> Self {
        Self {
            route_distinguisher: policy,
            labels: policy,
            path_id: policy,
            prefix: policy,
            nlri: policy,
        }
    }

    /// What `ribcage-intern`'s break-even rule ([`recommended_policy`]) gives for each field's
    /// size and typical reuse, with `nlri_len` the typical wire length of a whole NLRI of the
    /// family and `nlri_reuse` how often one NLRI is held (1 for a single table).
    ///
    /// Every field of the built-in families is at most 16 octets, so all come out
    /// [`Policy::Inline`]: a pooled handle would cost as much as the value.
    pub fn recommended(nlri_len: usize, nlri_reuse: usize) -> Self {
        Self {
            route_distinguisher: recommended_policy(8, RD_REUSE),
            labels: recommended_policy(3, LABEL_REUSE),
            path_id: recommended_policy(4, PATH_ID_REUSE),
            prefix: recommended_policy(17, 1),
            nlri: recommended_policy(nlri_len, nlri_reuse),
        }
    }
}

impl Default for FieldPolicies {
    /// [`FieldPolicies::recommended`] for a 16-octet NLRI held once (a VPNv4 route).
    fn default() -> Self {
        Self::recommended(16, 1)
    }
}

#[cfg(test)]
mod tests;
