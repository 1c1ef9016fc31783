//! bgpkit-parser baselines for `cargo xtask bench`: decode throughput and memory per route.
//!
//! Usage:
//!
//! - `bench-peers decode FILE`: iterates every `BgpElem` of an uncompressed MRT file with
//!   bgpkit-parser's library and prints one JSON line with `routes`, `elapsed_s` and
//!   `routes_per_s`.
//! - `bench-peers memory FILE`: holds every `BgpElem` of the file in one `Vec` (shrunk to fit)
//!   and prints one JSON line with the live heap bytes counted by a global allocator, the peak
//!   heap, peak RSS (`VmHWM`) and bytes per route.
//!
//! The file is read through a `BufReader<File>` with `BgpkitParser::from_reader`, so no
//! decompression or network code takes part.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use bgpkit_parser::models::{BgpElem, ElemType};
use bgpkit_parser::BgpkitParser;

/// Counts live and peak heap bytes on top of the system allocator.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn add(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn sub(n: usize) {
    LIVE.fetch_sub(n, Ordering::Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged and only
// updates two counters, so `System`'s guarantees carry over.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) };
        sub(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            sub(layout.size());
            add(new_size);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Peak resident set size in bytes, from `/proc/self/status` (`VmHWM`), if readable.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn parser(path: &str) -> Result<BgpkitParser<BufReader<File>>, String> {
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(BgpkitParser::from_reader(BufReader::with_capacity(
        1 << 16,
        file,
    )))
}

fn decode(path: &str) -> Result<(), String> {
    let start = Instant::now();
    let (mut announced, mut withdrawn) = (0u64, 0u64);
    for elem in parser(path)?.into_elem_iter() {
        match elem.elem_type {
            ElemType::ANNOUNCE => announced += 1,
            ElemType::WITHDRAW => withdrawn += 1,
        }
        std::hint::black_box(&elem);
    }
    let elapsed = start.elapsed().as_secs_f64();
    let routes = announced + withdrawn;
    println!(
        "{{\"tool\":\"bgpkit-parser\",\"mode\":\"decode\",\"file\":\"{path}\",\"routes\":{routes},\
         \"announced\":{announced},\"withdrawn\":{withdrawn},\"elapsed_s\":{elapsed:.6},\
         \"routes_per_s\":{:.0}}}",
        routes as f64 / elapsed
    );
    Ok(())
}

fn memory(path: &str) -> Result<(), String> {
    let before = LIVE.load(Ordering::Relaxed);
    let start = Instant::now();
    let p = parser(path)?;
    let mut elems: Vec<BgpElem> = p.into_elem_iter().collect();
    elems.shrink_to_fit();
    let elapsed = start.elapsed().as_secs_f64();
    let heap = LIVE.load(Ordering::Relaxed) - before;
    let routes = elems.len();
    let elem_size = std::mem::size_of::<BgpElem>();
    println!(
        "{{\"tool\":\"bgpkit-parser\",\"mode\":\"memory\",\"file\":\"{path}\",\"routes\":{routes},\
         \"heap_bytes\":{heap},\"peak_heap_bytes\":{},\"peak_rss_bytes\":{},\
         \"bytes_per_route\":{:.1},\"size_of_bgp_elem\":{elem_size},\"elapsed_s\":{elapsed:.6}}}",
        PEAK.load(Ordering::Relaxed),
        peak_rss().unwrap_or(0),
        heap as f64 / routes.max(1) as f64,
    );
    std::hint::black_box(&elems);
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [mode, path] if mode == "decode" => decode(path),
        [mode, path] if mode == "memory" => memory(path),
        _ => Err("usage: bench-peers decode|memory FILE".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-peers: {e}");
            ExitCode::from(2)
        }
    }
}
