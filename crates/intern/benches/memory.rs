//! Memory per entry of ribcage-intern pools beside lasso (`ThreadedRodeo`) and internment
//! (`ArcIntern<str>`), on the same 100,000 keys, counted by a counting global allocator
//! (`allocation-counter`). Run with `cargo xtask bench intern` (after the timings).

use std::hint::black_box;

use allocation_counter::{measure, AllocationInfo};
use internment::ArcIntern;
use lasso::ThreadedRodeo;
use ribcage_intern::{Interned, Policy, Pool};

const N: usize = 100_000;
/// What glibc's malloc adds to each live block on average: an 8-byte header and rounding to 16.
const MALLOC_OVERHEAD: i64 = 16;

/// The same AS_PATH-like keys as the timing benchmark, 20 to 30 bytes.
fn keys() -> Vec<String> {
    (0..N as u32)
        .map(|i| format!("{} {} {}", 64_513, 65_000 + i % 977, 4_200_000_000u32 - i))
        .collect()
}

fn row(name: &str, info: AllocationInfo, payload: usize) {
    let n = N as f64;
    let requested = info.bytes_current as f64 / n;
    let with_malloc = (info.bytes_current + MALLOC_OVERHEAD * info.count_current) as f64 / n;
    println!(
        "| {name} | {:.1} | {:.1} | {:.1} | {:.2} |",
        requested,
        requested - payload as f64 / n,
        with_malloc,
        info.count_current as f64 / n
    );
}

fn main() {
    // Criterion-style flags (`--bench`) are accepted and ignored.
    let keys = keys();
    let payload: usize = keys.iter().map(String::len).sum();
    println!(
        "{N} distinct keys, {:.1} bytes on average; per entry, handles held by the caller not \
         counted:\n",
        payload as f64 / N as f64
    );
    println!("| interner | heap B/entry | beyond payload | with malloc overhead | blocks/entry |");
    println!("|---|---:|---:|---:|---:|");
    // Warm the interner's per-thread scratch buffer.
    drop(Interned::<str>::new("warm"));

    for (name, policy) in [
        ("ribcage Unbounded (8 shards)", Policy::Unbounded),
        ("ribcage Weak (8 shards)", Policy::Weak),
    ] {
        let mut handles: Vec<Interned<str>> = Vec::with_capacity(N);
        let mut keep = None;
        let info = measure(|| {
            let pool: Pool<str> = Pool::with_shards(policy, 8);
            for k in &keys {
                handles.push(pool.intern(k));
            }
            keep = Some(pool);
        });
        row(name, info, payload);
        let pool = keep.unwrap();
        assert_eq!(pool.len(), N);
        let st = pool.stats();
        let counted = st.heap_bytes as f64 / N as f64;
        println!("|   (its own `Stats::heap_bytes`: {counted:.1} B/entry) | | | | |");
        drop(handles);
    }

    let mut keep = None;
    let info = measure(|| {
        let rodeo: ThreadedRodeo = ThreadedRodeo::new();
        for k in &keys {
            black_box(rodeo.get_or_intern(k.as_str()));
        }
        keep = Some(rodeo);
    });
    row("lasso ThreadedRodeo", info, payload);
    drop(keep);

    let mut handles: Vec<ArcIntern<str>> = Vec::with_capacity(N);
    let info = measure(|| {
        for k in &keys {
            handles.push(ArcIntern::from(k.as_str()));
        }
    });
    row("internment ArcIntern<str>", info, payload);
    drop(handles);
}
