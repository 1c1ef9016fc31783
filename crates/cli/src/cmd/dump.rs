//! `ribcage dump`: the routes of an MRT file as bgpdump `-m` lines or as JSON (one object per
//! line; schema in `crates/cli/JSON.md`).
//!
//! Damage is reported on stderr with the offset and the reason, and decoding goes on with the
//! next record. Exit codes: 0 all decoded, 1 something was skipped, 2 the input can't be read.

use std::io::{self, IsTerminal, Read, Write};
use std::time::Instant;

use ribcage_buffer::{decompress, open_input};
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

/// Opens the input as a stream of decompressed bytes (gzip and bzip2 are detected by their
/// magic bytes), with a progress bar over the file's bytes when stderr is a terminal and the file
/// is large. Records are framed from the stream as they are needed, so memory stays bounded
/// whatever the input's size.
fn open(path: &str) -> io::Result<(Box<dyn Read + Send>, Option<indicatif::ProgressBar>)> {
    if path == "-" {
        return Ok((open_input(path)?, None));
    }
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > PROGRESS_MIN && io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(size);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let reader = decompress(bar.wrap_read(file))?;
        return Ok((reader, Some(bar)));
    }
    Ok((decompress(file)?, None))
}

/// Counters for `--stats` and the exit code.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub(crate) records: u64,
    pub(crate) routes: u64,
    pub(crate) bad: u64,
    pub(crate) unknown: u64,
}

/// Flush the output buffer past this size.
const FLUSH_AT: usize = 1 << 16;
/// Show a progress bar for files over this size.
const PROGRESS_MIN: u64 = 8 << 20;

pub(crate) fn run(args: &Args) -> u8 {
    let started = Instant::now();
    let (input, progress) = match open(&args.file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("ribcage: cannot read {}: {e}", args.file);
            return 2;
        }
    };
    let mut stats = Stats::default();
    let stdout = io::stdout();
    let mut sink = stdout.lock();
    let mut out = Vec::with_capacity(FLUSH_AT * 2);
    let mut records = Records::from_reader(input);
    let result = if args.json {
        dump_json(&mut records, &mut out, &mut sink, &mut stats)
    } else {
        dump_bgpdump(&mut records, &mut out, &mut sink, &mut stats)
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
            "records: {}  routes: {}  bad records: {}  unknown records: {}  elapsed: {:.3}s  routes/s: {:.0}",
            stats.records,
            stats.routes,
            stats.bad,
            stats.unknown,
            secs,
            stats.routes as f64 / secs.max(1e-9)
        );
    }
    u8::from(stats.bad > 0)
}

fn dump_bgpdump(
    records: &mut Records,
    out: &mut Vec<u8>,
    sink: &mut impl Write,
    stats: &mut Stats,
) -> io::Result<()> {
    let mut fmt = Bgpdump::new();
    for r in records.by_ref() {
        stats.records += 1;
        match r {
            Ok(rec) => match fmt.write_record(&rec, out) {
                Ok(w) => {
                    stats.routes += w.lines;
                    stats.unknown += u64::from(w.unknown);
                    if w.dropped > 0 {
                        eprintln!(
                            "ribcage: record at offset {}: {} truncated part(s) skipped",
                            rec.offset, w.dropped
                        );
                    }
                    if let Some(code) = w.malformed {
                        eprintln!(
                            "ribcage: record at offset {}: malformed attribute type {code}",
                            rec.offset
                        );
                    }
                    stats.bad += u64::from(w.dropped > 0 || w.malformed.is_some());
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
    }
    Ok(())
}

fn dump_json(
    records: &mut Records,
    out: &mut Vec<u8>,
    sink: &mut impl Write,
    stats: &mut Stats,
) -> io::Result<()> {
    let mut decoder = Decoder::new();
    for r in records.by_ref() {
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
                let mut checked = false;
                for el in elements {
                    match el {
                        Ok(el) => {
                            stats.routes += 1;
                            if let (false, ribcage_mrt::Element::Route(r)) = (checked, &el) {
                                // The routes of a record share their attributes: check once.
                                checked = r.action != ribcage_mrt::Action::Withdraw;
                                let attrs = r.path_attributes(registry);
                                if let Some(Err(e)) = attrs.iter().find(Result::is_err) {
                                    bad = true;
                                    eprintln!("ribcage: record at offset {}: {e}", rec.offset);
                                }
                            }
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
        stats.unknown = decoder.unknown;
        if out.len() >= FLUSH_AT {
            sink.write_all(out)?;
            out.clear();
        }
    }
    Ok(())
}
