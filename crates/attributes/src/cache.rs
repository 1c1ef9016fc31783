//! [`AttributeCache`]: interning of whole attribute sets and of the large, repeated attribute
//! values (AS_PATH, COMMUNITIES, LARGE_COMMUNITY, EXTENDED_COMMUNITIES, CLUSTER_LIST) through
//! ribcage-intern, with statistics per cache and a switch that turns interning off.
//!
//! ORIGIN and ATOMIC_AGGREGATE need no cache: [`Origin`](crate::Origin) is one `Copy` byte and
//! [`AtomicAggregate`](crate::AtomicAggregate) a zero-sized unit, singletons by construction.

use ribcage_intern::{recommended_policy, Interned, Policy, Pool, Stats};

use crate::{
    AttributeSet, ClusterList, Communities, ExtendedCommunities, LargeCommunities, MergedAsPath,
    PathAttributes,
};

/// Typical value sizes and reuse measured on the 2002 RIS RIB dump
/// (docs/bench/attributes.md), fed to the intern crate's break-even rule.
mod typical {
    /// AS_PATH: ~26 bytes in 4-byte form, each distinct path used by ~4 routes.
    pub(super) const AS_PATH: (usize, usize) = (26, 4);
    /// COMMUNITIES: ~20 bytes, ~10 routes per distinct list.
    pub(super) const COMMUNITIES: (usize, usize) = (20, 10);
    /// LARGE_COMMUNITY: 24+ bytes, highly shared.
    pub(super) const LARGE_COMMUNITY: (usize, usize) = (24, 10);
    /// EXTENDED_COMMUNITIES: 16+ bytes, highly shared (route targets).
    pub(super) const EXTENDED_COMMUNITIES: (usize, usize) = (24, 10);
    /// CLUSTER_LIST: a few IDs, shared by every route of a reflector.
    pub(super) const CLUSTER_LIST: (usize, usize) = (20, 100);
    /// Whole attribute sets: ~45 bytes, ~3 routes per distinct set.
    pub(super) const SET: (usize, usize) = (45, 3);
}

/// Which policy each cache uses, and the switch that turns interning off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CacheConfig {
    /// When false, every cache uses [`Policy::Inline`]: each value gets its own allocation and
    /// nothing is shared, so the savings of interning can be measured against it.
    pub enabled: bool,
    /// Policy of the whole-set cache.
    pub sets: Policy,
    /// Policy of the AS_PATH cache.
    pub as_path: Policy,
    /// Policy of the COMMUNITIES cache.
    pub communities: Policy,
    /// Policy of the LARGE_COMMUNITY cache.
    pub large_communities: Policy,
    /// Policy of the EXTENDED_COMMUNITIES cache.
    pub extended_communities: Policy,
    /// Policy of the CLUSTER_LIST cache.
    pub cluster_list: Policy,
}

impl Default for CacheConfig {
    /// Interning on; each policy as `ribcage_intern::recommended_policy` picks it for the
    /// typical sizes and reuse measured on RIS data.
    fn default() -> Self {
        let p = |(len, reuse): (usize, usize)| recommended_policy(len, reuse);
        Self {
            enabled: true,
            sets: p(typical::SET),
            as_path: p(typical::AS_PATH),
            communities: p(typical::COMMUNITIES),
            large_communities: p(typical::LARGE_COMMUNITY),
            extended_communities: p(typical::EXTENDED_COMMUNITIES),
            cluster_list: p(typical::CLUSTER_LIST),
        }
    }
}

impl CacheConfig {
    /// Interning off everywhere.
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    fn policy(&self, p: Policy) -> Policy {
        if self.enabled {
            p
        } else {
            Policy::Inline
        }
    }
}

/// Statistics of every cache, as ribcage-intern defines them.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CacheStats {
    /// Whether interning is on.
    pub enabled: bool,
    /// Whole attribute sets.
    pub sets: Stats,
    /// AS_PATH values.
    pub as_path: Stats,
    /// COMMUNITIES values.
    pub communities: Stats,
    /// LARGE_COMMUNITY values.
    pub large_communities: Stats,
    /// EXTENDED_COMMUNITIES values.
    pub extended_communities: Stats,
    /// CLUSTER_LIST values.
    pub cluster_list: Stats,
}

/// The attribute caches. Shared by every peer (it is `Sync`; interning takes `&self`).
#[derive(Debug)]
pub struct AttributeCache {
    config: CacheConfig,
    sets: Pool<AttributeSet>,
    as_path: Pool<[u8]>,
    communities: Pool<[u8]>,
    large_communities: Pool<[u8]>,
    extended_communities: Pool<[u8]>,
    cluster_list: Pool<[u8]>,
}

impl Default for AttributeCache {
    fn default() -> Self {
        Self::new(CacheConfig::default())
    }
}

impl AttributeCache {
    /// Caches with the given configuration.
    pub fn new(config: CacheConfig) -> Self {
        let pool = |p| Pool::new(config.policy(p));
        Self {
            config,
            sets: Pool::new(config.policy(config.sets)),
            as_path: pool(config.as_path),
            communities: pool(config.communities),
            large_communities: pool(config.large_communities),
            extended_communities: pool(config.extended_communities),
            cluster_list: pool(config.cluster_list),
        }
    }

    /// The configuration.
    pub fn config(&self) -> CacheConfig {
        self.config
    }

    /// Turns interning on or off for every cache (values already interned stay valid).
    pub fn set_enabled(&mut self, on: bool) {
        self.config.enabled = on;
        let c = self.config;
        self.sets.set_policy(c.policy(c.sets));
        self.as_path.set_policy(c.policy(c.as_path));
        self.communities.set_policy(c.policy(c.communities));
        self.large_communities
            .set_policy(c.policy(c.large_communities));
        self.extended_communities
            .set_policy(c.policy(c.extended_communities));
        self.cluster_list.set_policy(c.policy(c.cluster_list));
    }

    /// The canonical attribute set of `attrs` (an UPDATE's attributes through `Deref`, or an
    /// MRT RIB entry's), interned: one allocation per distinct set, shared by every route of
    /// the UPDATE and by identical sets from any peer. Building the canonical bytes allocates
    /// a temporary; a hit allocates nothing else.
    pub fn intern_set(&self, attrs: &PathAttributes<'_>) -> Interned<AttributeSet> {
        self.sets.intern(&AttributeSet::from_attributes(attrs))
    }

    /// Interns an already built set.
    pub fn intern_owned_set(&self, set: &AttributeSet) -> Interned<AttributeSet> {
        self.sets.intern(set)
    }

    /// Interns an AS path in canonical 4-byte wire form (RFC 6793).
    pub fn intern_as_path(&self, path: &MergedAsPath<'_>) -> Interned<[u8]> {
        let mut buf = Vec::new();
        path.write_wire4(&mut buf);
        self.as_path.intern(&buf)
    }

    /// Interns a COMMUNITIES value (wire bytes).
    pub fn intern_communities(&self, c: &Communities<'_>) -> Interned<[u8]> {
        self.communities.intern(c.wire())
    }

    /// Interns a LARGE_COMMUNITY value (wire bytes).
    pub fn intern_large_communities(&self, c: &LargeCommunities<'_>) -> Interned<[u8]> {
        self.large_communities.intern(c.wire())
    }

    /// Interns an EXTENDED_COMMUNITIES value (wire bytes).
    pub fn intern_extended_communities(&self, c: &ExtendedCommunities<'_>) -> Interned<[u8]> {
        self.extended_communities.intern(c.wire())
    }

    /// Interns a CLUSTER_LIST value (wire bytes).
    pub fn intern_cluster_list(&self, c: &ClusterList<'_>) -> Interned<[u8]> {
        self.cluster_list.intern(c.wire())
    }

    /// Statistics of every cache.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            enabled: self.config.enabled,
            sets: self.sets.stats(),
            as_path: self.as_path.stats(),
            communities: self.communities.stats(),
            large_communities: self.large_communities.stats(),
            extended_communities: self.extended_communities.stats(),
            cluster_list: self.cluster_list.stats(),
        }
    }
}
