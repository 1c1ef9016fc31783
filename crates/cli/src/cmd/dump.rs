//! `ribcage dump`: the routes of an MRT file as bgpdump `-m` lines or as JSON (one object per
//! line; schema in `crates/cli/JSON.md`).
//!
//! Damage is reported on stderr with the offset and the reason, and decoding goes on with the
//! next record. Exit codes: 0 all decoded, 1 something was skipped, 2 the input can't be read.

use std::io::{self, IsTerminal, Read, Write};
use std::time::Instant;

use ribcage_buffer::{open_input, View};
use ribcage_mrt::bgpdump::Bgpdump;
use ribcage_mrt::{Decoder, Records};

/// Arguments of `ribcage dump`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// bgpdump -m output (the default).
    #[arg(short = 'm', long = "machine", conflicts_with = "json")]
    machine: bool,
    /// One JSON object per route or state change.
    #[arg(long)]
    json: bool,
    /// Print a summary on stderr at the end.
    #[arg(long)]
    stats: bool,
    /// The MRT file (gzip and bzip2 are recognised), or `-` for stdin.
    file: String,
}

/// Reads the whole input, decompressed ([`open_input`] detects gzip and bzip2). Damaged input
/// is resynchronised in memory, which needs the bytes after the damage at hand.
fn read_all(path: &str) -> io::Result<Vec<u8>> {
    let mut data = Vec::new();
    open_input(path)?.read_to_end(&mut data)?;
    Ok(data)
}

/// Counters for `--stats` and the exit code.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub(crate) records: u64,
    pub(crate) routes: u64,
    pub(crate) bad: u64,
}

/// Flush the output buffer past this size.
const FLUSH_AT: usize = 1 << 16;
/// Show a progress bar for inputs over this size.
const PROGRESS_MIN: usize = 8 << 20;

pub(crate) fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let data = match read_all(&args.file) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("ribcage: cannot read {}: {e}", args.file);
            return 2;
        }
    };
    let total = data.len();
    let progress = (total > PROGRESS_MIN && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut stats = Stats::default();
    let stdout = io::stdout();
    let mut sink = stdout.lock();
    let mut out = Vec::with_capacity(FLUSH_AT * 2);
    let mut records = Records::new(View::from(data));
    let result = if args.json {
        dump_json(
            &mut records,
            &mut out,
            &mut sink,
            &mut stats,
            progress.as_ref(),
        )
    } else {
        dump_bgpdump(
            &mut records,
            &mut out,
            &mut sink,
            &mut stats,
            progress.as_ref(),
        )
    };
    let result = result.and_then(|()| {
        sink.write_all(&out)?;
        sink.flush()
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Err(e) = result {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("ribcage: write error: {e}");
            return 2;
        }
    }
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "records: {}  routes: {}  bad records: {}  elapsed: {:.3}s  routes/s: {:.0}",
            stats.records,
            stats.routes,
            stats.bad,
            secs,
            stats.routes as f64 / secs.max(1e-9)
        );
    }
    u8::from(stats.bad > 0)
}

fn tick(progress: Option<&indicatif::ProgressBar>, records: &Records, n: u64) {
    if let Some(bar) = progress {
        if n % 4096 == 0 {
            bar.set_position(records.position() as u64);
        }
    }
}

fn dump_bgpdump(
    records: &mut Records,
    out: &mut Vec<u8>,
    sink: &mut impl Write,
    stats: &mut Stats,
    progress: Option<&indicatif::ProgressBar>,
) -> io::Result<()> {
    let mut fmt = Bgpdump::new();
    while let Some(r) = records.next() {
        stats.records += 1;
        match r {
            Ok(rec) => match fmt.write_record(&rec, out) {
                Ok(w) => {
                    stats.routes += w.lines;
                    if w.dropped > 0 {
                        stats.bad += 1;
                        eprintln!(
                            "ribcage: record at offset {}: {} truncated part(s) skipped",
                            rec.offset, w.dropped
                        );
                    }
                }
                Err(e) => {
                    stats.bad += 1;
                    eprintln!("ribcage: record at offset {}: {e}", rec.offset);
                }
            },
            Err(e) => {
                stats.bad += 1;
                eprintln!("ribcage: {e}");
            }
        }
        if out.len() >= FLUSH_AT {
            sink.write_all(out)?;
            out.clear();
        }
        tick(progress, records, stats.records);
    }
    Ok(())
}

fn dump_json(
    records: &mut Records,
    out: &mut Vec<u8>,
    sink: &mut impl Write,
    stats: &mut Stats,
    progress: Option<&indicatif::ProgressBar>,
) -> io::Result<()> {
    let mut decoder = Decoder::new();
    while let Some(r) = records.next() {
        stats.records += 1;
        let rec = match r {
            Ok(rec) => rec,
            Err(e) => {
                stats.bad += 1;
                eprintln!("ribcage: {e}");
                continue;
            }
        };
        let mut bad = false;
        match decoder.elements(&rec) {
            Ok(elements) => {
                let registry = elements.registry();
                for el in elements {
                    match el {
                        Ok(el) => {
                            stats.routes += 1;
                            super::json::write_element(out, &el, registry);
                        }
                        Err(e) => {
                            bad = true;
                            eprintln!("ribcage: record at offset {}: {e}", rec.offset);
                        }
                    }
                }
            }
            Err(e) => {
                bad = true;
                eprintln!("ribcage: record at offset {}: {e}", rec.offset);
            }
        }
        stats.bad += u64::from(bad);
        if out.len() >= FLUSH_AT {
            sink.write_all(out)?;
            out.clear();
        }
        tick(progress, records, stats.records);
    }
    Ok(())
}
