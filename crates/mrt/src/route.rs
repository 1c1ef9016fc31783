//! Route-level view of MRT records: [`Element`]s (routes and state changes) and the
//! [`Decoder`] that keeps the PEER_INDEX_TABLE between records.

use std::net::IpAddr;

use ribcage_attributes::{AttributeCache, AttributeSet, PathAttributes};
use ribcage_buffer::Cursor;
use ribcage_intern::Interned;
use ribcage_nlri::{
    DecodeContext, Family, FamilyDecoder, NlriIter, NlriRef, Prefix, Registry, Session,
};

use crate::mrt::t12_table_dump::TableDump;
use crate::mrt::t13_table_dump_v2::{
    Peer, PeerTable, Rib, RibEntries, RibEntry, TableDumpV2Subtype,
};
use crate::mrt::t16_bgp4mp::{Bgp4mpSubtype, BgpMessageType, Message, Peering};
use crate::update::{AttrIter, AttrType, MpReach, MpUnreach, UpdateParts};
use crate::{Body, Error, MrtRecord, MrtType, RecordRef};

/// What a route element says about its NLRI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Announced in a BGP UPDATE.
    Announce,
    /// Withdrawn in a BGP UPDATE.
    Withdraw,
    /// Present in a RIB dump.
    Rib,
}

/// The NLRI of a route: wire bytes decoded on demand, or (TABLE_DUMP) a prefix stored unpacked.
#[derive(Clone, Copy, Debug)]
pub enum RouteNlri<'a> {
    /// NLRI in its wire form.
    Wire(NlriRef<'a>),
    /// A prefix from a TABLE_DUMP record.
    Prefix(Prefix),
}

impl RouteNlri<'_> {
    /// The IP prefix, for families that carry one.
    pub fn prefix(&self) -> Option<Prefix> {
        match self {
            RouteNlri::Wire(n) => n.prefix(),
            RouteNlri::Prefix(p) => Some(*p),
        }
    }
}

/// One route: a (peer, NLRI) pair with its path attributes, as a record gives it.
///
/// The routes of one record (or one RIB entry) share `attributes`, the raw attribute block.
#[derive(Clone, Copy, Debug)]
pub struct Route<'a> {
    /// Record timestamp (seconds).
    pub timestamp: u32,
    /// Microseconds (BGP4MP_ET).
    pub microseconds: Option<u32>,
    /// The peer's address.
    pub peer_ip: IpAddr,
    /// The peer's AS.
    pub peer_as: u32,
    /// Announce, withdraw or RIB entry.
    pub action: Action,
    /// Address family.
    pub family: Family,
    /// The NLRI.
    pub nlri: RouteNlri<'a>,
    /// ADD-PATH path identifier.
    pub path_id: Option<u32>,
    /// Where the next hop is (read it with [`Route::next_hop`]).
    next_hop: NextHopAt<'a>,
    /// The raw path attributes (empty for withdrawals without attributes).
    pub attributes: Cursor<'a>,
    /// How the attributes decode (AS width, ADD-PATH, and for BGP4MP messages the session):
    /// one of the [`static_context_in`]s, so a route stays small to move.
    pub context: &'static DecodeContext,
    /// Originated time of a RIB entry.
    pub originated: Option<u32>,
}

/// Where a [`Route`]'s next hop is: found while splitting its UPDATE, or (RIB entries) still
/// in its attribute block, looked for only when asked.
#[derive(Clone, Copy, Debug)]
enum NextHopAt<'a> {
    /// Found: the NEXT_HOP value or the MP_REACH_NLRI next hop field, or none.
    Known(Option<&'a [u8]>),
    /// In the RIB entry's attributes (NEXT_HOP, or a full or abbreviated MP_REACH_NLRI).
    RibAttributes,
}

impl<'a> Route<'a> {
    /// Next hop bytes: the NEXT_HOP value or the MP_REACH_NLRI next hop field. For a RIB entry
    /// this scans its attribute block (the walk over routes does not pay for it unless asked).
    pub fn next_hop(&self) -> Option<&'a [u8]> {
        match self.next_hop {
            NextHopAt::Known(nh) => nh,
            NextHopAt::RibAttributes => rib_next_hop(self.family, self.attributes),
        }
    }

    /// The route's path attributes as a lazy `ribcage-attributes` view (RIB entries accept the
    /// abbreviated MP_REACH_NLRI of RFC 6396 §4.3.4).
    pub fn path_attributes(&self, registry: &'a Registry) -> PathAttributes<'a> {
        let ctx = static_context_in(
            self.context.four_byte_as(),
            self.context.add_path(self.family),
            self.context.session(),
        );
        let (data, base) = (self.attributes.rest(), self.attributes.position());
        match self.action {
            Action::Rib => PathAttributes::for_rib(data, base, ctx, registry, self.family),
            _ => PathAttributes::new(data, base, ctx, registry),
        }
    }

    /// The route's attribute set, interned in `cache`: the routes of one record (or one RIB
    /// entry) share one allocation, as do identical sets from anywhere else. This builds the
    /// canonical set on every call; [`SetInterner::set`] does so once per distinct raw block.
    pub fn attribute_set(
        &self,
        registry: &'a Registry,
        cache: &AttributeCache,
    ) -> Interned<AttributeSet> {
        cache.intern_set(&self.path_attributes(registry))
    }
}

/// A BGP4MP state change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    /// Record timestamp (seconds).
    pub timestamp: u32,
    /// Microseconds (BGP4MP_ET).
    pub microseconds: Option<u32>,
    /// Who and where.
    pub peering: Peering,
    /// FSM state before.
    pub old_state: u16,
    /// FSM state after.
    pub new_state: u16,
}

/// What a record yields: routes and state changes.
// Elements are yielded one at a time and live on the stack; boxing routes would allocate per
// route.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Copy, Debug)]
pub enum Element<'a> {
    /// A route.
    Route(Route<'a>),
    /// A state change.
    State(State),
}

/// A static decode context per (4-byte AS, ADD-PATH), so NLRI iterators can borrow one for the
/// lifetime of the record data. The session is [`Session::Unknown`] (RIB dumps).
pub fn static_context(four_byte_as: bool, add_path: bool) -> &'static DecodeContext {
    static_context_in(four_byte_as, add_path, Session::Unknown)
}

/// The static decode context per (4-byte AS, ADD-PATH, session): BGP4MP messages know whether
/// their peer is internal or external (`Message::session` in [`crate::mrt::t16_bgp4mp`]),
/// which RFC 7606 error handling depends on.
pub fn static_context_in(
    four_byte_as: bool,
    add_path: bool,
    session: Session,
) -> &'static DecodeContext {
    const SESSIONS: [Session; 3] = [Session::Unknown, Session::Internal, Session::External];
    // Index: session (of SESSIONS) * 4 + ADD-PATH * 2 + 4-byte AS. Built at compile time: no
    // initialisation check per record.
    static CTX: [DecodeContext; 12] = {
        let mut all = [DecodeContext::DEFAULT; 12];
        let mut i = 0;
        while i < 12 {
            all[i] = DecodeContext::DEFAULT
                .with_four_byte_as(i & 1 != 0)
                .with_add_path_all(i & 2 != 0)
                .with_session(SESSIONS[i / 4]);
            i += 1;
        }
        all
    };
    let all = &CTX;
    let s = match session {
        Session::Internal => 1,
        Session::External => 2,
        _ => 0,
    };
    &all[s * 4 + usize::from(add_path) * 2 + usize::from(four_byte_as)]
}

/// Most NLRI runs an UPDATE yields routes from (withdrawn, NLRI and the MP attributes).
const MAX_RUNS: usize = 8;

#[derive(Clone, Copy, Debug)]
struct Run<'a> {
    action: Action,
    family: Family,
    nlri: Cursor<'a>,
    next_hop: Option<&'a [u8]>,
}

// One lives per record, on the stack; boxing the large variant would allocate per record.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum Inner<'a> {
    Done,
    One(Element<'a>),
    Rib {
        rib: Rib<'a>,
        entries: RibEntries<'a>,
        peers: &'a PeerTable,
        decoder: &'static dyn FamilyDecoder,
    },
    Update {
        runs: [Option<Run<'a>>; MAX_RUNS],
        next_run: usize,
        iter: Option<(Run<'a>, NlriIter<'a>)>,
        attributes: Cursor<'a>,
        pending_error: Option<Error>,
    },
}

/// The elements of one record, in bgpdump's order for updates: withdrawals (body, then
/// MP_UNREACH_NLRI), then announcements (body, then MP_REACH_NLRI).
///
/// Yields `Err` for a part that does not decode and goes on with the next part.
#[derive(Debug)]
pub struct Elements<'a> {
    timestamp: u32,
    microseconds: Option<u32>,
    peer_ip: IpAddr,
    peer_as: u32,
    context: &'static DecodeContext,
    registry: &'a Registry,
    inner: Inner<'a>,
}

/// The NEXT_HOP value and the next hop of an abbreviated or full MP_REACH_NLRI in a RIB entry.
///
/// Runs once per RIB route, so it frames the attributes inline (as [`AttrIter`] does: it stops
/// at the first attribute that overruns the block) instead of yielding `Result`s.
fn rib_next_hop<'a>(family: Family, attrs: Cursor<'a>) -> Option<&'a [u8]> {
    let data = attrs.rest();
    let mut nh = None;
    let mut i = 0;
    while let Some(&[flags, code, l0]) = data.get(i..i + 3) {
        let (len, header) = if flags & crate::update::FLAG_EXTENDED_LENGTH != 0 {
            let Some(&l1) = data.get(i + 3) else { break };
            (usize::from(u16::from_be_bytes([l0, l1])), 4)
        } else {
            (usize::from(l0), 3)
        };
        let start = i + header;
        let Some(value) = data.get(start..start + len) else {
            break;
        };
        match AttrType(code) {
            AttrType::MP_REACH_NLRI => {
                let offset = attrs.position() + start;
                let mp = if value.first().is_some_and(|&b| b != 0) {
                    MpReach::parse_abbreviated(family, value, offset)
                } else {
                    MpReach::parse(value, offset)
                };
                if let Ok(mp) = mp {
                    return Some(mp.next_hop);
                }
            }
            AttrType::NEXT_HOP => nh = Some(value),
            _ => {}
        }
        i = start + len;
    }
    nh
}

/// The route of a TABLE_DUMP record.
fn table_dump_route(timestamp: u32, microseconds: Option<u32>, td: TableDump<'_>) -> Route<'_> {
    Route {
        timestamp,
        microseconds,
        peer_ip: td.peer_ip,
        peer_as: td.peer_as,
        action: Action::Rib,
        family: td.family(),
        nlri: RouteNlri::Prefix(td.prefix),
        path_id: None,
        next_hop: NextHopAt::RibAttributes,
        attributes: td.attributes,
        context: static_context(false, false),
        originated: Some(td.originated),
    }
}

/// The NLRI runs of an UPDATE body in bgpdump's order, its attribute block, and the error
/// that ended the attribute scan early, if any (the runs [`for_each_run`] hands over, kept).
#[allow(clippy::type_complexity)]
fn update_runs<'a>(
    body: Cursor<'a>,
) -> Result<([Option<Run<'a>>; MAX_RUNS], Cursor<'a>, Option<Error>), Error> {
    let mut runs: [Option<Run<'a>>; MAX_RUNS] = [None; MAX_RUNS];
    let mut n = 0;
    let (attributes, pending_error) = for_each_run(body, |r, _| {
        if n < MAX_RUNS {
            runs[n] = Some(r);
            n += 1;
        }
    })?;
    Ok((runs, attributes, pending_error))
}

/// Splits an UPDATE body and hands `each` its non-empty NLRI runs in bgpdump's order: withdrawn
/// routes, MP_UNREACH_NLRI's, announced routes, MP_REACH_NLRI's (at most three of each MP
/// attribute). `each` also gets the attribute block the routes share. Returns that block and the
/// error that ended the attribute scan early, if any.
fn for_each_run<'a>(
    body: Cursor<'a>,
    mut each: impl FnMut(Run<'a>, Cursor<'a>),
) -> Result<(Cursor<'a>, Option<Error>), Error> {
    let parts = UpdateParts::split(body)?;
    // Most runs of an UPDATE are empty (an empty run yields no route).
    let mut each = |run: Run<'a>| {
        if run.nlri.remaining() > 0 {
            each(run, parts.attributes);
        }
    };
    each(Run {
        action: Action::Withdraw,
        family: Family::IPV4_UNICAST,
        nlri: parts.withdrawn,
        next_hop: None,
    });
    let mut next_hop = None;
    let mut reach = [None; 3];
    let mut unreach = [None; 3];
    let (mut nr, mut nu) = (0, 0);
    let mut pending_error = None;
    for a in AttrIter::new(parts.attributes) {
        let a = match a {
            Ok(a) => a,
            Err(e) => {
                pending_error = Some(e);
                break;
            }
        };
        match a.type_code {
            AttrType::NEXT_HOP => next_hop = Some(a.value),
            AttrType::MP_REACH_NLRI if nr < 3 => match MpReach::parse(a.value, a.offset) {
                Ok(mp) => {
                    reach[nr] = Some(mp);
                    nr += 1;
                }
                Err(e) => pending_error = Some(e),
            },
            AttrType::MP_UNREACH_NLRI if nu < 3 => match MpUnreach::parse(a.value, a.offset) {
                Ok(mp) => {
                    unreach[nu] = Some(mp);
                    nu += 1;
                }
                Err(e) => pending_error = Some(e),
            },
            _ => {}
        }
    }
    // The first `nu` (`nr`) slots are filled: most UPDATEs have none to look at.
    for u in unreach[..nu].iter().flatten() {
        each(Run {
            action: Action::Withdraw,
            family: u.family,
            nlri: u.nlri,
            next_hop: None,
        });
    }
    each(Run {
        action: Action::Announce,
        family: Family::IPV4_UNICAST,
        nlri: parts.nlri,
        next_hop,
    });
    for r in reach[..nr].iter().flatten() {
        each(Run {
            action: Action::Announce,
            family: r.family,
            nlri: r.nlri,
            next_hop: Some(r.next_hop),
        });
    }
    Ok((parts.attributes, pending_error))
}

/// The route of one RIB entry of a TABLE_DUMP_V2 RIB record.
fn rib_route<'a>(
    (timestamp, microseconds): (u32, Option<u32>),
    rib: &Rib<'a>,
    entry: &RibEntry<'a>,
    peer: &Peer,
    decoder: &'static dyn FamilyDecoder,
    context: &'static DecodeContext,
) -> Route<'a> {
    let ctx = static_context(true, false);
    Route {
        timestamp,
        microseconds,
        peer_ip: peer.ip,
        peer_as: peer.asn,
        action: Action::Rib,
        family: rib.family,
        nlri: RouteNlri::Wire(NlriRef::new(
            decoder,
            ctx,
            rib.family,
            entry.path_id,
            rib.nlri,
            rib.nlri_offset,
        )),
        path_id: entry.path_id,
        next_hop: NextHopAt::RibAttributes,
        attributes: entry.attributes,
        context,
        originated: Some(entry.originated),
    }
}

/// The route of one NLRI of an UPDATE's run.
fn update_route<'a>(
    (timestamp, microseconds): (u32, Option<u32>),
    (peer_ip, peer_as): (IpAddr, u32),
    run: &Run<'a>,
    nlri: NlriRef<'a>,
    attributes: Cursor<'a>,
    context: &'static DecodeContext,
) -> Route<'a> {
    Route {
        timestamp,
        microseconds,
        peer_ip,
        peer_as,
        action: run.action,
        family: run.family,
        nlri: RouteNlri::Wire(nlri),
        path_id: nlri.path_id(),
        next_hop: NextHopAt::Known(run.next_hop),
        attributes,
        context,
        originated: None,
    }
}

impl<'a> Elements<'a> {
    /// The elements of `record`, whose body decoded to `body`. `peers` is the latest
    /// PEER_INDEX_TABLE (needed for RIB records).
    pub fn new(
        record: &'a MrtRecord,
        body: Body<'a>,
        peers: Option<&'a PeerTable>,
        registry: &'a Registry,
    ) -> Result<Self, Error> {
        let unspecified = IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED);
        let mut el = Elements {
            timestamp: record.timestamp,
            microseconds: record.microseconds,
            peer_ip: unspecified,
            peer_as: 0,
            context: static_context(true, false),
            registry,
            inner: Inner::Done,
        };
        match body {
            Body::TableDump(td) => {
                el.inner = Inner::One(Element::Route(el.table_dump(td)));
            }
            Body::Rib(rib) => {
                let peers = peers.ok_or(Error::NoPeerTable {
                    offset: record.body.offset(),
                })?;
                el.context = static_context(true, rib.add_path);
                el.inner = Inner::Rib {
                    rib,
                    entries: rib.entries(),
                    peers,
                    decoder: registry.decoder(rib.family),
                };
            }
            Body::StateChange(sc) => {
                el.inner = Inner::One(Element::State(State {
                    timestamp: record.timestamp,
                    microseconds: record.microseconds,
                    peering: sc.peering,
                    old_state: sc.old_state,
                    new_state: sc.new_state,
                }));
            }
            Body::Message(m) => {
                el.peer_ip = m.peering.peer_ip;
                el.peer_as = m.peering.peer_as;
                el.context = static_context_in(m.four_byte_as, m.add_path, m.session());
                if m.message_type == BgpMessageType::UPDATE {
                    el.inner = Self::update(m.body)?;
                }
            }
            Body::PeerTable(_) | Body::Unknown => {}
        }
        Ok(el)
    }

    /// The NLRI registry the elements decode with.
    pub fn registry(&self) -> &'a Registry {
        self.registry
    }

    fn table_dump(&self, td: TableDump<'a>) -> Route<'a> {
        table_dump_route(self.timestamp, self.microseconds, td)
    }

    fn update(body: Cursor<'a>) -> Result<Inner<'a>, Error> {
        let (runs, attributes, pending_error) = update_runs(body)?;
        Ok(Inner::Update {
            runs,
            next_run: 0,
            iter: None,
            attributes,
            pending_error,
        })
    }

    fn next_rib(&mut self) -> Option<Result<Element<'a>, Error>> {
        let Inner::Rib {
            rib,
            entries,
            peers,
            decoder,
        } = &mut self.inner
        else {
            return None;
        };
        let entry = match entries.next()? {
            Ok(e) => e,
            Err(e) => return Some(Err(e)),
        };
        let peer = match peers.peer(entry.peer_index, entry.offset) {
            Ok(p) => *p,
            Err(e) => return Some(Err(e)),
        };
        Some(Ok(Element::Route(rib_route(
            (self.timestamp, self.microseconds),
            rib,
            &entry,
            &peer,
            *decoder,
            self.context,
        ))))
    }

    fn next_update(&mut self) -> Option<Result<Element<'a>, Error>> {
        let ctx = static_context(
            self.context.four_byte_as(),
            self.context.add_path(Family::IPV4_UNICAST),
        );
        let Inner::Update {
            runs,
            next_run,
            iter,
            attributes,
            pending_error,
        } = &mut self.inner
        else {
            return None;
        };
        loop {
            if let Some((run, it)) = iter {
                match it.next() {
                    Some(Ok(n)) => {
                        return Some(Ok(Element::Route(update_route(
                            (self.timestamp, self.microseconds),
                            (self.peer_ip, self.peer_as),
                            run,
                            n,
                            *attributes,
                            self.context,
                        ))))
                    }
                    Some(Err(e)) => {
                        *iter = None;
                        return Some(Err(e.into()));
                    }
                    None => *iter = None,
                }
            }
            match runs.get(*next_run).copied().flatten() {
                Some(run) => {
                    *next_run += 1;
                    // Most runs of an UPDATE are empty: skip the registry lookup for them.
                    if run.nlri.remaining() > 0 {
                        *iter = Some((run, self.registry.iter(run.family, run.nlri, ctx)));
                    }
                }
                None => return pending_error.take().map(Err),
            }
        }
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = Result<Element<'a>, Error>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match &self.inner {
            Inner::Done => None,
            Inner::One(_) => match std::mem::replace(&mut self.inner, Inner::Done) {
                Inner::One(e) => Some(Ok(e)),
                _ => None,
            },
            Inner::Rib { .. } => self.next_rib(),
            Inner::Update { .. } => self.next_update(),
        }
    }
}

/// Decodes records into elements, keeping the TABLE_DUMP_V2 peer table and counters.
#[derive(Debug, Default)]
pub struct Decoder {
    /// The NLRI decoders in use.
    pub registry: Registry,
    /// The latest PEER_INDEX_TABLE.
    pub peers: Option<PeerTable>,
    /// Records of a type or subtype not decoded.
    pub unknown: u64,
}

impl Decoder {
    /// A decoder with the built-in NLRI decoders.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes `record`: a PEER_INDEX_TABLE replaces the peer table (and yields nothing), an
    /// unknown type is counted, everything else yields its elements.
    pub fn elements<'a>(&'a mut self, record: &'a MrtRecord) -> Result<Elements<'a>, Error> {
        let body = Body::decode(
            record.mrt_type,
            record.subtype,
            record.body.cursor(),
            &self.registry,
        )?;
        let body = match body {
            Body::PeerTable(t) => {
                self.peers = Some(t);
                Body::PeerTable(PeerTable::default())
            }
            Body::Unknown => {
                self.unknown += 1;
                Body::Unknown
            }
            b => b,
        };
        Elements::new(record, body, self.peers.as_ref(), &self.registry)
    }

    /// Decodes `record` as [`Decoder::elements`] does and hands each element to `visit`, in
    /// the same order and with the same errors as the iterator yields them. The faster form:
    /// no iterator state is built or moved, and each route goes to `visit` where it was built.
    ///
    /// `Err` when the record's body does not decode (as `elements` would return it).
    #[inline]
    pub fn visit<'a>(
        &mut self,
        record: &'a MrtRecord,
        visit: impl FnMut(Result<Element<'a>, Error>),
    ) -> Result<(), Error> {
        self.visit_ref(RecordRef::from(record), visit)
    }

    /// [`Decoder::visit`] for a record borrowed from the framer ([`crate::Records::next_ref`])
    /// or from an [`MrtRecord`].
    pub fn visit_ref<'a>(
        &mut self,
        record: RecordRef<'a>,
        mut visit: impl FnMut(Result<Element<'a>, Error>),
    ) -> Result<(), Error> {
        if record.mrt_type == MrtType::TABLE_DUMP && matches!(record.subtype, 1 | 2) {
            // One route per record, built where it is handed over, with no `Body` in between
            // (what `Body::decode` and the `TableDump` arm below do, in one step).
            let td = TableDump::parse(record.subtype, record.body)?;
            let route = table_dump_route(record.timestamp, record.microseconds, td);
            visit(Ok(Element::Route(route)));
            return Ok(());
        }
        let stamp = (record.timestamp, record.microseconds);
        if record.mrt_type == MrtType::TABLE_DUMP_V2 {
            let st = TableDumpV2Subtype(record.subtype);
            if st.rib().is_some() {
                // As `Body::decode` and the `Rib` arm below, with no `Body` in between.
                let rib = Rib::parse(st, record.body, &self.registry)?;
                return self.visit_rib(&rib, stamp, record.body.position(), &mut visit);
            }
        }
        let subtype = Bgp4mpSubtype(record.subtype);
        let body = if matches!(record.mrt_type, MrtType::BGP4MP | MrtType::BGP4MP_ET)
            && subtype.message().is_some()
        {
            // Decoded as `Body::decode` would (message and state change subtypes are
            // disjoint), without its match over every type: `Message::parse`'s two halves, so
            // the message lands in the body directly.
            Body::Message(match Message::parse_whole(subtype, record.body) {
                Some(m) => m,
                None => Message::parse_fields(subtype, record.body)?,
            })
        } else {
            Body::decode(record.mrt_type, record.subtype, record.body, &self.registry)?
        };
        match body {
            Body::TableDump(td) => {
                visit(Ok(Element::Route(table_dump_route(stamp.0, stamp.1, td))));
            }
            Body::Rib(rib) => self.visit_rib(&rib, stamp, record.body.position(), &mut visit)?,
            Body::StateChange(sc) => visit(Ok(Element::State(State {
                timestamp: stamp.0,
                microseconds: stamp.1,
                peering: sc.peering,
                old_state: sc.old_state,
                new_state: sc.new_state,
            }))),
            Body::Message(m) if m.message_type == BgpMessageType::UPDATE => {
                let peer = (m.peering.peer_ip, m.peering.peer_as);
                let context = static_context_in(m.four_byte_as, m.add_path, m.session());
                // The message's context turns ADD-PATH on for every family or none.
                let ctx = static_context(m.four_byte_as, m.add_path);
                let registry = &self.registry;
                let (_, pending_error) = for_each_run(
                    m.body,
                    #[inline(always)]
                    |run, attributes| {
                        if run.nlri.remaining() == 0 {
                            return;
                        }
                        for n in registry.iter(run.family, run.nlri, ctx) {
                            match n {
                                Ok(n) => visit(Ok(Element::Route(update_route(
                                    stamp, peer, &run, n, attributes, context,
                                )))),
                                Err(e) => {
                                    visit(Err(e.into()));
                                    break;
                                }
                            }
                        }
                    },
                )?;
                if let Some(e) = pending_error {
                    visit(Err(e));
                }
            }
            Body::PeerTable(t) => self.peers = Some(t),
            Body::Unknown => self.unknown += 1,
            Body::Message(_) => {}
        }
        Ok(())
    }

    /// Hands `visit` the routes (or errors) of the entries of `rib`, a RIB record whose body
    /// starts at `body_offset`.
    #[inline(always)]
    fn visit_rib<'a>(
        &self,
        rib: &Rib<'a>,
        stamp: (u32, Option<u32>),
        body_offset: usize,
        visit: &mut impl FnMut(Result<Element<'a>, Error>),
    ) -> Result<(), Error> {
        let peers = self.peers.as_ref().ok_or(Error::NoPeerTable {
            offset: body_offset,
        })?;
        let decoder = self.registry.decoder(rib.family);
        let context = static_context(true, rib.add_path);
        for entry in rib.entries() {
            // Each arm builds the element in the call (no `Result<Route>` to move).
            match entry {
                Ok(e) => match peers.peer(e.peer_index, e.offset) {
                    Ok(peer) => visit(Ok(Element::Route(rib_route(
                        stamp, rib, &e, peer, decoder, context,
                    )))),
                    Err(err) => visit(Err(err)),
                },
                Err(err) => visit(Err(err)),
            }
        }
        Ok(())
    }
}

/// The key prefix of a [`SetInterner`] entry: how its attribute block decodes (AS width,
/// ADD-PATH, RIB entry), and for RIB entries the family, whose abbreviated MP_REACH_NLRI
/// depends on it. Packed as flags, AFI and SAFI from the low bits up.
#[inline]
fn key_prefix(route: &Route<'_>) -> u32 {
    let rib = route.action == Action::Rib;
    let family = if rib { route.family } else { Family::default() };
    let flags = u8::from(route.context.four_byte_as())
        | u8::from(route.context.add_path(route.family)) << 1
        | u8::from(rib) << 2;
    u32::from(flags) | u32::from(family.afi.0) << 8 | u32::from(family.safi.0) << 24
}

/// Multiplies `a` by `b` in 128 bits and folds the two halves together (the mixing step of
/// foldhash and wyhash).
#[inline(always)]
fn fold_mul(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    p as u64 ^ (p >> 64) as u64
}

/// The little-endian `u64` at `i` (0 past the end; callers stay inside).
#[inline(always)]
fn word64(b: &[u8], i: usize) -> u64 {
    b.get(i..i + 8).map_or(0, le64)
}

/// The little-endian `u32` at `i` (0 past the end; callers stay inside).
#[inline(always)]
fn word32(b: &[u8], i: usize) -> u64 {
    b.get(i..i + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, |w| u64::from(u32::from_le_bytes(w)))
}

/// `s` (8 bytes) as a little-endian `u64`.
#[inline(always)]
fn le64(s: &[u8]) -> u64 {
    u64::from_le_bytes(s.try_into().unwrap_or_default())
}

/// Whether two attribute blocks are equal, compared a word at a time inline: most blocks are
/// 16 to 40 bytes, for which a library `memcmp` call costs more than the comparison.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return a == b;
    }
    // Whole words, then the last 8 bytes (overlapping the last word when `len` is not a
    // multiple of 8).
    let whole = a
        .chunks_exact(8)
        .zip(b.chunks_exact(8))
        .all(|(x, y)| le64(x) == le64(y));
    whole && word64(a, len - 8) == word64(b, len - 8)
}

/// Hash of an attribute block and its key prefix, for the [`SetInterner`] table: a folded
/// multiply per 16 bytes, and the last (up to) 16 bytes read as two overlapping words, so a
/// typical block of 16 to 32 bytes costs two multiplies. Not resistant to chosen inputs (nor is
/// the fixed-seed foldhash it replaces): equality is always checked on the bytes.
#[inline]
fn block_hash(prefix: u32, raw: &[u8]) -> u64 {
    // Digits of pi (as in foldhash and SipHash's constants: nothing up the sleeve).
    const K: [u64; 4] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    ];
    let len = raw.len();
    // The prefix and length mixed first, so no change of the data can cancel one of theirs.
    let mut acc = fold_mul((u64::from(prefix) << 32 | len as u64) ^ K[0], K[3]);
    let (a, b) = if len > 16 {
        // Every 16-byte chunk but the last (which the tail covers).
        let body = raw.get(..(len - 1) / 16 * 16).unwrap_or_default();
        for c in body.chunks_exact(16) {
            let (x, y) = c.split_at(8);
            acc = fold_mul(le64(x) ^ K[1], le64(y) ^ acc);
        }
        (word64(raw, len - 16), word64(raw, len - 8))
    } else if len >= 8 {
        (word64(raw, 0), word64(raw, len - 8))
    } else if len >= 4 {
        (word32(raw, 0), word32(raw, len - 4))
    } else if len > 0 {
        let (x, y, z) = (raw[0], raw[len / 2], raw[len - 1]);
        (u64::from(x) << 16 | u64::from(y) << 8 | u64::from(z), 0)
    } else {
        (0, 0)
    };
    fold_mul(a ^ K[2], b ^ acc)
}

/// Most key bytes (headers included) a [`SetInterner`] keeps before it forgets every entry and
/// starts again.
const SET_INTERNER_LIMIT: usize = 64 << 20;

/// Bytes of the header before each key in a [`SetInterner`]'s key chunks: the key's length and
/// prefix (one little-endian `u64`, see [`key_meta`]), then its id (a `u32`). A probe that
/// finds a candidate reads its header and bytes from one place, usually one cache line.
const HEADER: usize = 12;

/// The first word of a key's header: its length in the low half, its key prefix in the high.
#[inline(always)]
fn key_meta(prefix: u32, len: usize) -> u64 {
    len as u64 | u64::from(prefix) << 32
}

/// Bytes a [`SetInterner`]'s key map reserves (address space; pages are touched as keys fill
/// them): the limit and room for one more key of a 16-bit length, as attribute blocks have.
const KEY_MAP: usize = SET_INTERNER_LIMIT + (1 << 20);

/// Where a [`SetInterner`]'s key map starts to be backed by huge pages (the keys before it, all
/// a small input has, by ordinary pages: no huge page to clear for them).
const HUGE_FROM: usize = 2 << 20;

/// Where a [`SetInterner`] keeps its keys: one anonymous memory map of [`KEY_MAP`] bytes that
/// the kernel is asked, once the keys near [`HUGE_FROM`], to back with huge pages from there on
/// (a few faults for tens of MiB of keys instead of one per 4 KiB page, and a few TLB entries
/// for the probes' random reads), or a buffer grown by doubling where no map can be had or a
/// key does not fit. Keys are found by their offset, so either serves.
#[derive(Debug, Default)]
struct Keys {
    map: Option<memmap2::MmapMut>,
    /// Set once the map was tried (made or not): from then on `map` or `heap` holds the keys.
    tried: bool,
    /// Set once the map past [`HUGE_FROM`] was advised to use huge pages.
    advised: bool,
    heap: Vec<u8>,
    /// Bytes in use (of the map, or `heap.len()`).
    len: usize,
}

impl Keys {
    /// The bytes in use.
    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        match &self.map {
            Some(m) => m.get(..self.len).unwrap_or_default(),
            None => &self.heap,
        }
    }

    /// Appends `parts` (together `need` bytes) and returns where they start.
    fn push(&mut self, need: usize, parts: [&[u8]; 3]) -> usize {
        if !self.tried {
            self.tried = true;
            self.map = memmap2::MmapMut::map_anon(KEY_MAP).ok();
        }
        let start = self.len;
        if let Some(m) = &mut self.map {
            if !self.advised && start + need > HUGE_FROM / 2 {
                self.advised = true;
                // Advice only: without it (or without huge pages) the map works as well.
                #[cfg(target_os = "linux")]
                let _ = m.advise_range(memmap2::Advice::HugePage, HUGE_FROM, KEY_MAP - HUGE_FROM);
            }
            if let Some(dst) = m.get_mut(start..start + need) {
                let mut at = 0;
                for p in parts {
                    if let Some(d) = dst.get_mut(at..at + p.len()) {
                        d.copy_from_slice(p);
                    }
                    at += p.len();
                }
                self.len += need;
                return start;
            }
            // Too large for the map: the keys move to the heap for good.
            self.heap = m.get(..start).unwrap_or_default().to_vec();
            self.map = None;
        }
        for p in parts {
            self.heap.extend_from_slice(p);
        }
        self.len = self.heap.len();
        start
    }

    /// Forgets every key (the map's pages stay, to be written again).
    fn clear(&mut self) {
        self.heap.clear();
        self.len = 0;
    }
}

/// A hash table entry of a [`SetInterner`]: 32 bits of the key's hash (a probe reads the key
/// only when they match; the table's own hash is [`Slot::table_hash`] of them) and the offset
/// of the key's header in the keys. Eight bytes: the table for a few hundred thousand blocks
/// stays a few MiB.
#[derive(Clone, Copy, Debug)]
struct Slot {
    tag: u32,
    at: u32,
}

impl Slot {
    /// The hash the table places `tag` by (so a resize rehashes from the slot alone): an odd
    /// multiplier spreads the 32 bits over the word, the top ones included.
    #[inline(always)]
    fn table_hash(tag: u32) -> u64 {
        u64::from(tag).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// The header and bytes of the key at offset `at` if it is `len` bytes long; `None` past the
/// keys' end.
#[inline(always)]
fn key_at(keys: &[u8], at: u32, len: usize) -> Option<&[u8]> {
    let start = at as usize;
    keys.get(start..start + HEADER + len)
}

/// The id of the key at `at` if it is `meta`'s (prefix and length) with bytes `raw`.
#[inline(always)]
fn key_id(keys: &[u8], at: u32, meta: u64, raw: &[u8]) -> Option<u32> {
    let k = key_at(keys, at, raw.len())?;
    let (head, bytes) = k.split_at(HEADER);
    let (m, id) = head.split_at(8);
    (le64(m) == meta && same_bytes(bytes, raw))
        .then(|| u32::from_le_bytes(id.try_into().unwrap_or_default()))
}

/// Entries a [`SetInterner`] makes room for at its first (a RIB dump's distinct blocks).
const ENTRIES_AT_FIRST: usize = 1 << 16;

/// The raw block seen last: its address, length and absolute offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LastBlock {
    ptr: usize,
    len: usize,
    position: usize,
    slot: usize,
}

/// Slots of a [`SetInterner`]'s per-peer memory of the last block (a power of two).
const RECENT: usize = 64;

/// Where each peer's last block is in the keys, in slots picked by a hash of the peer: a
/// guess only, checked against the bytes before it is taken (two peers sharing a slot just
/// miss). Cleared with the chunks.
#[derive(Debug)]
struct Recent([u32; RECENT]);

impl Default for Recent {
    fn default() -> Self {
        Self([u32::MAX; RECENT])
    }
}

impl Recent {
    /// The slot of `route`'s peer.
    #[inline]
    fn index(route: &Route<'_>) -> usize {
        let ip = match route.peer_ip {
            IpAddr::V4(a) => u64::from(u32::from(a)),
            IpAddr::V6(a) => {
                let a = u128::from(a);
                (a as u64) ^ ((a >> 64) as u64).rotate_left(32)
            }
        };
        // The address and the AS side by side, not XORed: peers numbered together (10.0.0.n
        // with AS 64511 + n) would cancel out. The top bits of a multiplicative hash.
        let key = ip.rotate_left(32) ^ u64::from(route.peer_as);
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - RECENT.trailing_zeros())) as usize
    }
}

/// A distinct raw attribute block held by a [`SetInterner`]: equal ids, equal bytes (and
/// decode context). Valid until the interner forgets its blocks (see [`SetInterner`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// Interns the attribute blocks of routes by their *raw* bytes, and their canonical
/// attribute sets in an [`AttributeCache`].
///
/// The routes of one record (or RIB entry) share one raw block: the interner looks that block
/// up once and hands every route the same [`BlockId`] (or set handle), with no hashing, no
/// reference-count update and no allocation per route. A block equal to the one the same peer
/// had last (consecutive prefixes of a RIB dump often share their attributes) is found by
/// comparing it with that one; any other block seen before (in any record) by one hash of its
/// bytes. A new distinct block is copied, behind a small header, into one memory map (no
/// allocation per block, nothing moved as it fills); the hash table's slots point at the headers, so a probe
/// reads the table and then the key, and nothing in between. [`SetInterner::set`] builds a
/// block's canonical [`AttributeSet`] the first time it is asked for it, once per distinct
/// block.
///
/// One interner serves one input stream: the "same block as the last route" shortcut is keyed
/// on the block's address, length and absolute offset, which are unique within a stream. Call
/// [`SetInterner::new_input`] before walking another one. Past 64 MiB of distinct raw blocks
/// it forgets them all and starts again (ids restart; set handles stay valid).
#[derive(Debug, Default)]
pub struct SetInterner {
    table: hashbrown::HashTable<Slot>,
    /// Where each id's key header is in `keys`.
    keys_at: Vec<u32>,
    /// The canonical sets built, by id (as long as the highest id asked for).
    sets: Vec<Option<Interned<AttributeSet>>>,
    /// Every entry's header and key bytes, back to back.
    keys: Keys,
    last: Option<LastBlock>,
    /// The last key prefix and what it was computed from: the decode context's address, the
    /// family and whether the route is a RIB entry (a RIB dump's routes all share them).
    last_prefix: Option<(usize, Family, bool, u32)>,
    recent: Recent,
    blocks: u64,
}

impl SetInterner {
    /// An empty interner.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets the last block seen (call it between input streams).
    pub fn new_input(&mut self) {
        self.last = None;
    }

    /// Distinct raw blocks held.
    pub fn raw_blocks(&self) -> usize {
        self.keys_at.len()
    }

    /// Distinct raw blocks whose canonical set was built.
    pub fn sets_built(&self) -> usize {
        self.sets.iter().filter(|s| s.is_some()).count()
    }

    /// Attribute blocks looked up (once per block, not per route).
    pub fn lookups(&self) -> u64 {
        self.blocks
    }

    /// The raw attribute bytes of `id` (as the route carried them).
    pub fn block_bytes(&self, id: BlockId) -> &[u8] {
        let Some(&at) = self.keys_at.get(id.0 as usize) else {
            return &[];
        };
        let keys = self.keys.bytes();
        let header = key_at(keys, at, 0).unwrap_or_default();
        let len = header.get(..8).map_or(0, |m| le64(m) as u32 as usize);
        key_at(keys, at, len)
            .and_then(|k| k.get(HEADER..))
            .unwrap_or_default()
    }

    /// The distinct raw block of `route`'s attributes: no allocation, and no hashing when the
    /// route shares the previous route's block.
    #[inline]
    pub fn block(&mut self, route: &Route<'_>) -> BlockId {
        BlockId(self.slot(route) as u32)
    }

    /// The interned canonical attribute set of `route` (see [`Route::attribute_set`]), built
    /// once per distinct raw block.
    #[inline]
    pub fn set<'r>(
        &mut self,
        route: &Route<'r>,
        registry: &'r Registry,
        cache: &AttributeCache,
    ) -> &Interned<AttributeSet> {
        let slot = self.slot(route);
        if slot >= self.sets.len() {
            // Room for every id so far: grown by doubling, as the ids are.
            self.sets
                .resize_with(self.keys_at.len().max(slot + 1), || None);
        }
        self.sets[slot].get_or_insert_with(|| cache.intern_set(&route.path_attributes(registry)))
    }

    #[inline]
    fn slot(&mut self, route: &Route<'_>) -> usize {
        let raw = route.attributes.rest();
        let here = LastBlock {
            ptr: raw.as_ptr() as usize,
            len: raw.len(),
            position: route.attributes.position(),
            slot: 0,
        };
        if let Some(last) = self.last {
            if (last.ptr, last.len, last.position) == (here.ptr, here.len, here.position) {
                return last.slot;
            }
        }
        self.lookup(route, here)
    }

    /// [`SetInterner::slot`] for a block other than the last one.
    #[inline(always)]
    fn lookup(&mut self, route: &Route<'_>, here: LastBlock) -> usize {
        let raw = route.attributes.rest();
        self.blocks += 1;
        let from = (
            std::ptr::from_ref(route.context) as usize,
            route.family,
            route.action == Action::Rib,
        );
        let prefix = match self.last_prefix {
            Some((ctx, family, rib, prefix)) if (ctx, family, rib) == from => prefix,
            _ => {
                let prefix = key_prefix(route);
                self.last_prefix = Some((from.0, from.1, from.2, prefix));
                prefix
            }
        };
        let meta = key_meta(prefix, raw.len());
        let peer = Recent::index(route);
        let guess = self.recent.0[peer];
        let (id, at) = match key_id(self.keys.bytes(), guess, meta, raw) {
            Some(id) => (id, guess),
            None => self.find_or_insert(prefix, meta, raw),
        };
        self.recent.0[peer] = at;
        let slot = id as usize;
        self.last = Some(LastBlock { slot, ..here });
        slot
    }

    /// The id and key place of `prefix` and `raw` (whose [`key_meta`] is `meta`), added if new.
    #[inline(never)]
    fn find_or_insert(&mut self, prefix: u32, meta: u64, raw: &[u8]) -> (u32, u32) {
        let tag = block_hash(prefix, raw) as u32;
        let hash = Slot::table_hash(tag);
        let keys = self.keys.bytes();
        let mut found = None;
        let eq = |s: &Slot| {
            s.tag == tag
                && key_id(keys, s.at, meta, raw).is_some_and(|id| {
                    found = Some((id, s.at));
                    true
                })
        };
        if self.table.find(hash, eq).is_some() {
            if let Some(hit) = found {
                return hit;
            }
        }
        self.insert(tag, meta, raw)
    }

    /// Adds the key `raw` (a new one) with its `tag` and `meta`: its id and place.
    fn insert(&mut self, tag: u32, meta: u64, raw: &[u8]) -> (u32, u32) {
        let need = HEADER + raw.len();
        // Offsets fit a u32: past the limit (or for a key that would end past 4 GiB) every key
        // is forgotten first, and ids restart.
        if self.keys.len > SET_INTERNER_LIMIT || self.keys.len + need > u32::MAX as usize {
            self.table.clear();
            self.keys_at.clear();
            self.sets.clear();
            self.keys.clear();
            // Places remembered would now point into other keys' bytes.
            self.recent = Recent::default();
        }
        let id = self.keys_at.len() as u32;
        let at = self
            .keys
            .push(need, [&meta.to_le_bytes(), &id.to_le_bytes(), raw]) as u32;
        if self.keys_at.capacity() == 0 {
            // Room for a RIB dump's distinct blocks from the start: the table is not rehashed
            // (nor the ids copied) a dozen times on the way there.
            self.keys_at.reserve(ENTRIES_AT_FIRST);
            self.table
                .reserve(ENTRIES_AT_FIRST, |s| Slot::table_hash(s.tag));
        }
        self.keys_at.push(at);
        self.table
            .insert_unique(Slot::table_hash(tag), Slot { tag, at }, |s| {
                Slot::table_hash(s.tag)
            });
        (id, at)
    }
}

#[cfg(test)]
mod tests;
