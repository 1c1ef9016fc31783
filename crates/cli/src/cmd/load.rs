//! `ribcage load FILE...`: loads MRT files into the in-memory RIB and reports what it holds and
//! what that costs (heap bytes counted by the allocator, RSS), as a table or one JSON object;
//! `--dump -m` also prints the store as bgpdump `-m` lines.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use ribcage_buffer::open_input;
use ribcage_rib::{CacheStats, InternConfig, LoadStats, Rib};
use serde::Serialize;

use crate::alloc;

/// Arguments of `ribcage load`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// MRT files to load in order (`-` for stdin); gzip and bzip2 are detected by their magic.
    #[arg(value_name = "FILE", required = true)]
    inputs: Vec<PathBuf>,
    /// Intern policy: `off`, `default` (= `all`) or `all`, optionally followed by changes,
    /// comma separated: `sets`, `no-sets`, `rd`, `-rd`, `labels`, `-labels`, a field name (`as_path`, `communities`,
    /// `next_hop`, ...) or type code, `FIELD=inline|whole|tail`, `-FIELD`. Example:
    /// `off,sets,as_path=tail`.
    #[arg(long, value_name = "POLICY", default_value = "default")]
    intern: String,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Print every route held as a bgpdump line on stdout (the report goes to stderr).
    #[arg(long)]
    dump: bool,
    /// With --dump: bgpdump's `-m` one-line format (the only format).
    #[arg(short = 'm')]
    machine: bool,
    /// Load the inputs twice, first with interning off, then with `--intern`, and print the
    /// two side by side before the full report of the second load.
    #[arg(long)]
    compare: bool,
    /// Leave each family's NLRI in the hashed layout they were loaded into instead of
    /// compacting them into the sorted one (`Rib::compact`), to measure what compaction saves.
    #[arg(long)]
    no_compact: bool,
}

/// The JSON report. The keys `routes`, `prefixes`, `peers`, `attribute_sets`, `heap_bytes`,
/// `bytes_per_route`, `elapsed_s`, `routes_per_s` and `intern` are stable.
#[derive(Debug, Serialize)]
struct Report {
    files: usize,
    routes: usize,
    prefixes: usize,
    peers: usize,
    attribute_sets: usize,
    stored_attribute_sets: usize,
    heap_bytes: u64,
    peak_heap_bytes: u64,
    bytes_per_route: f64,
    rss_bytes: u64,
    peak_rss_bytes: u64,
    elapsed_s: f64,
    routes_per_s: f64,
    compacted: bool,
    load: LoadStats,
    intern: Intern,
}

/// The `intern` object: the policy and every cache's statistics.
#[derive(Debug, Serialize)]
struct Intern {
    policy: String,
    caches: Vec<CacheStats>,
}

/// VmRSS and VmHWM of this process from /proc/self/status, in bytes (0 where unavailable).
fn rss() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Thousands separators for the table.
fn sep(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One load of every input under `config`: the store, its report, or the input that failed.
fn load(args: &Args, config: InternConfig) -> Result<(Rib, Report), String> {
    let start = Instant::now();
    let mut rib = None;
    let mut stats = LoadStats::default();
    let mut failed = None;
    let heap = alloc::measure(|| {
        let mut r = Rib::new(config);
        for path in &args.inputs {
            // Streamed: memory holds the store and one record at a time, whatever the input's
            // size; the reader's buffer is freed when the input ends.
            match open_input(path) {
                Ok(reader) => stats.merge(r.load_reader(reader)),
                Err(e) => {
                    failed = Some(format!("{}: {e}", path.display()));
                    break;
                }
            }
        }
        if !args.no_compact {
            r.compact();
        }
        r.shrink_to_fit();
        rib = Some(r);
    });
    let elapsed = start.elapsed().as_secs_f64();
    if let Some(e) = failed {
        return Err(e);
    }
    let rib = rib.ok_or_else(|| "no store was built".to_string())?;
    let (rss_bytes, peak_rss_bytes) = rss();
    let routes = rib.routes();
    let report = Report {
        files: args.inputs.len(),
        routes,
        prefixes: rib.prefixes(),
        peers: rib.peers().len(),
        attribute_sets: rib.distinct_attribute_sets(),
        stored_attribute_sets: rib.stored_attribute_sets(),
        heap_bytes: heap.live,
        peak_heap_bytes: heap.peak,
        bytes_per_route: if routes == 0 {
            0.0
        } else {
            heap.live as f64 / routes as f64
        },
        rss_bytes,
        peak_rss_bytes,
        elapsed_s: elapsed,
        routes_per_s: if elapsed > 0.0 {
            stats.announced as f64 / elapsed
        } else {
            0.0
        },
        compacted: !args.no_compact,
        load: stats,
        intern: Intern {
            policy: rib.config().to_string(),
            caches: rib.cache_stats(),
        },
    };
    Ok((rib, report))
}

/// The JSON object of `--compare --json`: both reports.
#[derive(Debug, Serialize)]
struct Comparison<'a> {
    off: &'a Report,
    interned: &'a Report,
    /// `1 - interned.heap_bytes / off.heap_bytes`.
    heap_saved: f64,
}

/// The side-by-side table of `--compare`.
fn comparison_table(off: &Report, on: &Report) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let pct = |a: f64, b: f64| if a > 0.0 { (1.0 - b / a) * 100.0 } else { 0.0 };
    let _ = writeln!(
        s,
        "{:<22}{:>16}{:>16}{:>10}",
        "interning", "off", on.intern.policy, "saved"
    );
    let _ = writeln!(
        s,
        "{:<22}{:>16}{:>16}{:>9.1}%",
        "heap bytes",
        sep(off.heap_bytes),
        sep(on.heap_bytes),
        pct(off.heap_bytes as f64, on.heap_bytes as f64)
    );
    let _ = writeln!(
        s,
        "{:<22}{:>16.1}{:>16.1}",
        "bytes per route", off.bytes_per_route, on.bytes_per_route
    );
    let _ = writeln!(
        s,
        "{:<22}{:>16}{:>16}",
        "routes",
        sep(off.routes as u64),
        sep(on.routes as u64)
    );
    let _ = writeln!(
        s,
        "{:<22}{:>16.3}{:>16.3}",
        "elapsed (s)", off.elapsed_s, on.elapsed_s
    );
    s
}

/// Runs the command: 0 when everything loaded, 1 when parts of an input were damaged, 2 when
/// an input could not be read.
pub(crate) fn run(args: &Args) -> u8 {
    if args.machine && !args.dump {
        eprintln!("ribcage load: -m is the format of --dump; add --dump");
        return 2;
    }
    let config: InternConfig = match args.intern.parse() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ribcage load: --intern: {e}");
            return 2;
        }
    };
    let off = if args.compare {
        match load(args, InternConfig::OFF) {
            Ok((_, report)) => Some(report),
            Err(e) => {
                eprintln!("ribcage load: {e}");
                return 2;
            }
        }
    } else {
        None
    };
    let (rib, report) = match load(args, config) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("ribcage load: {e}");
            return 2;
        }
    };
    let mut code = 0;
    if args.dump {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        match rib
            .write_bgpdump(&mut out)
            .and_then(|s| out.flush().map(|()| s))
        {
            Ok(s) if s.skipped > 0 => {
                eprintln!("ribcage load: {} routes have no bgpdump line", s.skipped);
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return 0,
            Err(e) => {
                eprintln!("ribcage load: writing the dump: {e}");
                return 2;
            }
        }
    }
    for e in &report.load.first_errors {
        eprintln!("ribcage load: {e}");
    }
    if report.load.errors > 0 {
        code = 1;
    }
    let text = if let (Some(off), true) = (&off, args.json) {
        let heap_saved = if off.heap_bytes > 0 {
            1.0 - report.heap_bytes as f64 / off.heap_bytes as f64
        } else {
            0.0
        };
        let both = Comparison {
            off,
            interned: &report,
            heap_saved,
        };
        match serde_json::to_string(&both) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("ribcage load: {e}");
                return 2;
            }
        }
    } else if args.json {
        match serde_json::to_string(&report) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("ribcage load: {e}");
                return 2;
            }
        }
    } else if let Some(off) = &off {
        comparison_table(off, &report) + "\n" + &table(&report)
    } else {
        table(&report)
    };
    let written = if args.dump {
        io::stderr().write_all(text.as_bytes())
    } else {
        io::stdout().write_all(text.as_bytes())
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => 2,
        _ => code,
    }
}

/// The readable report.
fn table(r: &Report) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let l = &r.load;
    let _ = writeln!(s, "routes            {}", sep(r.routes as u64));
    let _ = writeln!(s, "prefixes          {}", sep(r.prefixes as u64));
    let _ = writeln!(s, "peers             {}", sep(r.peers as u64));
    let _ = writeln!(
        s,
        "attribute sets    {} distinct ({} stored with source and time)",
        sep(r.attribute_sets as u64),
        sep(r.stored_attribute_sets as u64)
    );
    let _ = writeln!(
        s,
        "heap              {} bytes ({:.1} bytes/route; peak while loading {})",
        sep(r.heap_bytes),
        r.bytes_per_route,
        sep(r.peak_heap_bytes)
    );
    let _ = writeln!(
        s,
        "nlri layout       {}",
        if r.compacted {
            "compacted (sorted, no index)"
        } else {
            "hashed (--no-compact)"
        }
    );
    let _ = writeln!(
        s,
        "rss               {} bytes (peak {})",
        sep(r.rss_bytes),
        sep(r.peak_rss_bytes)
    );
    let _ = writeln!(
        s,
        "elapsed           {:.3} s ({} routes/s)",
        r.elapsed_s,
        sep(r.routes_per_s as u64)
    );
    let _ = writeln!(
        s,
        "records           {} ({} announced, {} withdrawn, {} unknown withdrawals, {} treat-as-withdraw, {} errors)",
        sep(l.records),
        sep(l.announced),
        sep(l.withdrawn),
        sep(l.unknown_withdrawals),
        sep(l.treat_as_withdraw),
        sep(l.errors)
    );
    let _ = writeln!(s, "intern            {}", r.intern.policy);
    let _ = writeln!(
        s,
        "{:<18}{:>12}{:>12}{:>8}{:>12}{:>14}{:>12}",
        "cache", "lookups", "hits", "dedup", "entries", "bytes saved", "heap"
    );
    for c in &r.intern.caches {
        let _ = writeln!(
            s,
            "{:<18}{:>12}{:>12}{:>7.1}%{:>12}{:>14}{:>12}",
            c.name,
            sep(c.lookups),
            sep(c.hits),
            c.dedup_rate * 100.0,
            sep(c.entries),
            sep(c.bytes_saved),
            sep(c.heap_bytes)
        );
    }
    s
}
