//! Project automation, in the cargo-xtask convention: `cargo xtask <command>`.
//!
//! - `ci`: the one CI entry point (fmt, clippy, tests, docs, smoke run), ending in a summary line.
//! - `fuzz [--time SECONDS] [--cmin] [TARGET...]`: seeds, builds and runs the fuzz targets
//!   (FUZZING.md).
//! - `sweep [--trials N] [--seed S] [--window BYTES]`: the corruption sweep over the RIS
//!   captures.
//! - `bench [NAME]`: benchmarks side by side with peer implementations (see BENCHMARKS.md).

mod bench_intern;
mod ci;
mod fuzz;

/// The README's main command, as arguments to `ribcage` (run by the CI smoke step).
const SMOKE_ARGS: &[&str] = &["frames", "testdata/ris/updates.20020722.2238.gz"];

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("ci") => ci::run(rest),
        Some("fuzz") => fuzz::fuzz(rest),
        Some("sweep") => fuzz::sweep(rest),
        Some("bench") => match rest.first().map(String::as_str) {
            Some("intern") => bench_intern::bench(&rest[1..]),
            Some("intern-breakeven") => bench_intern::breakeven(&rest[1..]),
            _ => {
                eprintln!("usage: cargo xtask bench <intern|intern-breakeven> [args]");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("usage: cargo xtask <ci|fuzz|sweep|bench> [args]");
            ExitCode::from(2)
        }
    }
}
