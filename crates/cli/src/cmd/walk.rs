//! `ribcage walk FILE|-`: decodes every MRT record into routes and visits each route's peer,
//! prefix and attribute handle without printing them; prints the counts at the end. It is the
//! silent decode mode `cargo xtask bench decode` times against bgpkit-parser.
//!
//! The attribute handle is the route's distinct raw attribute block ([`BlockId`]: routes with
//! identical attribute bytes share one, stored once), from which every attribute decodes on
//! access. With `--sets` it is instead the interned canonical [`AttributeSet`] that `load`
//! keeps (2-byte AS paths rewritten in 4-byte form, MP_REACH_NLRI's NLRI stripped), built
//! once per distinct raw block.
//!
//! [`BlockId`]: ribcage_mrt::BlockId
//! [`AttributeSet`]: ribcage_attributes::AttributeSet
//!
//! Damage is reported on stderr with the offset and the reason, and decoding goes on with the
//! next record. Exit codes as `dump`: 0 all decoded, 1 something was skipped, 2 the input
//! can't be read.

use std::hint::black_box;
use std::io::{self, Read, Write};
use std::time::Instant;

use ribcage_attributes::AttributeCache;
use ribcage_buffer::{open_input, View};
use ribcage_mrt::{Action, Decoder, Element, Records, Route, RouteNlri, SetInterner};
use ribcage_nlri::Registry;
use serde::Serialize;

/// Arguments of `ribcage walk`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Print the counts as one JSON object.
    #[arg(long)]
    json: bool,
    /// Hand each route its interned canonical attribute set (what `load` keeps) instead of its
    /// raw attribute block.
    #[arg(long)]
    sets: bool,
    /// Walk the input this many times with the same caches (the counts are the last pass's;
    /// later passes show the steady state: every attribute block already interned).
    #[arg(long, default_value_t = 1, hide = true)]
    passes: u32,
    /// The MRT file (gzip and bzip2 are recognised), or `-` for stdin.
    file: String,
}

/// The counts `walk` prints. The JSON keys are stable.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Counts {
    /// Records framed, plus damaged regions skipped.
    pub(crate) records: u64,
    /// Routes (announcements, withdrawals and RIB entries).
    pub(crate) routes: u64,
    /// Withdrawals among `routes`.
    pub(crate) withdrawals: u64,
    /// BGP4MP state changes.
    pub(crate) states: u64,
    /// Distinct interned canonical attribute sets (with `--sets`; 0 without).
    pub(crate) attribute_sets: u64,
    /// Attribute blocks interned (once per record or RIB entry, not per route).
    pub(crate) attribute_blocks: u64,
    /// Distinct raw attribute blocks (the attribute handles without `--sets`).
    pub(crate) raw_blocks: u64,
    /// Heap allocations made while walking (reading the input excluded), counted by the
    /// binary's global allocator: a few per distinct canonical set with `--sets`, none per
    /// route or raw block (the block buffer and table grow by doubling).
    pub(crate) allocations: u64,
    /// Records (or damaged regions) skipped in whole or in part.
    pub(crate) bad_records: u64,
    /// Records of a type or subtype not decoded.
    pub(crate) unknown_records: u64,
    /// Seconds from start to end, reading the input included.
    pub(crate) elapsed_s: f64,
    /// `routes / elapsed_s`.
    pub(crate) routes_per_s: f64,
}

/// The NLRI decoders `walk` uses (its [`Decoder`] has the built-in ones).
static BUILTIN: Registry = Registry::BUILTIN;

/// What a walk keeps between passes: the decoder (peer table), the block interner, and the set
/// cache when routes get canonical sets (built only then: its pools cost a tenth of a
/// millisecond to set up).
struct Walker {
    decoder: Decoder,
    sets: SetInterner,
    cache: Option<AttributeCache>,
}

/// Decodes every record of `input`, visiting each route's peer, prefix and attribute handle.
fn walk(mut input: Records, counts: &mut Counts, w: &mut Walker) {
    let Walker {
        decoder,
        sets,
        cache,
    } = w;
    let cache = cache.as_ref();
    sets.new_input();
    let lookups = sets.lookups();
    // Records borrowed from the framer's window: no reference count per record.
    while let Some(r) = input.next_ref() {
        counts.records += 1;
        let rec = match r {
            Ok(rec) => rec,
            Err(e) => {
                counts.bad_records += 1;
                eprintln!("ribcage: {e}");
                continue;
            }
        };
        let mut bad = false;
        let visited = decoder.visit_ref(
            rec,
            #[inline(always)]
            |el| match el {
                Ok(Element::Route(route)) => {
                    counts.routes += 1;
                    black_box((route.peer_ip, route.peer_as));
                    match route.nlri {
                        RouteNlri::Prefix(p) => {
                            black_box(p);
                        }
                        RouteNlri::Wire(n) => {
                            black_box(n.prefix());
                        }
                    }
                    if route.action == Action::Withdraw {
                        counts.withdrawals += 1;
                    } else if let Some(cache) = cache {
                        canonical_set(sets, route, cache);
                    } else {
                        black_box(sets.block(&route));
                    }
                }
                Ok(Element::State(s)) => {
                    counts.states += 1;
                    black_box(s);
                }
                Err(e) => {
                    bad = true;
                    eprintln!("ribcage: record at offset {}: {e}", rec.offset);
                }
            },
        );
        if let Err(e) = visited {
            bad = true;
            eprintln!("ribcage: record at offset {}: {e}", rec.offset);
        }
        counts.bad_records += u64::from(bad);
    }
    counts.unknown_records = decoder.unknown;
    decoder.unknown = 0;
    counts.attribute_blocks = sets.lookups() - lookups;
    counts.raw_blocks = sets.raw_blocks() as u64;
    counts.attribute_sets = cache.map_or(0, |c| c.stats().sets.live_entries);
}

/// Visits `route`'s interned canonical attribute set. Out of line and given the route by
/// value, so the walk builds a route in memory only on this path.
#[inline(never)]
fn canonical_set(sets: &mut SetInterner, route: Route<'_>, cache: &AttributeCache) {
    black_box(&**sets.set(&route, &BUILTIN, cache));
}

pub(crate) fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let cannot = |e: io::Error| {
        eprintln!("ribcage: cannot read {}: {e}", args.file);
        2
    };
    let mut reader = match open_input(&args.file) {
        Ok(r) => r,
        Err(e) => return cannot(e),
    };
    let mut counts = Counts::default();
    let mut walker = Walker {
        decoder: Decoder::new(),
        sets: SetInterner::new(),
        cache: args.sets.then(AttributeCache::default),
    };
    if args.passes <= 1 {
        // Streamed: records are framed from a window of about two records, which stays in
        // the CPU caches.
        counts.allocations = allocation_counter::measure(|| {
            let records = Records::from_reader(reader);
            walk(records, &mut counts, &mut walker);
        })
        .count_total;
    } else {
        let mut data = Vec::new();
        if let Err(e) = reader.read_to_end(&mut data) {
            return cannot(e);
        }
        let view = View::from(data);
        for _ in 0..args.passes {
            counts = Counts::default();
            let records = Records::new(view.clone());
            counts.allocations = allocation_counter::measure(|| {
                walk(records, &mut counts, &mut walker);
            })
            .count_total;
        }
    }
    // The process ends here: leave the caches to the OS instead of freeing every set (a tenth of
    // the run on an update file).
    std::mem::forget(walker);
    counts.elapsed_s = started.elapsed().as_secs_f64();
    counts.routes_per_s = counts.routes as f64 / counts.elapsed_s.max(1e-9);
    let text = if args.json {
        match serde_json::to_string(&counts) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("ribcage: {e}");
                return 2;
            }
        }
    } else {
        format!(
            "records: {}  routes: {}  withdrawals: {}  states: {}  attribute sets: {} \
             ({} blocks, {} raw)  allocations: {}  bad records: {}  unknown records: {}  \
             elapsed: {:.3}s  routes/s: {:.0}\n",
            counts.records,
            counts.routes,
            counts.withdrawals,
            counts.states,
            counts.attribute_sets,
            counts.attribute_blocks,
            counts.raw_blocks,
            counts.allocations,
            counts.bad_records,
            counts.unknown_records,
            counts.elapsed_s,
            counts.routes_per_s
        )
    };
    match io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => 2,
        _ => u8::from(counts.bad_records > 0),
    }
}
