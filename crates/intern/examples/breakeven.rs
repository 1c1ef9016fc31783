//! The break-even table: heap bytes per stored reference, by value versus each intern policy, at
//! several reuse factors, measured with a counting global allocator (`allocation-counter`).
//!
//! Run with `cargo xtask bench intern-breakeven` (or `cargo run --release -p ribcage-intern
//! --example breakeven -- OUT.md`); it writes the markdown that the crate docs include.

use std::fmt::Write as _;

use allocation_counter::{measure, AllocationInfo};
use hashbrown::HashTable;
use ribcage_intern::{Internable, Interned, Policy, Pool};

/// References stored per measurement (each cell of the table).
const REFS: usize = 100_000;
/// How many references share each distinct value.
const REUSE: [usize; 5] = [1, 10, 100, 1_000, 10_000];
/// What glibc's malloc adds to each live block on average: an 8-byte header and rounding to 16.
const MALLOC_OVERHEAD: usize = 16;

/// A field whose values are `len` bytes long; `fixed` when a decoder would keep it as an array.
struct Field {
    name: &'static str,
    len: usize,
    fixed: bool,
}

const FIELDS: &[Field] = &[
    Field {
        name: "MPLS label stack, 1 label",
        len: 3,
        fixed: true,
    },
    Field {
        name: "ADD-PATH path id",
        len: 4,
        fixed: true,
    },
    Field {
        name: "IPv4 prefix (length + 4 B)",
        len: 5,
        fixed: true,
    },
    Field {
        name: "MPLS label stack, 2 labels",
        len: 6,
        fixed: true,
    },
    Field {
        name: "route distinguisher",
        len: 8,
        fixed: true,
    },
    Field {
        name: "community list, 4",
        len: 16,
        fixed: false,
    },
    Field {
        name: "IPv6 prefix (length + 16 B)",
        len: 17,
        fixed: true,
    },
    Field {
        name: "AS_PATH, 4 ASNs",
        len: 18,
        fixed: false,
    },
    Field {
        name: "AS_PATH, 12 ASNs",
        len: 50,
        fixed: false,
    },
    Field {
        name: "attribute blob, 60 B",
        len: 60,
        fixed: false,
    },
    Field {
        name: "community list, 20",
        len: 80,
        fixed: false,
    },
];

/// How the references are stored.
#[derive(Clone, Copy)]
enum Strategy {
    /// The value in the caller's struct: an array for fixed-size fields, `Box<[u8]>` otherwise.
    ByValue,
    /// `Interned<[u8]>` under a pool policy.
    Pooled(Policy),
    /// A `u32` index into an append-only arena pool (what lasso-style handles cost).
    Index,
}

impl Strategy {
    fn label(self, field: &Field) -> String {
        match self {
            Strategy::ByValue if field.fixed => format!("by value `[u8; {}]`", field.len),
            Strategy::ByValue => "by value `Box<[u8]>`".to_owned(),
            Strategy::Pooled(Policy::Lru { .. }) => "`Lru` (capacity = distinct)".to_owned(),
            Strategy::Pooled(p) => format!("`{}`", policy_name(p)),
            Strategy::Index => "`u32` index, arena pool".to_owned(),
        }
    }
}

fn policy_name(p: Policy) -> &'static str {
    match p {
        Policy::Inline => "Inline",
        Policy::Unbounded => "Unbounded",
        Policy::Lru { .. } => "Lru",
        Policy::Weak => "Weak",
    }
}

/// The `n`th distinct value of `len` bytes.
fn value(n: usize, len: usize, buf: &mut Vec<u8>) {
    buf.clear();
    let tag = (n as u32).to_le_bytes();
    buf.extend((0..len).map(|i| tag.get(i).copied().unwrap_or(i as u8 ^ 0x5a)));
}

/// A minimal index pool: values in one byte arena, spans in a vector, a table of indices.
struct IndexPool {
    arena: Vec<u8>,
    spans: Vec<(u32, u32)>,
    table: HashTable<u32>,
}

impl IndexPool {
    fn new() -> Self {
        Self {
            arena: Vec::new(),
            spans: Vec::new(),
            table: HashTable::new(),
        }
    }

    fn get(&self, i: u32) -> &[u8] {
        let (at, len) = self.spans[i as usize];
        &self.arena[at as usize..(at + len) as usize]
    }

    fn intern(&mut self, v: &[u8]) -> u32 {
        let hash = v.intern_hash();
        let Self {
            arena,
            spans,
            table,
        } = self;
        let get = |i: u32| {
            let (at, len) = spans[i as usize];
            &arena[at as usize..(at + len) as usize]
        };
        if let Some(&i) = table.find(hash, |&i| get(i) == v) {
            return i;
        }
        let i = spans.len() as u32;
        spans.push((arena.len() as u32, v.len() as u32));
        arena.extend_from_slice(v);
        let (arena, spans) = (&*arena, &*spans);
        table.insert_unique(hash, i, |&j| {
            let (at, len) = spans[j as usize];
            arena[at as usize..(at + len) as usize].intern_hash()
        });
        i
    }
}

/// Stores `REFS` references to values of `field`, each distinct value `reuse` times, and
/// returns what is live on the heap afterwards.
fn run(field: &Field, reuse: usize, strategy: Strategy) -> AllocationInfo {
    let distinct = REFS / reuse;
    // Never grows: `value` writes exactly `field.len` bytes.
    let mut buf = Vec::with_capacity(field.len);
    // Warm the interner's per-thread scratch buffer outside the measurement.
    drop(Interned::<[u8]>::new(&[0u8; 128]));
    let mut keep: Option<Box<dyn std::any::Any>> = None;
    let info = measure(|| {
        keep = Some(match strategy {
            Strategy::ByValue if field.fixed => by_array(field.len, distinct, &mut buf),
            Strategy::ByValue => {
                let mut refs: Vec<Box<[u8]>> = Vec::with_capacity(REFS);
                for i in 0..REFS {
                    value(i % distinct, field.len, &mut buf);
                    refs.push(buf.as_slice().into());
                }
                Box::new(refs)
            }
            Strategy::Pooled(policy) => {
                let policy = match policy {
                    Policy::Lru { .. } => Policy::Lru { capacity: distinct },
                    p => p,
                };
                let pool: Pool<[u8]> = Pool::with_shards(policy, 1);
                let mut refs: Vec<Interned<[u8]>> = Vec::with_capacity(REFS);
                for i in 0..REFS {
                    value(i % distinct, field.len, &mut buf);
                    refs.push(pool.intern(&buf));
                }
                assert_eq!(pool.len(), if policy.is_pooled() { distinct } else { 0 });
                Box::new((pool, refs))
            }
            Strategy::Index => {
                let mut pool = IndexPool::new();
                let mut refs: Vec<u32> = Vec::with_capacity(REFS);
                for i in 0..REFS {
                    value(i % distinct, field.len, &mut buf);
                    refs.push(pool.intern(&buf));
                }
                value(0, field.len, &mut buf);
                assert_eq!(pool.get(refs[0]), &buf[..]);
                Box::new((pool, refs))
            }
        });
    });
    drop(keep);
    info
}

fn by_array(len: usize, distinct: usize, buf: &mut Vec<u8>) -> Box<dyn std::any::Any> {
    fn fill<const L: usize>(distinct: usize, buf: &mut Vec<u8>) -> Box<dyn std::any::Any> {
        let mut refs: Vec<[u8; L]> = Vec::with_capacity(REFS);
        for i in 0..REFS {
            value(i % distinct, L, buf);
            refs.push(buf.as_slice().try_into().expect("length L"));
        }
        Box::new(refs)
    }
    match len {
        3 => fill::<3>(distinct, buf),
        4 => fill::<4>(distinct, buf),
        5 => fill::<5>(distinct, buf),
        6 => fill::<6>(distinct, buf),
        8 => fill::<8>(distinct, buf),
        17 => fill::<17>(distinct, buf),
        other => panic!("no array form for {other} bytes"),
    }
}

/// Bytes per reference: requested bytes, plus the malloc model's per-block overhead if asked.
fn per_ref(info: &AllocationInfo, with_malloc: bool) -> f64 {
    let blocks = if with_malloc {
        info.count_current as f64 * MALLOC_OVERHEAD as f64
    } else {
        0.0
    };
    (info.bytes_current as f64 + blocks) / REFS as f64
}

fn fmt_cell(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn main() {
    let out = std::env::args().nth(1);
    let strategies = [
        Strategy::ByValue,
        Strategy::Pooled(Policy::Inline),
        Strategy::Pooled(Policy::Unbounded),
        Strategy::Pooled(Policy::Lru { capacity: 0 }),
        Strategy::Pooled(Policy::Weak),
        Strategy::Index,
    ];
    // results[field][strategy][reuse]
    let results: Vec<Vec<Vec<AllocationInfo>>> = FIELDS
        .iter()
        .map(|f| {
            eprintln!("measuring {} ({} B)", f.name, f.len);
            strategies
                .iter()
                .map(|&s| REUSE.iter().map(|&r| run(f, r, s)).collect())
                .collect()
        })
        .collect();

    let mut md = String::new();
    md.push_str(
        "# Break-even table: bytes per stored reference\n\n\
         Generated by `cargo xtask bench intern-breakeven` (the `breakeven` example of \
         `ribcage-intern`); do not edit by hand.\n\n\
         Each cell stores 100,000 references to values of the field's size, each distinct \
         value referenced *reuse* times (so 100,000 / reuse distinct values), and divides the \
         heap still live afterwards by 100,000. The heap is counted by a counting global \
         allocator (`allocation-counter`): the vector of references itself (the bytes a \
         reference costs in the caller's struct), plus every allocation behind it. Pools have \
         one shard; `Lru` has a capacity equal to the number of distinct values, so it evicts \
         nothing. The first table adds 16 bytes per live heap block for glibc malloc's header \
         and rounding; the second is the bytes requested only. 64-bit Linux.\n\n",
    );
    for (title, with_malloc) in [
        (
            "## Bytes per reference, with malloc's per-block overhead (16 B)",
            true,
        ),
        ("## Bytes per reference, requested bytes only", false),
    ] {
        let _ = writeln!(md, "{title}\n");
        md.push_str("| field | bytes | storage |");
        for r in REUSE {
            let _ = write!(md, " reuse {r} |");
        }
        md.push_str("\n|---|---:|---|");
        for _ in REUSE {
            md.push_str("---:|");
        }
        md.push('\n');
        for (f, per_strategy) in FIELDS.iter().zip(&results) {
            for (s, cells) in strategies.iter().zip(per_strategy) {
                let _ = write!(md, "| {} | {} | {} |", f.name, f.len, s.label(f));
                let by_value: Vec<f64> = per_strategy[0]
                    .iter()
                    .map(|i| per_ref(i, with_malloc))
                    .collect();
                for (k, info) in cells.iter().enumerate() {
                    let x = per_ref(info, with_malloc);
                    // Bold: cheaper than keeping the value by value.
                    if x < by_value[k] {
                        let _ = write!(md, " **{}** |", fmt_cell(x));
                    } else {
                        let _ = write!(md, " {} |", fmt_cell(x));
                    }
                }
                md.push('\n');
            }
        }
        md.push('\n');
    }

    // The break-even reuse per field: the smallest measured reuse at which `Weak` is cheaper.
    md.push_str("## Break-even reuse (with malloc overhead)\n\n");
    md.push_str(
        "| field | bytes | by value at reuse 1 | `Weak` at reuse 1 | `Weak` at reuse 10,000 | \
         `Weak` pays from reuse | entry overhead (B) |\n|---|---:|---:|---:|---:|---|---:|\n",
    );
    let weak = 4;
    let mut overheads = Vec::new();
    for (f, per_strategy) in FIELDS.iter().zip(&results) {
        let bv = &per_strategy[0];
        let wk = &per_strategy[weak];
        let pays = REUSE
            .iter()
            .zip(bv.iter().zip(wk))
            .find(|(_, (b, w))| per_ref(w, true) < per_ref(b, true))
            .map_or_else(|| "never".to_owned(), |(r, _)| format!("{r}"));
        // At reuse 1 every reference has its own entry: what it costs beyond the handle and
        // the payload is the entry's overhead.
        let handle = std::mem::size_of::<Interned<[u8]>>() as f64;
        let overhead = per_ref(&wk[0], true) - handle - f.len as f64;
        overheads.push(overhead);
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {:.0} |",
            f.name,
            f.len,
            fmt_cell(per_ref(&bv[0], true)),
            fmt_cell(per_ref(&wk[0], true)),
            fmt_cell(per_ref(&wk[4], true)),
            pays,
            overhead
        );
    }
    let max_overhead = overheads.iter().copied().fold(0.0, f64::max);
    let oh = ribcage_intern::ENTRY_OVERHEAD_BYTES;
    let _ = write!(
        md,
        "\n## The rule\n\n\
         A pooled reference is a 16-byte handle (8 for a sized `T`) plus a share of its entry. \
         An entry costs its payload plus {max_overhead:.0} bytes at most (measured above: \
         reference counts, stored hash, slab slot, table bucket, malloc's block overhead). A \
         value kept by value costs its length if the caller can hold it as an array, else a \
         16-byte `Box<[u8]>` plus the value plus malloc's 16. So:\n\n\
         - **Values of at most 16 bytes: keep them inline** (by value in the struct). The handle \
         alone is as large as the value, so no reuse factor pays: the MPLS label stacks, the \
         ADD-PATH id, the IPv4 prefix and the route distinguisher stay inline. So does a \
         fixed-size value just above 16 bytes held as an array (a 17-byte IPv6 prefix: \
         pooling only breaks even at a reuse of 100).\n\
         - **Longer variable-size values: pool them when \
         `reuse × (len + 32) > len + {oh} + 16 × reuse`**, i.e. from a reuse of about 2 for \
         60 bytes and 4 for an 18-byte AS_PATH; keep them by value below that. For BGP \
         attributes (AS_PATH, community lists, attribute blobs) reuse over a full table is in \
         the hundreds to thousands: pool them.\n\
         - `Unbounded`, `Lru` and `Weak` cost the same per entry (one layout serves all three, \
         so a pool's policy can change at runtime); `Weak` is the recommended pooled policy \
         because it gives memory back when routes go. The `Inline` policy (a fresh `Interned` \
         per value) is always the most expensive storage: it exists to switch a field's pool \
         off without changing the field's type.\n\
         - A `u32` index into an append-only arena costs 4 bytes per reference instead of 16 \
         and has no per-entry refcount, so for `Unbounded` pools with high reuse it pays \
         (12 bytes per reference). It cannot evict or release, a read needs the pool, and the \
         handle type would differ per policy; the crate does not provide it yet (see \
         `docs/bench/intern.md`).\n\n\
         `ribcage_intern::recommended_policy(len, reuse)` implements this rule with \
         `INLINE_MAX_BYTES = 16` and `ENTRY_OVERHEAD_BYTES = {oh}`.\n",
    );
    assert!(
        max_overhead <= oh as f64,
        "measured entry overhead {max_overhead:.1} exceeds ENTRY_OVERHEAD_BYTES = {oh}: update it"
    );

    match out {
        Some(path) => {
            std::fs::write(&path, md).expect("write the table");
            eprintln!("wrote {path}");
        }
        None => print!("{md}"),
    }
}
