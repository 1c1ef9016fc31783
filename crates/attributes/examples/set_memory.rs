//! Measures how much memory the attribute sets of a RIB take in four representations, on an
//! MRT TABLE_DUMP file (default: the 2002 RIS dump bundled in testdata/ris). Prints the
//! markdown table recorded in docs/bench/attributes.md.
//!
//! `cargo run --release -p ribcage-attributes --example set_memory [FILE.gz]`

mod common;

use std::net::Ipv4Addr;

use ribcage_attributes::{AttrType, AttributeCache, AttributeSet, CacheConfig, PathAttributes};
use ribcage_intern::{Interned, Policy, Pool};
use ribcage_nlri::{DecodeContext, Registry};

/// The attribute block of every TABLE_DUMP (12/1) record.
fn table_dump_attrs(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(h) = data.get(pos..pos + 12) {
        let len = u32::from_be_bytes([h[8], h[9], h[10], h[11]]) as usize;
        let Some(b) = data.get(pos + 12..pos + 12 + len) else {
            break;
        };
        pos += 12 + len;
        if u16::from_be_bytes([h[4], h[5]]) == 12 && u16::from_be_bytes([h[6], h[7]]) == 1 {
            let alen = usize::from(u16::from_be_bytes([b[20], b[21]]));
            out.push(&b[22..22 + alen]);
        }
    }
    out
}

/// The same attributes as a struct of decoded scalars and interned variable-length parts.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Parts {
    origin: Option<u8>,
    atomic_aggregate: bool,
    med: Option<u32>,
    local_pref: Option<u32>,
    next_hop: Option<Ipv4Addr>,
    aggregator: Option<(u32, Ipv4Addr)>,
    as_path: Option<Interned<[u8]>>,
    communities: Option<Interned<[u8]>>,
    /// Every other attribute, raw.
    rest: Option<Interned<[u8]>>,
}

fn main() {
    let (path, data) = common::read_gz_arg("bview.20020722.2337.gz");
    let blocks = table_dump_attrs(&data);
    let ctx = DecodeContext::default().with_four_byte_as(false);
    let registry = Registry::default();
    let n = blocks.len();

    // A: whole canonical sets interned as raw bytes.
    let cache = AttributeCache::new(CacheConfig::default());
    let mut handles = Vec::with_capacity(n);
    let mut raw_total = 0usize;
    let mut canon_total = 0usize;
    for b in &blocks {
        let a = PathAttributes::new(b, 0, &ctx, &registry);
        raw_total += b.len();
        let set = AttributeSet::from_attributes(&a);
        canon_total += set.wire().len();
        handles.push(cache.intern_owned_set(&set));
    }
    let st = cache.stats().sets;
    let mut distinct_bytes = 0usize;
    let mut seen = std::collections::HashSet::new();
    for h in &handles {
        if seen.insert(Interned::as_ptr(h)) {
            distinct_bytes += h.wire().len();
        }
    }
    let a_total = n * std::mem::size_of::<Interned<AttributeSet>>()
        + st.heap_bytes as usize
        + st.table_bytes as usize
        + distinct_bytes;

    // B and C: struct of interned parts; B interns the struct too, C keeps one per route.
    let parts_pool: Pool<Parts> = Pool::new(Policy::Weak);
    let paths: Pool<[u8]> = Pool::new(Policy::Weak);
    let comms: Pool<[u8]> = Pool::new(Policy::Weak);
    let rests: Pool<[u8]> = Pool::new(Policy::Weak);
    let mut per_route = Vec::with_capacity(n);
    let mut b_handles = Vec::with_capacity(n);
    for h in &handles {
        let a = h.attributes();
        let mut rest = Vec::new();
        for r in a.raw().map_while(Result::ok) {
            if !matches!(
                r.code,
                AttrType::ORIGIN
                    | AttrType::AS_PATH
                    | AttrType::NEXT_HOP
                    | AttrType::MULTI_EXIT_DISC
                    | AttrType::LOCAL_PREF
                    | AttrType::ATOMIC_AGGREGATE
                    | AttrType::AGGREGATOR
                    | AttrType::COMMUNITIES
            ) {
                rest.extend_from_slice(r.wire);
            }
        }
        let p = Parts {
            origin: a.origin().ok().flatten().map(|o| o.0),
            atomic_aggregate: a.atomic_aggregate().unwrap_or(false),
            med: a.med().ok().flatten().map(|m| m.0),
            local_pref: a.local_pref().ok().flatten().map(|l| l.0),
            next_hop: a.next_hop().ok().flatten().map(|x| x.0),
            aggregator: a.aggregator().ok().flatten().map(|g| (g.asn, g.addr)),
            as_path: a.as_path().ok().flatten().map(|p| paths.intern(p.wire())),
            communities: a
                .communities()
                .ok()
                .flatten()
                .map(|c| comms.intern(c.wire())),
            rest: (!rest.is_empty()).then(|| rests.intern(&rest)),
        };
        b_handles.push(parts_pool.intern(&p));
        per_route.push(p);
    }
    let pool_bytes = |s: ribcage_intern::Stats| (s.heap_bytes + s.table_bytes) as usize;
    let parts_shared =
        pool_bytes(paths.stats()) + pool_bytes(comms.stats()) + pool_bytes(rests.stats());
    let b_total =
        n * std::mem::size_of::<Interned<Parts>>() + pool_bytes(parts_pool.stats()) + parts_shared;
    let c_total = n * std::mem::size_of::<Parts>() + parts_shared;
    // D: no interning, the raw canonical bytes boxed per route.
    let d_total = n * std::mem::size_of::<Box<[u8]>>() + canon_total;

    println!("input: {path}");
    println!("routes: {n}; attribute bytes as received: {raw_total} (avg {:.1}); canonical: {canon_total} (avg {:.1})", raw_total as f64 / n as f64, canon_total as f64 / n as f64);
    println!(
        "distinct canonical sets: {} (routes per set {:.1}); avg set bytes {:.1}",
        st.live_entries,
        n as f64 / st.live_entries as f64,
        distinct_bytes as f64 / st.live_entries as f64
    );
    println!("distinct AS paths: {}, community lists: {}, other-attribute blobs: {}, distinct part structs: {}", paths.len(), comms.len(), rests.len(), parts_pool.len());
    println!(
        "size_of: Interned<AttributeSet> {}, AttributeSet {}, Parts {}, Box<[u8]> {}",
        std::mem::size_of::<Interned<AttributeSet>>(),
        std::mem::size_of::<AttributeSet>(),
        std::mem::size_of::<Parts>(),
        std::mem::size_of::<Box<[u8]>>()
    );
    println!();
    println!("| representation | total bytes | bytes per route |");
    println!("| --- | ---: | ---: |");
    for (name, total) in [
        (
            "A: interned AttributeSet (raw canonical bytes, decoded on access)",
            a_total,
        ),
        ("B: interned struct of interned parts", b_total),
        (
            "C: struct of interned parts per route (sets not interned)",
            c_total,
        ),
        (
            "D: raw canonical bytes boxed per route (no interning)",
            d_total,
        ),
    ] {
        println!("| {name} | {total} | {:.1} |", total as f64 / n as f64);
    }
    drop((handles, b_handles, per_route));
}
