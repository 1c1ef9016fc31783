//! The fuzz targets as plain functions over `&[u8]`: the `fuzz/` binaries call them, the corpus
//! replay test runs them over every committed input, and [`ALL`] lists them by name.
//!
//! Each target decodes everything its input can reach (every accessor, `Display`, `Debug`,
//! serde, owned copies) and checks a few invariants that hold for any input (iterators advance
//! and end, owned copies keep the wire bytes). It panics only on a bug.
//!
//! Where decoding depends on what a session negotiated, the first input byte sets the
//! [`DecodeContext`] (see [`context`]); the rest is the data.

use std::fmt::Write as _;
use std::hint::black_box;

use ribcage_attributes::{AttributeCache, AttributeSet, PathAttributes, Update};
use ribcage_buffer::{BgpMessage, Cursor, MessageReader, MrtReader, MrtRecord, View};
use ribcage_mrt::bgpdump::Bgpdump;
use ribcage_mrt::{Decoder, Element, MrtType, Records};
use ribcage_nlri::family::{
    bgp_ls::BGP_LS, evpn::EVPN, flowspec::FLOWSPEC, labeled_unicast::LABELED_UNICAST,
    mpls_vpn::MPLS_VPN, mup::MUP, mvpn::MVPN, rt_constraint::RT_CONSTRAINT, sr_policy::SR_POLICY,
    unicast::UNICAST, vpls::VPLS,
};
use ribcage_nlri::{DecodeContext, Family, FamilyDecoder, NlriPools, NlriRef, Registry};

/// A fuzz target: a name (the `fuzz/fuzz_targets/NAME.rs` binary and corpus directory) and its
/// body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, by name.
pub const ALL: &[Target] = &[
    ("framing_bgp", framing_bgp),
    ("framing_mrt", framing_mrt),
    ("update", update),
    ("nlri_unicast", nlri_unicast),
    ("nlri_labeled_unicast", nlri_labeled_unicast),
    ("nlri_mpls_vpn", nlri_mpls_vpn),
    ("nlri_vpls", nlri_vpls),
    ("nlri_rt_constraint", nlri_rt_constraint),
    ("nlri_mvpn", nlri_mvpn),
    ("nlri_evpn", nlri_evpn),
    ("nlri_flowspec", nlri_flowspec),
    ("nlri_sr_policy", nlri_sr_policy),
    ("nlri_mup", nlri_mup),
    ("nlri_bgp_ls", nlri_bgp_ls),
    ("mrt_table_dump", mrt_table_dump),
    ("mrt_table_dump_v2", mrt_table_dump_v2),
    ("mrt_bgp4mp", mrt_bgp4mp),
    ("mrt_stream", mrt_stream),
    ("rib", rib),
    ("intern", intern),
];

/// The target called `name`.
pub fn by_name(name: &str) -> Option<fn(&[u8])> {
    ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The decode context a flag byte selects: bit 0 two-byte AS (off: four-byte), bit 1 ADD-PATH
/// for every family, bit 2 ADD-PATH for IPv4 unicast only, bit 3 extended next hop, bits 4-5
/// the number of labels less one (1 to 4).
pub fn context(flags: u8) -> DecodeContext {
    let mut ctx = DecodeContext::default()
        .with_four_byte_as(flags & 1 == 0)
        .with_add_path_all(flags & 2 != 0)
        .with_extended_next_hop(flags & 8 != 0)
        .with_max_labels(1 + ((flags >> 4) & 3));
    if flags & 4 != 0 {
        ctx = ctx.with_add_path(Family::IPV4_UNICAST);
    }
    ctx
}

/// Splits the flag byte off `data` (an empty input gives flags 0 and no data).
fn flags(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((f, rest)) => (*f, rest),
        None => (0, &[]),
    }
}

/// Exercises one NLRI: fields, text, owned copy, pooled copy.
fn touch_nlri(n: &NlriRef<'_>, pools: &NlriPools, out: &mut String) {
    out.clear();
    let _ = write!(out, "{n} {n:?}");
    if let Ok(d) = n.decode() {
        let _ = write!(out, "{d} {d:?}");
        black_box((d.prefix(), d.rd(), d.labels()));
        if let Some(rd) = d.rd() {
            black_box(pools.route_distinguisher(rd));
        }
        if let Some(labels) = d.labels() {
            black_box(pools.label_stack(labels));
        }
        black_box(serde_json::to_string(&d).ok());
    }
    let owned = n.to_owned();
    assert_eq!(owned.wire(), n.wire(), "an owned NLRI keeps its wire bytes");
    let _ = write!(out, "{owned} {owned:?}");
    let held = pools.hold(n.wire());
    assert_eq!(held.wire(), n.wire(), "a held NLRI keeps its wire bytes");
    black_box(n.prefix());
}

/// Splits and decodes a run of NLRI of `family` with the registry, checking that the iterator
/// always advances and ends after its first error.
fn nlri_run(registry: &Registry, family: Family, data: &[u8], base: usize, ctx: &DecodeContext) {
    let pools = NlriPools::default();
    let mut out = String::new();
    let mut last_end = base;
    let mut items = 0usize;
    let mut errored = false;
    for item in registry.iter(family, Cursor::with_base(data, base), ctx) {
        assert!(!errored, "NLRI iterator yielded after an error");
        items += 1;
        assert!(items <= data.len(), "NLRI iterator does not advance");
        match item {
            Ok(n) => {
                assert!(n.offset() >= last_end, "NLRI offsets go backwards");
                assert!(
                    n.offset() + n.wire().len() <= base + data.len(),
                    "NLRI past its run"
                );
                last_end = n.offset() + n.wire().len();
                touch_nlri(&n, &pools, &mut out);
            }
            Err(e) => {
                errored = true;
                let _ = write!(out, "{e} {e:?} {}", e.offset());
            }
        }
    }
}

/// NLRI of one decoder's families: flag byte (see [`context`]; bits 6-7 pick the family among
/// those the decoder lists), then a run of NLRI. Also calls the decoder directly on the whole
/// input, as a caller holding an NLRI's wire bytes would.
fn nlri_family(decoder: &'static dyn FamilyDecoder, data: &[u8]) {
    let (f, rest) = flags(data);
    let families = decoder.families();
    let family = families[usize::from(f >> 6) % families.len()];
    let ctx = context(f);
    nlri_run(&Registry::BUILTIN, family, rest, 1, &ctx);
    // Split by the decoder alone, then decode each split-off NLRI on its own.
    let mut cur = Cursor::with_base(rest, 1);
    let mut n = 0;
    while !cur.is_empty() && n <= rest.len() {
        n += 1;
        let before = cur.remaining();
        match decoder.split(family, &mut cur, &ctx) {
            Ok(wire) => {
                assert!(cur.remaining() < before, "split consumed nothing");
                let offset = cur.position() - wire.len();
                if let Ok(d) = decoder.decode(family, wire, offset, &ctx) {
                    black_box(d.to_string());
                }
            }
            Err(_) => break,
        }
    }
    // Decoding arbitrary bytes as one NLRI (no split first) must not panic either.
    if let Ok(d) = decoder.decode(family, rest, 1, &ctx) {
        black_box(d.to_string());
    }
}

macro_rules! nlri_target {
    ($($name:ident = $decoder:expr;)*) => {$(
        #[doc = concat!("NLRI of the `", stringify!($decoder), "` decoder's families (see `nlri_family`).")]
        pub fn $name(data: &[u8]) {
            nlri_family(&$decoder, data);
        }
    )*};
}

nlri_target! {
    nlri_unicast = UNICAST;
    nlri_labeled_unicast = LABELED_UNICAST;
    nlri_mpls_vpn = MPLS_VPN;
    nlri_vpls = VPLS;
    nlri_rt_constraint = RT_CONSTRAINT;
    nlri_mvpn = MVPN;
    nlri_evpn = EVPN;
    nlri_flowspec = FLOWSPEC;
    nlri_sr_policy = SR_POLICY;
    nlri_mup = MUP;
    nlri_bgp_ls = BGP_LS;
}

/// BGP message framing: flag byte (bit 7: RFC 8654 extended messages), then a byte stream,
/// framed both by the streaming [`MessageReader`] (in reads of varying size) and by
/// [`BgpMessage::split`]; both must agree.
pub fn framing_bgp(data: &[u8]) {
    let (f, rest) = flags(data);
    let extended = f & 0x80 != 0;
    let chunk = usize::from(f & 0x7f) + 1;
    let reader = MessageReader::new(Chunked { data: rest, chunk }).with_extended_messages(extended);
    let streamed: Vec<_> = reader.collect();
    let mut view = View::from(rest.to_vec());
    let mut split = Vec::new();
    while !view.is_empty() {
        match BgpMessage::split(&view, extended) {
            Ok((m, next)) => {
                assert!(next.len() < view.len(), "split consumed nothing");
                split.push(Ok(m));
                view = next;
            }
            Err(e) => {
                split.push(Err(e));
                break;
            }
        }
    }
    assert_eq!(streamed.len(), split.len(), "reader and split disagree");
    for (a, b) in streamed.iter().zip(&split) {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b);
                black_box((a.body(), a.length(), a.msg_type.to_string()));
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.offset(), b.offset(), "{a} / {b}");
                black_box(a.to_string());
            }
            _ => panic!("reader and split disagree: {a:?} / {b:?}"),
        }
    }
}

/// A reader that hands out at most `chunk` bytes per read.
struct Chunked<'a> {
    data: &'a [u8],
    chunk: usize,
}

impl std::io::Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.chunk.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// MRT framing: the streaming [`MrtReader`] (with a small record cap from the flag byte),
/// [`MrtRecord::split`], and the resynchronising [`Records`] of ribcage-mrt, which must always
/// move forward and cover the input.
pub fn framing_mrt(data: &[u8]) {
    let (f, rest) = flags(data);
    let max = 1usize << (8 + (f & 15));
    let chunk = usize::from(f >> 4) * 16 + 1;
    let streamed: Vec<_> = MrtReader::new(Chunked { data: rest, chunk })
        .with_max_record_len(max)
        .collect();
    let mut view = View::from(rest.to_vec());
    let mut split = Vec::new();
    while !view.is_empty() {
        match MrtRecord::split(&view, max) {
            Ok((r, next)) => {
                assert!(next.len() < view.len(), "split consumed nothing");
                split.push(Ok(r));
                view = next;
            }
            Err(e) => {
                split.push(Err(e));
                break;
            }
        }
    }
    assert_eq!(streamed.len(), split.len(), "reader and split disagree");
    for (a, b) in streamed.iter().zip(&split) {
        match (a, b) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a.offset(), b.offset(), "{a} / {b}"),
            _ => panic!("reader and split disagree: {a:?} / {b:?}"),
        }
    }
    let mut covered = 0usize;
    let mut n = 0usize;
    for r in Records::new(View::from(rest.to_vec())) {
        n += 1;
        assert!(n <= rest.len() + 1, "Records does not advance");
        match r {
            Ok(r) => {
                assert!(r.offset >= covered, "records overlap");
                covered = r.offset + r.wire_len();
            }
            Err(e) => {
                assert!(e.offset() >= covered, "damage before what was framed");
                black_box(e.to_string());
            }
        }
    }
    assert!(covered <= rest.len());
}

/// Everything reachable from one attribute block.
fn touch_attributes(attrs: &PathAttributes<'_>, cache: &AttributeCache, out: &mut String) {
    out.clear();
    for a in attrs.iter() {
        match a {
            Ok(a) => {
                let _ = write!(out, "{a} {a:?}");
            }
            Err(e) => {
                let _ = write!(out, "{e} {:?} {}", e.action(), e.offset());
            }
        }
    }
    for raw in attrs.raw().flatten() {
        black_box(attrs.check(&raw).is_ok());
    }
    let _ = write!(out, "{attrs}");
    black_box(serde_json::to_string(attrs).ok());
    let scalars = (
        attrs.origin(),
        attrs.next_hop(),
        attrs.med(),
        attrs.local_pref(),
        attrs.atomic_aggregate(),
        attrs.merged_aggregator(),
        attrs.originator_id(),
    );
    let _ = write!(out, "{scalars:?}");
    if let Ok(p) = attrs.merged_as_path() {
        let _ = write!(out, "{p}");
        black_box(cache.intern_as_path(&p));
    }
    if let Ok(Some(c)) = attrs.communities() {
        let _ = write!(out, "{c}");
        black_box(cache.intern_communities(&c));
    }
    if let Ok(Some(c)) = attrs.large_communities() {
        let _ = write!(out, "{c}");
        black_box(cache.intern_large_communities(&c));
    }
    if let Ok(Some(c)) = attrs.extended_communities() {
        let _ = write!(out, "{c}");
        black_box(cache.intern_extended_communities(&c));
    }
    if let Ok(Some(c)) = attrs.cluster_list() {
        black_box(cache.intern_cluster_list(&c));
    }
    if let Ok(p) = ribcage_attributes::bgpdump::AsPath::of(attrs) {
        let _ = write!(out, "{p:?}");
    }
    black_box((
        attrs.ipv6_ext_communities().is_ok(),
        attrs.pmsi_tunnel().is_ok(),
        attrs.aigp().is_ok(),
        attrs.otc().is_ok(),
        attrs.prefix_sid().is_ok(),
    ));
    let set = AttributeSet::from_attributes(attrs);
    let _ = write!(out, "{set} {set:?}");
    let interned = cache.intern_set(attrs);
    assert_eq!(
        interned.wire(),
        set.wire(),
        "interned set differs from the owned one"
    );
}

/// UPDATE decoding: flag byte (see [`context`]; bit 6: the data is a whole message with its
/// header, else the body), then the data. Parses with every built-in family, then reaches every
/// attribute, every NLRI (body and MP, announced and withdrawn) and every RFC 7606 problem.
pub fn update(data: &[u8]) {
    let (f, rest) = flags(data);
    let ctx = context(f);
    let registry = Registry::BUILTIN;
    let parsed = if f & 0x40 != 0 {
        Update::from_message(rest, 1, &ctx, &registry)
    } else {
        Update::parse(rest, 1, &ctx, &registry)
    };
    let u = match parsed {
        Ok(u) => u,
        Err(e) => {
            black_box((e.to_string(), e.action(), e.offset(), e.code()));
            return;
        }
    };
    let mut out = String::new();
    let cache = AttributeCache::default();
    touch_attributes(u.path_attributes(), &cache, &mut out);
    let outcome = u.outcome();
    let problems: Vec<_> = u.problems().collect();
    assert_eq!(
        problems.len(),
        outcome.problems as usize,
        "outcome counts every problem"
    );
    assert_eq!(
        problems.iter().map(|p| p.action).max(),
        outcome.action,
        "outcome is the most severe action"
    );
    for p in &problems {
        let _ = write!(out, "{p}");
        assert!(
            p.offset >= 1 && p.offset <= 1 + rest.len(),
            "problem offset out of the input"
        );
    }
    let pools = NlriPools::default();
    for iter in [u.all_announced(), u.all_withdrawn()] {
        let mut n = 0usize;
        for item in iter {
            n += 1;
            assert!(n <= rest.len() + 8, "NLRI iterator does not advance");
            match item {
                Ok(nlri) => touch_nlri(&nlri, &pools, &mut out),
                Err(e) => {
                    let _ = write!(out, "{e} {:?}", e.action());
                }
            }
        }
    }
    if let Ok(Some(m)) = u.mp_reach() {
        let _ = write!(out, "{} {:?}", m.family(), m.next_hop());
        black_box(m.validate().is_ok());
    }
    if let Ok(Some(m)) = u.mp_unreach() {
        black_box((m.family(), m.validate().is_ok()));
    }
    black_box((u.announces(), u.is_end_of_rib(), u.has_body_nlri()));
    let _ = write!(out, "{u:?}");
    black_box(serde_json::to_string(&u).ok());
}

/// Builds one MRT record's wire form.
pub fn mrt_wire(mrt_type: MrtType, subtype: u16, body: &[u8]) -> Vec<u8> {
    let mut w = Vec::with_capacity(12 + body.len());
    w.extend_from_slice(&1_000_000_000u32.to_be_bytes());
    w.extend_from_slice(&mrt_type.0.to_be_bytes());
    w.extend_from_slice(&subtype.to_be_bytes());
    w.extend_from_slice(&(body.len() as u32).to_be_bytes());
    w.extend_from_slice(body);
    w
}

/// Decodes every record of `wire` (concatenated records, framed without resynchronisation)
/// through the element decoder and the bgpdump formatter, touching every route's attributes.
fn decode_records(wire: Vec<u8>) {
    let mut decoder = Decoder::new();
    let mut fmt = Bgpdump::new();
    let cache = AttributeCache::default();
    let registry = Registry::BUILTIN;
    let mut out = String::new();
    let mut text = Vec::new();
    let mut view = View::from(wire);
    while let Ok((record, rest)) = MrtRecord::split(&view, 1 << 24) {
        view = rest;
        text.clear();
        match fmt.write_record(&record, &mut text) {
            Ok(w) => black_box(w),
            Err(e) => {
                assert!(
                    text.is_empty(),
                    "a failed record leaves the output unchanged"
                );
                black_box(e.to_string());
                Default::default()
            }
        };
        let elements = match decoder.elements(&record) {
            Ok(e) => e,
            Err(e) => {
                black_box(e.to_string());
                continue;
            }
        };
        let mut n = 0usize;
        for el in elements {
            n += 1;
            assert!(n <= record.body.len() + 2, "elements do not advance");
            match el {
                Ok(Element::Route(r)) => {
                    let _ = write!(out, "{r:?} {:?}", r.nlri.prefix());
                    touch_attributes(&r.path_attributes(&registry), &cache, &mut out);
                }
                Ok(Element::State(s)) => {
                    let _ = write!(out, "{s:?}");
                }
                Err(e) => {
                    let _ = write!(out, "{e}");
                }
            }
        }
    }
}

/// TABLE_DUMP records (RFC 6396 §4.2): flag byte (bit 0: subtype 2, IPv6, else 1), then the
/// record body.
pub fn mrt_table_dump(data: &[u8]) {
    let (f, rest) = flags(data);
    decode_records(mrt_wire(MrtType::TABLE_DUMP, 1 + u16::from(f & 1), rest));
}

/// TABLE_DUMP_V2 records (RFC 6396 §4.3, RFC 8050): flag byte (the RIB subtype, 2-12, as
/// `2 + flags % 11`), a 2-byte length L, a PEER_INDEX_TABLE body of L bytes, then the RIB
/// record body. Both records go through the decoder in order.
pub fn mrt_table_dump_v2(data: &[u8]) {
    let (f, rest) = flags(data);
    let (peers, rib) = match rest {
        [a, b, tail @ ..] => {
            let l = usize::from(u16::from_be_bytes([*a, *b])).min(tail.len());
            tail.split_at(l)
        }
        _ => (rest, &[][..]),
    };
    let mut wire = mrt_wire(MrtType::TABLE_DUMP_V2, 1, peers);
    wire.extend(mrt_wire(MrtType::TABLE_DUMP_V2, 2 + u16::from(f % 11), rib));
    decode_records(wire);
}

/// BGP4MP and BGP4MP_ET records (RFC 6396 §4.4, RFC 8050): flag byte (bits 0-3: subtype 0-11
/// as `flags % 12`; bit 7: the `_ET` type), then the record body.
pub fn mrt_bgp4mp(data: &[u8]) {
    let (f, rest) = flags(data);
    let t = if f & 0x80 != 0 {
        MrtType::BGP4MP_ET
    } else {
        MrtType::BGP4MP
    };
    decode_records(mrt_wire(t, u16::from(f & 0x7f) % 12, rest));
}

/// Records borrowed from the framer's window (`Records::next_ref`, as `ribcage walk` frames),
/// in memory and from a reader, are the owned records (header fields, body offset and bytes),
/// with the same errors in the same places.
fn lent_records_agree(data: &[u8]) {
    type Fields = (usize, u32, Option<u32>, MrtType, u16, usize, Vec<u8>);
    let owned: Vec<Result<Fields, _>> = Records::new(View::from(data.to_vec()))
        .map(|r| {
            r.map(|r| {
                let (t, us, ty, st) = (r.timestamp, r.microseconds, r.mrt_type, r.subtype);
                let body = (r.body.offset(), r.body.as_slice().to_vec());
                (r.offset, t, us, ty, st, body.0, body.1)
            })
        })
        .collect();
    let from_reader = Records::from_reader(std::io::Cursor::new(data.to_vec()));
    for mut records in [Records::new(View::from(data.to_vec())), from_reader] {
        let mut lent = Vec::new();
        while let Some(r) = records.next_ref() {
            lent.push(r.map(|r| {
                let (t, us, ty, st) = (r.timestamp, r.microseconds, r.mrt_type, r.subtype);
                let body = (r.body.position(), r.body.rest().to_vec());
                (r.offset, t, us, ty, st, body.0, body.1)
            }));
        }
        assert_eq!(owned, lent, "lent and owned records disagree");
    }
}

/// A whole MRT input, as `ribcage dump` reads it: resynchronising framing, then the element
/// decoder and the bgpdump formatter on every record; `Decoder::visit` must hand over exactly
/// what the element iterator yields, and every route goes through the block interner.
pub fn mrt_stream(data: &[u8]) {
    let mut decoder = Decoder::new();
    let mut visitor = Decoder::new();
    let mut sets = ribcage_mrt::SetInterner::new();
    let mut fmt = Bgpdump::new();
    let registry = Registry::BUILTIN;
    let cache = AttributeCache::default();
    let mut out = String::new();
    let mut text = Vec::new();
    let (mut iterated, mut visited) = (Vec::new(), Vec::new());
    lent_records_agree(data);
    for r in Records::new(View::from(data.to_vec())) {
        let Ok(record) = r else { continue };
        let _ = fmt.write_record(&record, &mut text);
        iterated.clear();
        visited.clear();
        match decoder.elements(&record) {
            Ok(elements) => {
                for el in elements.take(record.body.len() + 2) {
                    iterated.push(format!("{el:?}"));
                    if let Ok(Element::Route(r)) = el {
                        touch_attributes(&r.path_attributes(&registry), &cache, &mut out);
                    }
                }
            }
            Err(e) => iterated.push(format!("record: {e:?}")),
        }
        // `visit` hands over what the iterator yields, in order; every route's raw block and
        // canonical set come from the block interner.
        let v = visitor.visit(&record, |el| {
            if visited.len() < record.body.len() + 2 {
                visited.push(format!("{el:?}"));
            }
            if let Ok(Element::Route(r)) = el {
                let id = sets.block(&r);
                assert_eq!(sets.block_bytes(id), r.attributes.rest());
                black_box(sets.set(&r, &registry, &cache));
            }
        });
        if let Err(e) = v {
            visited.push(format!("record: {e:?}"));
        }
        assert_eq!(iterated, visited, "visit and elements disagree");
    }
}

/// A whole MRT input loaded into a [`ribcage_rib::Rib`]: the first byte picks the intern
/// configuration (bit 0: all off, else the default), the rest is the input. The store's counts
/// agree with its iteration (in all, per peer, per family), it holds no more routes than were
/// announced, every route's attributes and NLRI read back, an exact query for its NLRI (and for
/// unicast routes a prefix query) finds each route, and the bgpdump reprint runs; all of it
/// after [`Rib::compact`](ribcage_rib::Rib::compact), which must leave the routes as they were.
pub fn rib(data: &[u8]) {
    use ribcage_rib::{InternConfig, PeerId, Rib};
    let (flags, input) = data.split_first().unwrap_or((&0, &[]));
    let config = if flags & 1 == 1 {
        InternConfig::OFF
    } else {
        InternConfig::default()
    };
    let mut rib = Rib::new(config);
    let stats = rib.load(View::from(input.to_vec()));
    // Compaction renumbers NLRI but changes no route.
    let snapshot = |rib: &Rib| {
        let mut v: Vec<_> = rib
            .iter()
            .map(|r| {
                let labels = r.labels().to_vec();
                (
                    r.peer,
                    r.family,
                    r.nlri_wire().into_owned(),
                    r.path_id,
                    r.set,
                    labels,
                )
            })
            .collect();
        v.sort_unstable();
        v
    };
    let before = snapshot(&rib);
    rib.compact();
    assert_eq!(snapshot(&rib), before, "compaction changed the routes");
    let routes = rib.routes();
    assert_eq!(rib.iter().count(), routes);
    assert!(
        routes as u64 <= stats.announced,
        "{routes} routes, {stats:?}"
    );
    let per_peer: usize = (0..rib.peers().len())
        .map(|p| rib.peer_routes(PeerId(p as u32)).count())
        .sum();
    assert_eq!(per_peer, routes);
    let per_family: usize = rib.counts().iter().map(|c| c.routes).sum();
    assert_eq!(per_family, routes);
    let mut attrs = Vec::new();
    for r in rib.iter().take(256) {
        attrs.clear();
        black_box((r.attributes(&mut attrs), r.nlri(), r.peer_info()));
        // An exact query for its NLRI finds it (every family, path ids included) ...
        let same = |f: &ribcage_rib::Route<'_>| {
            (f.peer, f.family, f.path_id, f.set) == (r.peer, r.family, r.path_id, r.set)
        };
        let wire = r.nlri_wire();
        assert!(
            rib.exact(r.family, &wire).iter().any(same),
            "{} {wire:02x?} not found",
            r.family
        );
        // ... and so does a prefix query, for the unicast families it covers.
        let unicast = r.family == Family::IPV4_UNICAST || r.family == Family::IPV6_UNICAST;
        if let Some(p) = r.prefix().filter(|_| unicast) {
            assert!(rib.exact_prefix(p).iter().any(same), "{p} not found");
        }
    }
    let _ = rib.write_bgpdump(&mut std::io::sink());
}

/// The interner under an operation sequence, against a `HashMap` model (see
/// [`crate::intern_model`]).
pub fn intern(data: &[u8]) {
    crate::intern_model::run(data);
}
