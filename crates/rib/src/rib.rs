//! [`Rib`]: the route store, its loader and its queries.

use std::borrow::Cow;
use std::net::IpAddr;

use hashbrown::HashMap;
use ribcage_attributes::Update;
use ribcage_buffer::View;
use ribcage_intern::{ArenaOptions, ArenaPool};
use ribcage_mrt::mrt::t16_bgp4mp::{Bgp4mpSubtype, BgpMessageType};
use ribcage_mrt::{Action, Body, Decoder, Element, MrtRecord, MrtType, Records, RouteNlri};
use ribcage_nlri::{Afi, Family, Nlri, Prefix, Safi};

use crate::attrs::{AttrStore, CacheStats, SetHeader};
use crate::nlri_store::{canonical, is_ip_prefix, is_labeled, NlriStore};
use crate::table::{Table, Value};
use crate::{AttrSetId, Error, InternConfig, Source};

/// Index of a peer in a [`Rib`] (in the order peers were first seen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct PeerId(pub u32);

/// A peer: the address and AS a route was learned from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Peer {
    /// The peer's address.
    pub ip: IpAddr,
    /// The peer's AS.
    pub asn: u32,
}

/// How many errors [`LoadStats`] keeps in full.
const KEPT_ERRORS: usize = 16;

/// What loading one or more inputs did.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct LoadStats {
    /// MRT records framed.
    pub records: u64,
    /// Routes stored: RIB entries and announcements.
    pub announced: u64,
    /// Withdrawals that removed a route.
    pub withdrawn: u64,
    /// Withdrawals of a route the store did not hold (counted, not an error).
    pub unknown_withdrawals: u64,
    /// Announcements treated as withdrawals because their UPDATE's attributes were malformed
    /// (RFC 7606 §2).
    pub treat_as_withdraw: u64,
    /// Parts of the input that could not be loaded (see [`Error`]).
    pub errors: u64,
    /// The first few errors.
    #[serde(skip)]
    pub first_errors: Vec<Error>,
}

impl LoadStats {
    fn error(&mut self, e: Error) {
        self.errors += 1;
        if self.first_errors.len() < KEPT_ERRORS {
            self.first_errors.push(e);
        }
    }

    /// Adds `other`'s counts to these.
    pub fn merge(&mut self, other: LoadStats) {
        self.records += other.records;
        self.announced += other.announced;
        self.withdrawn += other.withdrawn;
        self.unknown_withdrawals += other.unknown_withdrawals;
        self.treat_as_withdraw += other.treat_as_withdraw;
        self.errors += other.errors;
        for e in other.first_errors {
            if self.first_errors.len() < KEPT_ERRORS {
                self.first_errors.push(e);
            }
        }
    }
}

/// The number of routes of one peer in one family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FamilyCount {
    /// The peer.
    pub peer: PeerId,
    /// The family.
    pub family: Family,
    /// Routes held.
    pub routes: usize,
}

/// An in-memory RIB: routes keyed by (peer, family, NLRI, ADD-PATH id), each pointing at an
/// interned attribute set.
#[derive(Debug)]
pub struct Rib {
    pub(crate) attrs: AttrStore,
    pub(crate) nlri: Vec<(Family, NlriStore)>,
    pub(crate) peers: Vec<Peer>,
    peer_index: HashMap<Peer, u32>,
    pub(crate) tables: Vec<Vec<(Family, Table)>>,
    labels: ArenaPool,
    routes: usize,
}

impl Default for Rib {
    fn default() -> Self {
        Self::new(InternConfig::default())
    }
}

impl Rib {
    /// An empty store with the given intern policy.
    pub fn new(config: InternConfig) -> Self {
        let labels = ArenaPool::with_options(ArenaOptions {
            dedup: config.labels,
            ..ArenaOptions::default()
        });
        Self {
            attrs: AttrStore::new(config),
            nlri: Vec::new(),
            peers: Vec::new(),
            peer_index: HashMap::new(),
            tables: Vec::new(),
            labels,
            routes: 0,
        }
    }

    /// The intern policy in use.
    pub fn config(&self) -> &InternConfig {
        self.attrs.config()
    }

    /// Loads every record of an MRT input held in memory (any mix of TABLE_DUMP, TABLE_DUMP_V2
    /// and BGP4MP), applying them in order. Damaged regions and undecodable parts are counted
    /// in the result and skipped; everything else is loaded.
    pub fn load(&mut self, input: View) -> LoadStats {
        self.load_records(Records::new(input))
    }

    /// [`Rib::load`] from a stream: the input is framed as it is read, so memory holds the
    /// store and one record at a time (plus a bounded resynchronisation window after damage),
    /// however large the input is.
    pub fn load_reader(&mut self, reader: impl std::io::Read + Send + 'static) -> LoadStats {
        self.load_records(Records::from_reader(reader))
    }

    fn load_records(&mut self, records: Records) -> LoadStats {
        let mut loader = Loader::default();
        for record in records {
            match record {
                Ok(r) => loader.apply(self, &r),
                Err(e) => loader.stats.error(Error::Frame(e)),
            }
        }
        loader.finish()
    }

    /// Releases spare capacity everywhere (call after loading, and after [`Rib::compact`]).
    pub fn shrink_to_fit(&mut self) {
        self.attrs.shrink_to_fit();
        for (_, s) in &mut self.nlri {
            s.shrink_to_fit();
        }
        for t in self.tables.iter_mut().flatten() {
            t.1.shrink_to_fit();
        }
        for t in &mut self.tables {
            t.shrink_to_fit();
        }
        self.tables.shrink_to_fit();
        self.nlri.shrink_to_fit();
        self.peers.shrink_to_fit();
        self.peer_index.shrink_to_fit();
        self.labels.shrink_to_fit();
    }

    /// Moves the prefixes stored since the last compaction into each family's sorted,
    /// index-free layout (3 bytes for a /24, instead of about 11 in the hashed tail) and
    /// renumbers the routes' NLRI ids to match. Routes, queries and iteration keep working
    /// as before; only [`Rib::iter`]'s NLRI order becomes key order. Takes time linear in the
    /// routes held plus a sort of the family's NLRI: call it after loading, not per update.
    pub fn compact(&mut self) {
        for (family, store) in &mut self.nlri {
            let Some(new_id) = store.compact() else {
                continue;
            };
            let universe = store.len();
            for tables in &mut self.tables {
                if let Ok(i) = tables.binary_search_by_key(family, |(f, _)| *f) {
                    tables[i].1.renumber(&new_id, universe);
                }
            }
        }
    }

    fn peer_id(&mut self, peer: Peer) -> u32 {
        if let Some(&id) = self.peer_index.get(&peer) {
            return id;
        }
        let id = self.peers.len() as u32;
        self.peers.push(peer);
        self.peer_index.insert(peer, id);
        self.tables.push(Vec::new());
        id
    }

    fn nlri_store(&mut self, family: Family) -> usize {
        match self.nlri.binary_search_by_key(&family, |(f, _)| *f) {
            Ok(i) => i,
            Err(i) => {
                let store = NlriStore::new(family, self.attrs.config().rd);
                self.nlri.insert(i, (family, store));
                i
            }
        }
    }

    fn find_store(&self, family: Family) -> Option<&NlriStore> {
        self.nlri
            .binary_search_by_key(&family, |(f, _)| *f)
            .ok()
            .map(|i| &self.nlri[i].1)
    }

    fn table_mut(&mut self, peer: u32, family: Family) -> &mut Table {
        let tables = &mut self.tables[peer as usize];
        let i = match tables.binary_search_by_key(&family, |(f, _)| *f) {
            Ok(i) => i,
            Err(i) => {
                tables.insert(i, (family, Table::new(is_labeled(family))));
                i
            }
        };
        &mut tables[i].1
    }

    fn table(&self, peer: PeerId, family: Family) -> Option<&Table> {
        let tables = self.tables.get(peer.0 as usize)?;
        tables
            .binary_search_by_key(&family, |(f, _)| *f)
            .ok()
            .map(|i| &tables[i].1)
    }

    /// Stores a route (replacing the peer's route for the same NLRI and path id). Returns
    /// `false` if it could not be stored.
    fn announce(
        &mut self,
        peer: u32,
        family: Family,
        key: &[u8],
        path_id: Option<u32>,
        value: Value,
    ) -> bool {
        let s = self.nlri_store(family);
        let store = &mut self.nlri[s].1;
        let Some(id) = store.intern(key) else {
            return false;
        };
        let universe = store.len();
        if self
            .table_mut(peer, family)
            .insert(id, path_id, value, universe)
            .is_none()
        {
            self.routes += 1;
        }
        true
    }

    /// Removes a route; `false` if the store did not hold it.
    fn withdraw(&mut self, peer: u32, family: Family, key: &[u8], path_id: Option<u32>) -> bool {
        let Some(id) = self.find_store(family).and_then(|s| s.find(key)) else {
            return false;
        };
        let removed = self
            .tables
            .get_mut(peer as usize)
            .and_then(|t| {
                t.binary_search_by_key(&family, |(f, _)| *f)
                    .ok()
                    .map(|i| &mut t[i].1)
            })
            .and_then(|t| t.remove(id, path_id))
            .is_some();
        if removed {
            self.routes -= 1;
        }
        removed
    }

    /// Number of routes held.
    pub fn routes(&self) -> usize {
        self.routes
    }

    /// Number of distinct (family, NLRI) that at least one peer has a route for.
    pub fn prefixes(&self) -> usize {
        let mut total = 0;
        for (family, store) in &self.nlri {
            let mut seen = vec![false; store.len()];
            for tables in &self.tables {
                if let Ok(i) = tables.binary_search_by_key(family, |(f, _)| *f) {
                    tables[i].1.for_each_nlri(|id| seen[id as usize] = true);
                }
            }
            total += seen.iter().filter(|&&s| s).count();
        }
        total
    }

    /// The peers, indexed by [`PeerId`].
    pub fn peers(&self) -> &[Peer] {
        &self.peers
    }

    /// The id of a peer, if the store has seen it.
    pub fn peer(&self, peer: &Peer) -> Option<PeerId> {
        self.peer_index.get(peer).map(|&i| PeerId(i))
    }

    /// Number of attribute sets stored (each distinct (attributes, source, time) once when set
    /// interning is on; one per announcement when it is off).
    pub fn stored_attribute_sets(&self) -> usize {
        self.attrs.len()
    }

    /// Number of distinct attribute contents among the stored sets (ignoring source and time).
    /// Builds a temporary index: call it after measuring memory.
    pub fn distinct_attribute_sets(&self) -> usize {
        let mut seen = hashbrown::HashSet::new();
        for i in 0..self.attrs.len() {
            seen.insert(self.attrs.attribute_part(AttrSetId(i as u32)));
        }
        seen.len()
    }

    /// Per-cache statistics: `sets` first, then each interned field.
    pub fn cache_stats(&self) -> Vec<CacheStats> {
        let mut out = self.attrs.stats();
        if !self.labels.is_empty() {
            out.push(CacheStats::from_pool("labels".into(), &self.labels));
        }
        for (family, store) in &self.nlri {
            if let Some(rds) = store.rds() {
                out.push(CacheStats::from_pool(format!("rd {family:?}"), rds));
            }
        }
        out
    }

    /// Heap bytes the store holds, counted from its containers' capacities (an estimate of
    /// what a counting allocator measures; hash tables by their bucket layout).
    pub fn heap_bytes(&self) -> usize {
        let tables: usize = self
            .tables
            .iter()
            .map(|t| {
                t.capacity() * std::mem::size_of::<(Family, Table)>()
                    + t.iter().map(|(_, t)| t.heap_bytes()).sum::<usize>()
            })
            .sum();
        self.attrs.heap_bytes()
            + self.nlri.capacity() * std::mem::size_of::<(Family, NlriStore)>()
            + self.nlri.iter().map(|(_, s)| s.heap_bytes()).sum::<usize>()
            + self.peers.capacity() * std::mem::size_of::<Peer>()
            + self.peer_index.capacity() * (std::mem::size_of::<(Peer, u32)>() + 1)
            + self.tables.capacity() * std::mem::size_of::<Vec<(Family, Table)>>()
            + self.labels.heap_bytes()
            + tables
    }

    /// Routes per (peer, family), in peer then family order.
    pub fn counts(&self) -> Vec<FamilyCount> {
        let mut out = Vec::new();
        for (p, tables) in self.tables.iter().enumerate() {
            for (family, t) in tables {
                if t.len() > 0 {
                    out.push(FamilyCount {
                        peer: PeerId(p as u32),
                        family: *family,
                        routes: t.len(),
                    });
                }
            }
        }
        out
    }

    /// Every route, in a stable order: by peer id, family, NLRI id (key order for NLRI stored
    /// before the last [`Rib::compact`], then the order the others were first seen), then path
    /// id.
    pub fn iter(&self) -> impl Iterator<Item = Route<'_>> + '_ {
        (0..self.peers.len()).flat_map(move |p| self.peer_routes(PeerId(p as u32)))
    }

    /// The routes of one peer, in the order of [`Rib::iter`].
    pub fn peer_routes(&self, peer: PeerId) -> impl Iterator<Item = Route<'_>> + '_ {
        let tables = self.tables.get(peer.0 as usize).map_or(&[][..], |t| &t[..]);
        tables.iter().flat_map(move |(family, t)| {
            t.entries()
                .into_iter()
                .map(move |(nlri, path_id, v)| Route {
                    rib: self,
                    peer,
                    family: *family,
                    nlri,
                    path_id,
                    set: v.set,
                    labels: v.labels,
                })
        })
    }

    /// The routes (of every peer, in peer order) for the NLRI with wire bytes `wire` in
    /// `family`.
    pub fn exact(&self, family: Family, wire: &[u8]) -> Vec<Route<'_>> {
        let mut key = Vec::new();
        canonical(family, wire, &mut key);
        let Some(id) = self.find_store(family).and_then(|s| s.find(&key)) else {
            return Vec::new();
        };
        self.routes_for(family, id)
    }

    /// The unicast routes for exactly `prefix`.
    pub fn exact_prefix(&self, prefix: Prefix) -> Vec<Route<'_>> {
        let (family, wire) = prefix_wire(prefix);
        self.exact(family, &wire)
    }

    fn routes_for(&self, family: Family, id: u32) -> Vec<Route<'_>> {
        let mut out = Vec::new();
        for p in 0..self.peers.len() {
            let peer = PeerId(p as u32);
            let Some(t) = self.table(peer, family) else {
                continue;
            };
            if let Some(v) = t.get(id) {
                out.push(Route {
                    rib: self,
                    peer,
                    family,
                    nlri: id,
                    path_id: None,
                    set: v.set,
                    labels: v.labels,
                });
            }
            for (path_id, v) in t.get_paths(id) {
                out.push(Route {
                    rib: self,
                    peer,
                    family,
                    nlri: id,
                    path_id: Some(path_id),
                    set: v.set,
                    labels: v.labels,
                });
            }
        }
        out
    }

    /// The most specific unicast prefix some peer has a route for that covers `addr`, and the
    /// routes for it.
    pub fn longest_match(&self, addr: IpAddr) -> Option<(Prefix, Vec<Route<'_>>)> {
        let (family, max) = match addr {
            IpAddr::V4(_) => (Family::IPV4_UNICAST, 32u8),
            IpAddr::V6(_) => (Family::IPV6_UNICAST, 128u8),
        };
        let store = self.find_store(family)?;
        let mut key = Vec::new();
        for len in (0..=max).rev() {
            if !store.has_length(len) {
                continue;
            }
            let prefix = Prefix::new(addr, len)?;
            let (_, wire) = prefix_wire(prefix);
            canonical(family, &wire, &mut key);
            if let Some(id) = store.find(&key) {
                let routes = self.routes_for(family, id);
                if !routes.is_empty() {
                    return Some((prefix, routes));
                }
            }
        }
        None
    }
}

/// The unicast family and wire bytes (RFC 4271 §4.3) of a prefix.
pub(crate) fn prefix_wire(prefix: Prefix) -> (Family, Vec<u8>) {
    let n = usize::from(prefix.len()).div_ceil(8);
    let mut wire = vec![prefix.len()];
    match prefix.addr() {
        IpAddr::V4(a) => {
            wire.extend_from_slice(&a.octets()[..n]);
            (Family::IPV4_UNICAST, wire)
        }
        IpAddr::V6(a) => {
            wire.extend_from_slice(&a.octets()[..n]);
            (Family::IPV6_UNICAST, wire)
        }
    }
}

/// One route in a [`Rib`], borrowed.
#[derive(Clone, Copy, Debug)]
pub struct Route<'a> {
    rib: &'a Rib,
    /// The peer it was learned from.
    pub peer: PeerId,
    /// Its address family.
    pub family: Family,
    nlri: u32,
    /// Its ADD-PATH path identifier (RFC 7911).
    pub path_id: Option<u32>,
    /// Its attribute set.
    pub set: AttrSetId,
    labels: Option<u32>,
}

impl<'a> Route<'a> {
    /// The peer's address and AS.
    pub fn peer_info(&self) -> Peer {
        self.rib.peers[self.peer.0 as usize]
    }

    /// The NLRI's key: its wire bytes without any label stack, host bits of prefixes cleared.
    pub fn key(&self) -> Cow<'a, [u8]> {
        self.rib
            .find_store(self.family)
            .map_or(Cow::Borrowed(&[][..]), |s| s.wire(self.nlri))
    }

    /// The label stack the route was announced with (labeled unicast and VPN families), as
    /// wire bytes (RFC 8277 §2); empty for other families.
    pub fn labels(&self) -> &'a [u8] {
        self.labels
            .map_or(&[][..], |h| self.rib.labels.resolve(h).unwrap_or_default())
    }

    /// The NLRI's wire bytes as announced: the key with the label stack put back.
    pub fn nlri_wire(&self) -> Cow<'a, [u8]> {
        let key = self.key();
        let labels = self.labels();
        match key.split_first() {
            Some((&bits, rest)) if !labels.is_empty() => {
                let mut w = Vec::with_capacity(key.len() + labels.len());
                w.push(bits.saturating_add((8 * labels.len()).min(255) as u8));
                w.extend_from_slice(labels);
                w.extend_from_slice(rest);
                Cow::Owned(w)
            }
            _ => key,
        }
    }

    /// An owned copy of the NLRI.
    pub fn nlri(&self) -> Nlri {
        Nlri::new(self.family, self.path_id, &self.nlri_wire())
    }

    /// The prefix, for IPv4/IPv6 unicast and multicast routes.
    pub fn prefix(&self) -> Option<Prefix> {
        if !is_ip_prefix(self.family) {
            return None;
        }
        let key = self.key();
        let (&len, bytes) = key.split_first()?;
        Prefix::from_wire(self.family.afi, len, bytes)
    }

    /// Source record kind, time and microseconds.
    pub fn header(&self) -> Option<SetHeader> {
        self.rib.attrs.header(self.set)
    }

    /// Appends the route's path attributes in wire form (RFC 4271 §4.3) to `out`. For routes
    /// from UPDATEs, MP_REACH_NLRI holds no NLRI and MP_UNREACH_NLRI is absent.
    pub fn attributes(&self, out: &mut Vec<u8>) -> Option<SetHeader> {
        self.rib.attrs.decode(self.set, out)
    }
}

/// Applies MRT records to a [`Rib`] one at a time, keeping what spans records (the
/// TABLE_DUMP_V2 peer table) and the counts.
///
/// - RIB entries (TABLE_DUMP, TABLE_DUMP_V2) store or replace the peer's route for the NLRI.
/// - An UPDATE's withdrawals apply before its announcements (bgpdump's order: withdrawn routes,
///   MP_UNREACH_NLRI, NLRI, MP_REACH_NLRI). A withdrawal of a route the store does not hold is
///   counted in [`LoadStats::unknown_withdrawals`].
/// - When RFC 7606 calls for treat-as-withdraw or worse (AFI/SAFI disable, session reset) on an
///   UPDATE, all its announcements are applied as withdrawals and counted in
///   [`LoadStats::treat_as_withdraw`]; attribute-discard problems leave the attributes as
///   received (the store is lossless).
/// - BGP4MP state changes do not flush a peer's routes.
#[derive(Debug, Default)]
pub struct Loader {
    decoder: Decoder,
    /// What was loaded so far.
    pub stats: LoadStats,
    key: Vec<u8>,
    wire: Vec<u8>,
}

impl Loader {
    /// A loader with no peer table yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The counts so far.
    pub fn finish(self) -> LoadStats {
        self.stats
    }

    /// The source kind of `record`'s routes, and whether its announcements are to be treated
    /// as withdrawals.
    fn classify(&mut self, record: &MrtRecord) -> (Source, bool) {
        match record.mrt_type {
            MrtType::TABLE_DUMP => (Source::TABLE_DUMP_ROUTE, false),
            MrtType::TABLE_DUMP_V2 => (
                Source::table_dump_v2(matches!(record.subtype, 8..=12)),
                false,
            ),
            _ => {
                let et = record.mrt_type == MrtType::BGP4MP_ET;
                let st = Bgp4mpSubtype(record.subtype);
                let Some((as4, local, ap)) = st.message() else {
                    return (Source::bgp4mp(false, et, false, false), false);
                };
                let source = Source::bgp4mp(as4, et, local, ap);
                let registry = &self.decoder.registry;
                let body = Body::decode(
                    record.mrt_type,
                    record.subtype,
                    record.body.cursor(),
                    registry,
                );
                let withdraw = match body {
                    Ok(Body::Message(m)) if m.message_type == BgpMessageType::UPDATE => {
                        let ctx = m.context();
                        match Update::parse(m.body.rest(), m.body.position(), &ctx, registry) {
                            Ok(u) => u.outcome().withdraws(),
                            Err(source) => {
                                self.stats.error(Error::Update {
                                    offset: record.offset,
                                    source,
                                });
                                true
                            }
                        }
                    }
                    _ => false,
                };
                (source, withdraw)
            }
        }
    }

    /// Applies one record.
    pub fn apply(&mut self, rib: &mut Rib, record: &MrtRecord) {
        self.stats.records += 1;
        let (source, withdraw_all) = self.classify(record);
        let header = SetHeader {
            source,
            time: record.timestamp,
            micros: record.microseconds,
        };
        let Loader {
            decoder,
            stats,
            key,
            wire,
        } = self;
        let share = rib.attrs.config().sets;
        let mut cached: Option<(usize, usize, AttrSetId)> = None;
        let visited = decoder.visit(record, |element| {
            let route = match element {
                Ok(Element::Route(r)) => r,
                Ok(Element::State(_)) => return,
                Err(source) => {
                    stats.error(Error::Record {
                        offset: record.offset,
                        source,
                    });
                    return;
                }
            };
            let peer = rib.peer_id(Peer {
                ip: route.peer_ip,
                asn: route.peer_as,
            });
            let (raw, offset) = match route.nlri {
                RouteNlri::Wire(n) => (n.wire(), n.offset()),
                RouteNlri::Prefix(p) => {
                    let (_, w) = prefix_wire(p);
                    wire.clear();
                    wire.extend_from_slice(&w);
                    (&wire[..], record.offset)
                }
            };
            let labels = canonical(route.family, raw, key);
            let announce = match route.action {
                Action::Rib => true,
                Action::Announce if withdraw_all => {
                    stats.treat_as_withdraw += 1;
                    false
                }
                Action::Announce => true,
                Action::Withdraw => false,
            };
            if announce {
                let block = route.attributes.rest();
                let ptr = (block.as_ptr() as usize, block.len());
                let set = match cached {
                    Some((p, l, s)) if (p, l) == ptr => Some(s),
                    _ => rib.attrs.intern(header, block),
                };
                let labels = if is_labeled(route.family) {
                    rib.labels.intern(labels)
                } else {
                    None
                };
                let stored = set.is_some_and(|s| {
                    if share {
                        cached = Some((ptr.0, ptr.1, s));
                    }
                    let value = Value { set: s, labels };
                    let ok = !is_labeled(route.family) || labels.is_some();
                    ok && rib.announce(peer, route.family, key, route.path_id, value)
                });
                if stored {
                    stats.announced += 1;
                } else {
                    stats.error(Error::NotStored { offset });
                }
            } else if rib.withdraw(peer, route.family, key, route.path_id) {
                stats.withdrawn += 1;
            } else {
                stats.unknown_withdrawals += 1;
            }
        });
        if let Err(source) = visited {
            stats.error(Error::Record {
                offset: record.offset,
                source,
            });
        }
    }
}

/// Families whose routes [`Rib::write_bgpdump`] can print (bgpdump prints no others).
pub(crate) fn dumpable(family: Family) -> bool {
    matches!(family.afi, Afi::IPV4 | Afi::IPV6) && family.safi == Safi::UNICAST
}
