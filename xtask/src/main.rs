//! Project automation, in the cargo-xtask convention: `cargo xtask <command>`.
//!
//! - `ci`: the one CI entry point (fmt, clippy, tests, docs, smoke run), ending in a summary line.
//! - `gen vpn|table ... -o FILE`: the benchmark workloads (crate `ribcage-gen`).
//! - `bench [all|dump|decode|memory|intern|intern-breakeven]`: benchmarks side by side with peer
//!   implementations (see BENCHMARKS.md).
//! - `fuzz [--time SECONDS] [--jobs N] [--cmin] [TARGET...]`: seeds, builds and runs the fuzz targets
//!   (FUZZING.md).
//! - `sweep [--trials N] [--seed S] [--window BYTES]`: the corruption sweep over the RIS
//!   captures.

mod bench;
mod bench_intern;
mod ci;
mod fuzz;
mod gen;

/// The README's main command, as arguments to `ribcage` (run by the CI smoke step).
const SMOKE_ARGS: &[&str] = &["load", "--compare", "testdata/ris/bview.20020722.2337.gz"];

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("ci") => ci::run(rest),
        Some("gen") => gen::run(rest),
        Some("fuzz") => fuzz::fuzz(rest),
        Some("sweep") => fuzz::sweep(rest),
        Some("bench") => bench::run(rest),
        _ => {
            eprintln!("usage: cargo xtask <ci|gen|bench|fuzz|sweep> [args]");
            ExitCode::from(2)
        }
    }
}
