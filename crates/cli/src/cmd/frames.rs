//! `ribcage frames FILE|-`: frames MRT records (RFC 6396 §2) and reports, per (type, subtype),
//! the record count and bytes, as a table or as one JSON object.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use ribcage_buffer::{open_input, MrtReader, RecordKind, DEFAULT_MAX_RECORD_LEN};
use serde::Serialize;

/// Arguments of `ribcage frames`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// MRT file to read, or `-` for stdin; gzip and bzip2 are detected by their magic bytes.
    #[arg(value_name = "FILE")]
    input: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Largest record length accepted, in bytes after the 12-byte common header; a longer one
    /// is reported as bad.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_RECORD_LEN)]
    max_record_len: usize,
}

/// Records and bytes seen for one (type, subtype).
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    records: u64,
    bytes: u64,
}

/// What framing a whole input found.
#[derive(Debug, Default)]
struct Tally {
    kinds: BTreeMap<RecordKind, Count>,
    bad_records: u64,
}

/// One row of the JSON report.
#[derive(Serialize)]
struct JsonRow {
    #[serde(rename = "type")]
    mrt_type: u16,
    subtype: u16,
    name: String,
    count: u64,
    bytes: u64,
}

/// The JSON report: `{"records": [...], "bad_records": 0, "elapsed_s": 0.01}`.
#[derive(Serialize)]
struct JsonReport {
    records: Vec<JsonRow>,
    bad_records: u64,
    elapsed_s: f64,
}

/// Runs the command: 0 when every record framed, 1 when one was bad, 2 when the input could
/// not be opened.
pub(crate) fn run(args: &Args) -> ExitCode {
    let start = Instant::now();
    let input = match open_input(&args.input) {
        Ok(input) => input,
        Err(e) => {
            eprintln!("ribcage frames: cannot open {}: {e}", args.input.display());
            return ExitCode::from(2);
        }
    };
    let tally = frame(input, args);
    let elapsed_s = start.elapsed().as_secs_f64();
    let printed = if args.json {
        print_json(&tally, elapsed_s)
    } else {
        print_table(&tally, elapsed_s)
    };
    if let Err(e) = printed {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("ribcage frames: cannot write output: {e}");
            return ExitCode::from(1);
        }
    }
    if tally.bad_records == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Frames every record of `input`, counting by kind; reports a framing error on stderr.
fn frame(input: Box<dyn Read + Send>, args: &Args) -> Tally {
    let mut tally = Tally::default();
    let reader = MrtReader::new(input).with_max_record_len(args.max_record_len);
    for record in reader {
        match record {
            Ok(record) => {
                let count = tally.kinds.entry(record.kind()).or_default();
                count.records += 1;
                count.bytes += record.wire_len() as u64;
            }
            Err(e) => {
                // The reader ends after an error: MRT has no marker to resynchronise on.
                eprintln!(
                    "ribcage frames: {}: bad record: {e}; framing stopped there",
                    args.input.display()
                );
                tally.bad_records += 1;
            }
        }
    }
    tally
}

fn print_json(tally: &Tally, elapsed_s: f64) -> io::Result<()> {
    let report = JsonReport {
        records: tally
            .kinds
            .iter()
            .map(|(kind, count)| JsonRow {
                mrt_type: kind.mrt_type.0,
                subtype: kind.subtype,
                name: kind.to_string(),
                count: count.records,
                bytes: count.bytes,
            })
            .collect(),
        bad_records: tally.bad_records,
        elapsed_s,
    };
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, &report)?;
    writeln!(out)?;
    out.flush()
}

fn print_table(tally: &Tally, elapsed_s: f64) -> io::Result<()> {
    let names: Vec<String> = tally.kinds.keys().map(RecordKind::to_string).collect();
    let width = names.iter().map(String::len).chain([5]).max().unwrap_or(5);
    let records: u64 = tally.kinds.values().map(|c| c.records).sum();
    let bytes: u64 = tally.kinds.values().map(|c| c.bytes).sum();
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{:>5} {:>7}  {:<width$}  {:>10}  {:>12}",
        "TYPE", "SUBTYPE", "NAME", "RECORDS", "BYTES"
    )?;
    for ((kind, count), name) in tally.kinds.iter().zip(&names) {
        writeln!(
            out,
            "{:>5} {:>7}  {:<width$}  {:>10}  {:>12}",
            kind.mrt_type.0, kind.subtype, name, count.records, count.bytes
        )?;
    }
    writeln!(
        out,
        "{:>5} {:>7}  {:<width$}  {:>10}  {:>12}",
        "", "", "total", records, bytes
    )?;
    writeln!(out, "bad records: {}", tally.bad_records)?;
    let mb_per_s = bytes as f64 / 1e6 / elapsed_s.max(1e-9);
    writeln!(out, "elapsed: {elapsed_s:.3} s ({mb_per_s:.1} MB/s)")?;
    out.flush()
}
