//! `cargo xtask gen vpn|table ... -o FILE`: writes the benchmark workloads with `ribcage-gen`
//! and reads each file back with `ribcage_gen::check` before reporting what it holds.

pub(crate) mod args;

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ribcage_gen::table::TableOptions;
use ribcage_gen::vpn::VpnOptions;

use args::Args;

/// The default source of `gen table`: the bundled 2002 RIS dump.
pub(crate) const DEFAULT_TABLE_SOURCE: &str = "testdata/ris/bview.20020722.2337.gz";

const USAGE: &str = "usage:
  cargo xtask gen vpn [--routes N=100000] [--rds V=10] [--labels L=100] [--per-update K=10] [--seed S=1] -o FILE
  cargo xtask gen table [--peers P=20] [--seed S=1] [--source MRT[.gz]] [--max-prefixes N] -o FILE";

/// Reads a whole file, gunzipping it when its name ends in `.gz`.
pub(crate) fn read_maybe_gz(path: &Path) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut data = Vec::new();
    let read = if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut data)
    } else {
        std::io::BufReader::new(file).read_to_end(&mut data)
    };
    read.map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(data)
}

/// Writes the `vpn` workload to `path`, checks it, and returns a one-line summary.
pub(crate) fn write_vpn(opts: &VpnOptions, path: &Path) -> Result<String, String> {
    let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    let stats = ribcage_gen::vpn::generate(opts, &mut out).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    let data = std::fs::read(path).map_err(|e| e.to_string())?;
    let check = ribcage_gen::check::read_vpn(&data, |_| {}).map_err(|e| e.to_string())?;
    if (check.updates, check.routes) != (stats.updates, stats.routes) {
        return Err(format!("read back {check:?}, wrote {stats:?}"));
    }
    Ok(format!(
        "{}: {} UPDATEs, {} VPNv4 routes, {} bytes",
        path.display(),
        stats.updates,
        stats.routes,
        stats.bytes
    ))
}

/// Writes the `table` workload from `source` to `path`, checks it, and returns a summary.
pub(crate) fn write_table(
    opts: &TableOptions,
    source: &Path,
    path: &Path,
) -> Result<String, String> {
    let data = read_maybe_gz(source)?;
    let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    let stats = ribcage_gen::table::generate(&data, opts, &mut out).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    drop(data);
    let written = std::fs::read(path).map_err(|e| e.to_string())?;
    let check = ribcage_gen::check::read_table(&written, |_| {}).map_err(|e| e.to_string())?;
    if (check.peers.len(), check.rib_records, check.routes)
        != (usize::from(stats.peers), stats.prefixes, stats.routes)
    {
        return Err(format!("read back {check:?}, wrote {stats:?}"));
    }
    Ok(format!(
        "{}: {} peers x {} prefixes = {} routes, {} bytes (from {} source routes of {})",
        path.display(),
        stats.peers,
        stats.prefixes,
        stats.routes,
        stats.bytes,
        stats.source_routes,
        source.display()
    ))
}

fn vpn(args: &[String]) -> Result<String, String> {
    let mut a = Args::parse(args)?;
    let d = VpnOptions::default();
    let opts = VpnOptions {
        routes: a.take("routes", d.routes)?,
        rds: a.take("rds", d.rds)?,
        labels: a.take("labels", d.labels)?,
        per_update: a.take("per-update", d.per_update)?,
        seed: a.take("seed", d.seed)?,
    };
    let out = a.take_str("output").ok_or("missing -o FILE")?;
    let rest = a.finish()?;
    if !rest.is_empty() {
        return Err(format!("unexpected arguments {rest:?}"));
    }
    write_vpn(&opts, Path::new(&out))
}

fn table(args: &[String]) -> Result<String, String> {
    let mut a = Args::parse(args)?;
    let d = TableOptions::default();
    let max: usize = a.take("max-prefixes", 0)?;
    let opts = TableOptions {
        peers: a.take("peers", d.peers)?,
        seed: a.take("seed", d.seed)?,
        max_prefixes: (max > 0).then_some(max),
    };
    let source = a
        .take_str("source")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::ci::root().join(DEFAULT_TABLE_SOURCE));
    let out = a.take_str("output").ok_or("missing -o FILE")?;
    let rest = a.finish()?;
    if !rest.is_empty() {
        return Err(format!("unexpected arguments {rest:?}"));
    }
    write_table(&opts, &source, Path::new(&out))
}

/// Runs `cargo xtask gen ARGS`.
pub(crate) fn run(args: &[String]) -> ExitCode {
    let rest = args.get(1..).unwrap_or(&[]);
    let result = match args.first().map(String::as_str) {
        Some("vpn") => vpn(rest),
        Some("table") => table(rest),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::from(2)
        }
    }
}
