//! `cargo xtask bench [all|dump|decode|memory ...] [--runs N]`: ribcage side by side with its
//! peers on the same uncompressed files, written into BENCHMARKS.md. `all` (the default) runs
//! `dump`, `decode` and `memory`; `cargo xtask bench intern [ARGS]` and
//! `cargo xtask bench intern-breakeven [ARGS]` pass through to xtask/src/bench_intern.rs.
//!
//! Every benchmark regenerates its own section of BENCHMARKS.md, between
//! `<!-- bench:NAME:begin -->` and `<!-- bench:NAME:end -->` (appended if missing), with the
//! exact commands; `machine` is rewritten on every run. Timings are medians of `--runs` runs
//! (default 3, at least 3) with min and max, by `hyperfine --export-json` when installed, else
//! timed here. If ribcage does not build, its rows are skipped with a note, so the peers'
//! figures are recorded regardless.
//!
//! Scratch space is `target/bench/`: the decompressed inputs (`data/`), the generated tables,
//! the bgpkit-parser CLI (`tools/`, installed with `cargo install` when missing) and the
//! hyperfine exports. The peers' library benchmark is the separate Cargo project
//! `bench/peers/` (bgpkit-parser's library), which only this command builds.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use ribcage_gen::table::TableOptions;
use ribcage_gen::vpn::VpnOptions;

use crate::gen::args::Args;

/// The benchmarks `all` runs, in order. `intern` and `intern-breakeven` (criterion runs and the
/// break-even table of ribcage-intern, xtask/src/bench_intern.rs) run only when named.
const ALL: &[&str] = &["dump", "decode", "memory"];

/// The ribcage decode modes `decode` times (FILE is appended): (row name, arguments, what it
/// does).
const RIBCAGE_DECODE: &[(&str, &[&str], &str)] = &[
    (
        "ribcage walk",
        &["walk"],
        "decodes every record into routes and visits each route's peer (IP, AS), prefix \
         (decoded) and attribute handle: the route's distinct raw attribute block, interned by \
         its bytes (looked up once per record or RIB entry, stored once per distinct block), \
         from which every attribute decodes on access",
    ),
    (
        "ribcage walk --sets",
        &["walk", "--sets"],
        "the same, with the interned canonical attribute set (what `ribcage load` keeps: \
         2-byte AS paths rewritten in 4-byte form, MP_REACH_NLRI's NLRI stripped) as the \
         handle, built once per distinct raw block",
    ),
];

/// The bgpkit-parser version the CLI is installed at (the same as bench/peers' library).
const BGPKIT_VERSION: &str = "0.23.0";

/// One input file of the benchmarks.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// Short name used in tables.
    pub(crate) name: &'static str,
    /// Uncompressed MRT file.
    pub(crate) path: PathBuf,
    /// What it is.
    pub(crate) about: String,
}

/// Everything the benchmarks share: tools found or built, inputs prepared, notes collected.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// The workspace root.
    pub(crate) root: PathBuf,
    /// `target/bench/`.
    pub(crate) scratch: PathBuf,
    /// Runs per timing (at least 3).
    pub(crate) runs: u32,
    /// The release `ribcage` binary, if it built.
    pub(crate) ribcage: Option<PathBuf>,
    /// `bgpdump`, if installed.
    pub(crate) bgpdump: Option<PathBuf>,
    /// The bgpkit-parser CLI, if installed.
    pub(crate) bgpkit_cli: Option<PathBuf>,
    /// The bench/peers program, if it built.
    pub(crate) peers: Option<PathBuf>,
    /// `hyperfine`, if installed.
    pub(crate) hyperfine: Option<PathBuf>,
    /// The 2002 RIS RIB dump, uncompressed.
    pub(crate) bview: Option<Input>,
    /// The 2016 RIS update file, uncompressed.
    pub(crate) updates: Option<Input>,
    /// The generated 20-peer table.
    pub(crate) table20: Option<Input>,
    /// The generated 1-peer table (the baseline for "bytes per extra peer's route").
    pub(crate) table1: Option<Input>,
    /// The generated VPNv4 update file.
    pub(crate) vpn: Option<Input>,
    /// Problems met while preparing, reported in the sections.
    pub(crate) notes: Vec<String>,
    /// Route counts per input, filled by `routes`.
    route_counts: Vec<(PathBuf, u64)>,
}

/// A timing summary in seconds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timing {
    /// Median.
    pub(crate) median: f64,
    /// Fastest run.
    pub(crate) min: f64,
    /// Slowest run.
    pub(crate) max: f64,
    /// Runs measured.
    pub(crate) runs: usize,
    /// Mean CPU seconds (user + system) per run, when hyperfine measured it: less sensitive than
    /// wall time to other processes sharing the cores.
    pub(crate) cpu: Option<f64>,
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs a command with inherited output, echoing it; true on success.
fn run_echo(cmd: &mut Command) -> bool {
    eprintln!("$ {}", show(cmd));
    cmd.status().map(|s| s.success()).unwrap_or(false)
}

/// Runs a command and returns its stdout when it succeeds.
fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A command line as text, paths relative to the workspace root where possible.
fn show(cmd: &Command) -> String {
    let root = crate::ci::root();
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts
        .into_iter()
        .map(|p| {
            Path::new(&p)
                .strip_prefix(&root)
                .map(|r| r.display().to_string())
                .unwrap_or(p)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of `argv` relative to the workspace root, for the markdown.
fn show_argv(argv: &[String]) -> String {
    let mut c = Command::new(&argv[0]);
    c.args(&argv[1..]);
    show(&c)
}

impl Context {
    fn new(runs: u32) -> Context {
        let root = crate::ci::root();
        let scratch = root.join("target").join("bench");
        Context {
            scratch,
            root,
            runs,
            bgpdump: which("bgpdump"),
            hyperfine: which("hyperfine"),
            ..Context::default()
        }
    }

    pub(crate) fn note(&mut self, note: String) {
        eprintln!("bench: {note}");
        self.notes.push(note);
    }

    /// Builds ribcage in release and learns its subcommands.
    pub(crate) fn build_ribcage(&mut self) {
        if self.ribcage.is_some() {
            return;
        }
        let mut c = cargo();
        c.current_dir(&self.root)
            .args(["build", "--release", "--package", "ribcage-cli"]);
        if !run_echo(&mut c) {
            self.note("ribcage did not build: its measurements are skipped".into());
            return;
        }
        let bin = self.root.join("target/release/ribcage");
        self.ribcage = Some(bin);
    }

    /// Builds bench/peers (bgpkit-parser's library) in release.
    pub(crate) fn build_peers(&mut self) {
        if self.peers.is_some() {
            return;
        }
        let manifest = self.root.join("bench/peers/Cargo.toml");
        let mut c = cargo();
        c.current_dir(&self.root)
            .args(["build", "--release", "--manifest-path"]);
        c.arg(&manifest);
        if run_echo(&mut c) {
            self.peers = Some(self.root.join("bench/peers/target/release/bench-peers"));
        } else {
            self.note(
                "bench/peers did not build: bgpkit-parser library figures are skipped".into(),
            );
        }
    }

    /// Finds the bgpkit-parser CLI in the scratch tools, installing it there when missing.
    pub(crate) fn install_bgpkit_cli(&mut self) {
        if self.bgpkit_cli.is_some() {
            return;
        }
        let tools = self.scratch.join("tools");
        let bin = tools.join("bin/bgpkit-parser");
        if !bin.is_file() {
            let mut c = cargo();
            c.args(["install", "bgpkit-parser", "--version", BGPKIT_VERSION])
                .args(["--features", "cli", "--locked", "--root"])
                .arg(&tools);
            if !run_echo(&mut c) {
                self.note("cargo install bgpkit-parser failed: its CLI is skipped".into());
                return;
            }
        }
        self.bgpkit_cli = Some(bin);
    }

    /// Decompresses a bundled RIS file into the scratch data directory (once).
    fn ris(&mut self, file: &str, name: &'static str, about: &str) -> Option<Input> {
        let src = self.root.join("testdata/ris").join(format!("{file}.gz"));
        let dst = self.scratch.join("data").join(file);
        if !dst.is_file() {
            let data = match crate::gen::read_maybe_gz(&src) {
                Ok(d) => d,
                Err(e) => {
                    self.note(format!("cannot read {}: {e}", src.display()));
                    return None;
                }
            };
            if let Err(e) = write_atomically(&dst, &data) {
                self.note(format!("cannot write {}: {e}", dst.display()));
                return None;
            }
        }
        Some(Input {
            name,
            path: dst,
            about: about.to_string(),
        })
    }

    /// Prepares every input file: decompressed RIS files and generated workloads.
    pub(crate) fn prepare_inputs(&mut self) {
        if self.bview.is_some() {
            return;
        }
        let _ = fs::create_dir_all(self.scratch.join("data"));
        self.bview = self.ris(
            "bview.20020722.2337",
            "bview 2002",
            "RIS RIB dump, 2002-07-22 (TABLE_DUMP, 113K prefixes)",
        );
        self.updates = self.ris(
            "updates.20160811.1600",
            "updates 2016",
            "RIS update file, 2016-08-11 16:00 (BGP4MP MESSAGE_AS4)",
        );
        let source = self.root.join(crate::gen::DEFAULT_TABLE_SOURCE);
        for peers in [20u16, 1] {
            let path = self.scratch.join(format!("data/table{peers}.mrt"));
            let opts = TableOptions {
                peers,
                ..TableOptions::default()
            };
            let made = {
                match crate::gen::write_table(&opts, &source, &path) {
                    Ok(s) => {
                        eprintln!("bench: generated {s}");
                        true
                    }
                    Err(e) => {
                        self.note(format!("gen table --peers {peers} failed: {e}"));
                        false
                    }
                }
            };
            let input = made.then(|| Input {
                name: if peers == 20 { "table 20 peers" } else { "table 1 peer" },
                path,
                about: format!(
                    "`cargo xtask gen table --peers {peers} --seed 1` from the 2002 dump (TABLE_DUMP_V2)"
                ),
            });
            if peers == 20 {
                self.table20 = input;
            } else {
                self.table1 = input;
            }
        }
        let path = self.scratch.join("data/vpn.mrt");
        let opts = VpnOptions::default();
        let made = {
            match crate::gen::write_vpn(&opts, &path) {
                Ok(s) => {
                    eprintln!("bench: generated {s}");
                    true
                }
                Err(e) => {
                    self.note(format!("gen vpn failed: {e}"));
                    false
                }
            }
        };
        self.vpn = made.then(|| Input {
            name: "vpn 100K",
            path,
            about: "`cargo xtask gen vpn --routes 100000 --rds 10 --labels 100 --seed 1` (BGP4MP, VPNv4)"
                .to_string(),
        });
    }

    /// Routes in a file, as `bgpdump -m` counts them (lines other than STATE), counted once per
    /// run; without bgpdump, as bench/peers counts elements.
    pub(crate) fn routes(&mut self, input: &Input) -> Option<u64> {
        if let Some((_, n)) = self.route_counts.iter().find(|(p, _)| *p == input.path) {
            return Some(*n);
        }
        let n = if let Some(bgpdump) = &self.bgpdump {
            let mut child = Command::new(bgpdump)
                .arg("-m")
                .arg(&input.path)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .ok()?;
            let mut text = String::new();
            std::io::Read::read_to_string(child.stdout.as_mut()?, &mut text).ok()?;
            child.wait().ok()?;
            text.lines()
                .filter(|l| l.split('|').nth(2) != Some("STATE"))
                .count() as u64
        } else {
            let peers = self.peers.clone()?;
            let out = output(Command::new(peers).arg("decode").arg(&input.path))?;
            let v: serde_json::Value = serde_json::from_str(out.trim()).ok()?;
            v["routes"].as_u64()?
        };
        self.route_counts.push((input.path.clone(), n));
        Some(n)
    }

    /// A table row for `tool`: `argv` timed under `tag` (noted as failed when it fails).
    pub(crate) fn timed_row(&self, tool: &str, tag: &str, argv: Vec<String>) -> Row {
        let timing = self.time(tag, &argv);
        Row {
            tool: tool.into(),
            argv,
            timing,
            note: "failed".into(),
        }
    }

    /// Times each command (`argv`, stdout and stderr to /dev/null): medians of `runs` runs after
    /// one warm-up run, by hyperfine when installed. `None` for a command that failed.
    pub(crate) fn time(&self, tag: &str, argv: &[String]) -> Option<Timing> {
        let runs = self.runs.max(3);
        if let Some(hf) = &self.hyperfine {
            let json = self.scratch.join(format!("hyperfine-{tag}.json"));
            let mut c = Command::new(hf);
            c.args([
                "-N",
                "--warmup",
                "1",
                "--runs",
                &runs.to_string(),
                "--style",
                "basic",
            ])
            .arg("--export-json")
            .arg(&json)
            .arg("--")
            .arg(argv.join(" "));
            if !run_echo(&mut c) {
                return None;
            }
            let v: serde_json::Value = serde_json::from_slice(&fs::read(&json).ok()?).ok()?;
            let r = &v["results"][0];
            return Some(Timing {
                median: r["median"].as_f64()?,
                min: r["min"].as_f64()?,
                max: r["max"].as_f64()?,
                runs: r["times"].as_array().map_or(runs as usize, Vec::len),
                cpu: Some(r["user"].as_f64()? + r["system"].as_f64()?),
            });
        }
        eprintln!("$ {} (x{runs}, timed by xtask)", show_argv(argv));
        let mut times = Vec::new();
        for i in 0..=runs {
            let start = Instant::now();
            let ok = Command::new(&argv[0])
                .args(&argv[1..])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if !ok {
                return None;
            }
            if i > 0 {
                times.push(start.elapsed().as_secs_f64());
            }
        }
        times.sort_by(f64::total_cmp);
        Some(Timing {
            median: times[times.len() / 2],
            min: times[0],
            max: times[times.len() - 1],
            runs: times.len(),
            cpu: None,
        })
    }

    /// How timings are taken, for the section text.
    pub(crate) fn timing_method(&self) -> String {
        match &self.hyperfine {
            Some(_) => format!(
                "hyperfine -N --warmup 1 --runs {} (output to /dev/null); median, min and max wall \
                 time of the runs, and mean CPU time (user + system); routes/s from the median",
                self.runs.max(3)
            ),
            None => format!(
                "timed by xtask: 1 warm-up then {} runs, output to /dev/null; median (min – max)",
                self.runs.max(3)
            ),
        }
    }

    pub(crate) fn notes_md(&self, md: &mut String) {
        for n in &self.notes {
            let _ = writeln!(md, "- Note: {n}");
        }
    }
}

fn write_atomically(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("partial");
    let mut f = fs::File::create(&tmp)?;
    f.write_all(data)?;
    f.sync_all()?;
    fs::rename(tmp, path)
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn rate(routes: u64, secs: f64) -> String {
    let r = routes as f64 / secs;
    if r >= 1e6 {
        format!("{:.2} M", r / 1e6)
    } else {
        format!("{:.0} K", r / 1e3)
    }
}

/// One row of a timing table.
pub(crate) struct Row {
    /// Tool name shown in the table (and matched against the ratio base).
    pub(crate) tool: String,
    /// The command timed (empty when skipped).
    pub(crate) argv: Vec<String>,
    /// Its timing, `None` when skipped or failed.
    pub(crate) timing: Option<Timing>,
    /// Why there is no timing.
    pub(crate) note: String,
}

/// A markdown timing table for one file, with ratios against row `base` (by tool name).
pub(crate) fn timing_table(
    md: &mut String,
    input: &Input,
    routes: Option<u64>,
    rows: &[Row],
    base: &str,
) {
    let size = fs::metadata(&input.path).map(|m| m.len()).unwrap_or(0);
    let _ = writeln!(
        md,
        "\n**{}** — {} ({}, {} routes)\n",
        input.name,
        input.about,
        mib(size),
        routes.map_or("?".into(), |r| r.to_string())
    );
    let _ = writeln!(
        md,
        "| tool | runs | median s | min s | max s | routes/s | vs {base} | CPU s | routes/CPU s | vs {base} (CPU) |"
    );
    let _ = writeln!(
        md,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let base_t = rows.iter().find(|r| r.tool == base).and_then(|r| r.timing);
    let ratio = |b: Option<f64>, t: Option<f64>| match (b, t) {
        (Some(b), Some(t)) if t > 0.0 => format!("{:.2}×", b / t),
        _ => "–".into(),
    };
    let per_s = |t: Option<f64>| match (routes, t) {
        (Some(n), Some(t)) if t > 0.0 => rate(n, t),
        _ => "–".into(),
    };
    for r in rows {
        match r.timing {
            Some(t) => {
                let _ = writeln!(
                    md,
                    "| {} | {} | {:.3} | {:.3} | {:.3} | {} | {} | {} | {} | {} |",
                    r.tool,
                    t.runs,
                    t.median,
                    t.min,
                    t.max,
                    per_s(Some(t.median)),
                    ratio(base_t.map(|b| b.median), Some(t.median)),
                    t.cpu.map_or("–".into(), |c| format!("{c:.3}")),
                    per_s(t.cpu),
                    ratio(base_t.and_then(|b| b.cpu), t.cpu),
                );
            }
            None => {
                let _ = writeln!(
                    md,
                    "| {} | – | – | – | – | – | – | – | – | {} |",
                    r.tool, r.note
                );
            }
        }
    }
    let _ = writeln!(md, "\nCommands:\n");
    for r in rows.iter().filter(|r| !r.argv.is_empty()) {
        let _ = writeln!(md, "    {}", show_argv(&r.argv));
    }
}

/// `dump`: `ribcage dump -m` against `bgpdump -m` and `bgpkit-parser --psv`, to /dev/null.
fn bench_dump(ctx: &mut Context) -> String {
    ctx.build_ribcage();
    ctx.install_bgpkit_cli();
    ctx.prepare_inputs();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "### Dump: `ribcage dump -m` vs `bgpdump -m` vs `bgpkit-parser --psv`\n\n\
         Each tool prints every route of the file as text to /dev/null. Timing: {}. \
         routes/s divides the file's route count (`bgpdump -m` lines other than STATE) by the \
         median. Target (issue 6): ribcage ≥ 10× bgpdump and ≥ 3× bgpkit-parser.",
        ctx.timing_method()
    );
    let inputs: Vec<Input> = [&ctx.bview, &ctx.updates, &ctx.table20]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    for input in inputs {
        let routes = ctx.routes(&input);
        let file = path_str(&input.path);
        let mut rows = Vec::new();
        if ctx.ribcage.is_some() {
            let bin = path_str(ctx.ribcage.as_deref().unwrap_or(Path::new("ribcage")));
            let argv = vec![bin, "dump".into(), "-m".into(), file.clone()];
            check_lines(ctx, &argv, routes);
            rows.push(ctx.timed_row(
                "ribcage",
                &format!("dump-ribcage-{}", slug(input.name)),
                argv,
            ));
        } else {
            rows.push(Row {
                tool: "ribcage".into(),
                argv: vec![],
                timing: None,
                note: "skipped: ribcage did not build".into(),
            });
        }
        if let Some(b) = &ctx.bgpdump {
            let argv = vec![path_str(b), "-m".into(), file.clone()];
            rows.push(ctx.timed_row(
                "bgpdump",
                &format!("dump-bgpdump-{}", slug(input.name)),
                argv,
            ));
        }
        if let Some(b) = &ctx.bgpkit_cli {
            let argv = vec![path_str(b), "--psv".into(), file.clone()];
            rows.push(ctx.timed_row(
                "bgpkit-parser",
                &format!("dump-bgpkit-{}", slug(input.name)),
                argv,
            ));
        }
        timing_table(&mut md, &input, routes, &rows, "bgpdump");
    }
    md
}

/// Runs `argv` once and notes when its route lines (other than STATE) differ in number from
/// `routes`, so a fast but wrong output cannot pass unnoticed.
fn check_lines(ctx: &mut Context, argv: &[String], routes: Option<u64>) {
    let Some(want) = routes else { return };
    let out = Command::new(&argv[0])
        .args(&argv[1..])
        .stderr(Stdio::null())
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    let got = out.as_deref().map(|o| {
        o.lines()
            .filter(|l| l.split('|').nth(2) != Some("STATE"))
            .count() as u64
    });
    if got != Some(want) {
        ctx.note(format!(
            "`{}` printed {} route lines, bgpdump {want}",
            show_argv(argv),
            got.map_or("no".into(), |g| g.to_string())
        ));
    }
}

/// `decode`: ribcage visiting every route against bgpkit-parser's library (bench/peers).
fn bench_decode(ctx: &mut Context) -> String {
    ctx.build_ribcage();
    ctx.build_peers();
    ctx.prepare_inputs();
    let mut md = String::new();
    let modes: Vec<String> = RIBCAGE_DECODE
        .iter()
        .map(|(name, _, what)| format!("`{name} FILE` {what}"))
        .collect();
    let _ = writeln!(
        md,
        "### Decode throughput: ribcage vs bgpkit-parser's library\n\n\
         bgpkit-parser: `bench/peers` iterating every `BgpElem` (`BgpkitParser::from_reader` on a \
         `BufReader<File>`, no output; every attribute decoded into owned values per element). \
         ribcage: {}. One core each. Timing: {}. \
         Target (issue 7): ribcage ≥ 10× bgpkit-parser's routes/s.",
        modes.join("; "),
        ctx.timing_method()
    );
    let inputs: Vec<Input> = [&ctx.bview, &ctx.updates, &ctx.table20]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    const BASE: &str = "bgpkit-parser (lib)";
    for input in inputs {
        let routes = ctx.routes(&input);
        let file = path_str(&input.path);
        let mut rows = Vec::new();
        if let Some(bin) = ctx.ribcage.clone() {
            for (i, (name, args, _)) in RIBCAGE_DECODE.iter().enumerate() {
                let mut argv = vec![path_str(&bin)];
                argv.extend(args.iter().map(|s| s.to_string()));
                argv.push(file.clone());
                let key = format!("decode-ribcage{i}-{}", slug(input.name));
                rows.push(ctx.timed_row(name, &key, argv));
            }
        }
        if let Some(p) = &ctx.peers {
            let argv = vec![path_str(p), "decode".into(), file.clone()];
            rows.push(ctx.timed_row(BASE, &format!("decode-bgpkit-{}", slug(input.name)), argv));
        }
        let base = rows.iter().find(|r| r.tool == BASE).and_then(|r| r.timing);
        let mut verdicts = Vec::new();
        for row in rows.iter().filter(|r| r.tool != BASE) {
            let (Some(b), Some(t)) = (&base, &row.timing) else {
                continue;
            };
            let wall = b.median / t.median;
            let cpu = b.cpu.zip(t.cpu).map(|(b, t)| b / t);
            let met = if cpu.unwrap_or(wall) >= 10.0 {
                "met"
            } else {
                "**not met**"
            };
            verdicts.push(format!(
                "`{}` decodes {wall:.1}× bgpkit-parser's routes/s by wall time, {} per CPU \
                 second: the 10× target is {met}.",
                row.tool,
                cpu.map_or("–".into(), |c| format!("{c:.1}×")),
            ));
        }
        timing_table(&mut md, &input, routes, &rows, BASE);
        for v in verdicts {
            let _ = writeln!(md, "\n{v}");
        }
    }
    let _ = writeln!(md, "\n{DECODE_PROFILE}");
    md
}

/// Where `ribcage walk`'s time goes, from callgrind (instruction counts; `perf` counters are not
/// available on the benchmark machine). Update it with the code it describes.
const DECODE_PROFILE: &str = "\
Where the time goes (`valgrind --tool=callgrind target/release/ribcage walk FILE`, instructions, \
load-independent; 2026-11-22). bgpkit-parser's library: 786 M instructions on the 2002 dump, \
189 M on the 2016 updates, 901 M on the one-peer table, 13,333 M on the 20-peer table. \
`ribcage walk` now: 74.8 M on the 2002 dump (10.5× fewer than bgpkit-parser), 27.2 M on the \
2016 updates (6.9×), 100.9 M on the one-peer table (8.9×), 1,056 M on the 20-peer table \
(12.6×); at the start of the day 261 M on the 2002 dump, and at the start of the last round of \
work 105 M, 43 M, 161 M and 1,417 M. `walk --sets`: 128.7 M and 47.2 M on the first two. What changed, in order: `Decoder::visit` hands each route to a closure (no \
iterator state moved per route); the handle is the raw block (`SetInterner::block`), the \
canonical set built only for `--sets`; a RIB entry's next hop is found only when asked; the \
built-in registry splits and decodes unicast NLRI with no dynamic call; `Records::next_ref` \
lends each record from the framer's window (no reference count per record, one chunk reused \
while streaming); TABLE_DUMP and TABLE_DUMP_V2 RIB records build their routes straight from \
the parse; BGP4MP messages and UPDATEs read their fixed fields in one step (the field-by-field \
parse kept for errors); the 12 decode contexts are built at compile time; `SetInterner` checks \
a per-peer guess of the last block before hashing, hashes with its own word-wise hash, keeps \
8-byte table slots (32 hash bits and the key's place) and its keys in one anonymous map \
(huge pages past 2 MiB). Why wall time gains less than instructions: every run pays a process \
start (1.2 ms for `ribcage`, 0.9 ms for bgpkit-parser's bench program) and the kernel's reads \
and page faults (`ribcage walk` on the 2002 dump: 849 minor faults, about 3 ms of system time \
against bgpkit-parser's 2.4 ms); on an 11 ms run they weigh a quarter, on bgpkit-parser's 94 ms \
run a thirtieth. On the 20-peer table the distinct-block lookup is most of what is left: each \
lookup that misses the per-peer guess takes about 210 instructions and two dependent cache \
misses (table slot, then key); without the interner the walk takes 602 M instructions.";

/// One memory measurement.
struct Mem {
    tool: String,
    argv: Vec<String>,
    routes: Option<u64>,
    heap: Option<u64>,
    rss: Option<u64>,
    note: String,
}

/// Runs `argv` once under `/usr/bin/time -f %M` when available; returns (stdout, peak RSS).
fn run_measured(argv: &[String]) -> Option<(String, Option<u64>)> {
    eprintln!("$ {}", show_argv(argv));
    let gnu_time = Path::new("/usr/bin/time");
    let rss_file = std::env::temp_dir().join(format!("ribcage-bench-rss-{}", std::process::id()));
    let mut c = if gnu_time.is_file() {
        let mut c = Command::new(gnu_time);
        c.args(["-f", "%M", "-o"]).arg(&rss_file).args(argv);
        c
    } else {
        let mut c = Command::new(&argv[0]);
        c.args(&argv[1..]);
        c
    };
    let stdout = output(&mut c)?;
    let rss = fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.trim().lines().last()?.trim().parse::<u64>().ok())
        .map(|kb| kb * 1024);
    let _ = fs::remove_file(&rss_file);
    Some((stdout, rss))
}

fn last_json(stdout: &str) -> Option<serde_json::Value> {
    stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str::<serde_json::Value>(l.trim()).ok())
        .or_else(|| serde_json::from_str(stdout.trim()).ok())
}

/// `memory`: heap and peak RSS to hold every route: `ribcage load` (interning on and off)
/// against a `Vec<BgpElem>` (bench/peers memory).
fn bench_memory(ctx: &mut Context) -> String {
    ctx.build_ribcage();
    ctx.build_peers();
    ctx.prepare_inputs();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "### Memory to hold every route\n\n\
         bgpkit-parser: `bench/peers memory` holds every `BgpElem` of the file in one `Vec` \
         (shrunk to fit); heap = live bytes counted by a global allocator after loading. \
         ribcage: `ribcage load --json` (its own counting allocator), with `--intern off` for \
         comparison (the same compacted NLRI layout, no value shared between routes), and \
         `--no-compact` (interning on, NLRI left in the hashed layout they were loaded into) to \
         show what compaction adds. Peak RSS from `/usr/bin/time -f %M` (bgpkit: also its own `VmHWM`). One run \
         each (the counts are deterministic). Targets (issue 7): ≤ 32 B/route all-in for the 2002 \
         dump; ≤ 16 B per extra peer's route in the 20-peer table; VPNv4 ≥ 90% below interning \
         off.\n"
    );
    let inputs: Vec<Input> = [
        &ctx.bview,
        &ctx.updates,
        &ctx.table1,
        &ctx.table20,
        &ctx.vpn,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let _ = writeln!(
        md,
        "| file | tool | routes | heap | bytes/route | peak RSS |\n| --- | --- | ---: | ---: | ---: | ---: |"
    );
    let mut all: Vec<(String, Mem)> = Vec::new();
    for input in &inputs {
        let file = path_str(&input.path);
        let mut rows = Vec::new();
        let has_load = ctx.ribcage.is_some();
        for (tool, extra) in [
            ("ribcage", &[][..]),
            ("ribcage --intern off", &["--intern", "off"][..]),
            ("ribcage --no-compact", &["--no-compact"][..]),
        ] {
            if !has_load {
                rows.push(Mem {
                    tool: tool.into(),
                    argv: vec![],
                    routes: None,
                    heap: None,
                    rss: None,
                    note: "skipped: ribcage did not build".into(),
                });
                continue;
            }
            let mut argv = vec![path_str(
                ctx.ribcage.as_deref().unwrap_or(Path::new("ribcage")),
            )];
            argv.push("load".into());
            argv.extend(extra.iter().map(|s| s.to_string()));
            argv.push("--json".into());
            argv.push(file.clone());
            let m = match run_measured(&argv).and_then(|(o, rss)| Some((last_json(&o)?, rss))) {
                Some((v, rss)) => Mem {
                    tool: tool.into(),
                    routes: v["routes"].as_u64(),
                    heap: v["heap_bytes"].as_u64(),
                    rss,
                    argv,
                    note: String::new(),
                },
                None => Mem {
                    tool: tool.into(),
                    argv,
                    routes: None,
                    heap: None,
                    rss: None,
                    note: "failed or printed no JSON".into(),
                },
            };
            rows.push(m);
        }
        if let Some(p) = &ctx.peers {
            let argv = vec![path_str(p), "memory".into(), file.clone()];
            let m = match run_measured(&argv).and_then(|(o, rss)| Some((last_json(&o)?, rss))) {
                Some((v, rss)) => Mem {
                    tool: "bgpkit-parser Vec<BgpElem>".into(),
                    routes: v["routes"].as_u64(),
                    heap: v["heap_bytes"].as_u64(),
                    rss: rss.or(v["peak_rss_bytes"].as_u64()),
                    argv,
                    note: String::new(),
                },
                None => Mem {
                    tool: "bgpkit-parser Vec<BgpElem>".into(),
                    argv,
                    routes: None,
                    heap: None,
                    rss: None,
                    note: "failed".into(),
                },
            };
            rows.push(m);
        }
        for m in rows {
            match (m.routes, m.heap) {
                (Some(0), _) => {
                    let _ = writeln!(
                        md,
                        "| {} | {} | 0 | – | – | decodes no route of this file |",
                        input.name, m.tool
                    );
                }
                (Some(r), Some(h)) => {
                    let _ = writeln!(
                        md,
                        "| {} | {} | {} | {} | {:.1} | {} |",
                        input.name,
                        m.tool,
                        r,
                        mib(h),
                        h as f64 / r.max(1) as f64,
                        m.rss.map_or("?".into(), mib)
                    );
                }
                _ => {
                    let _ = writeln!(
                        md,
                        "| {} | {} | – | – | – | {} |",
                        input.name, m.tool, m.note
                    );
                }
            }
            all.push((input.name.to_string(), m));
        }
    }
    // Marginal cost of each extra peer's route: (heap(20 peers) - heap(1 peer)) / extra routes.
    let find = |file: &str, tool: &str| {
        all.iter()
            .find(|(f, m)| f == file && m.tool == tool)
            .and_then(|(_, m)| Some((m.routes?, m.heap?)))
    };
    let tools: Vec<String> = all.iter().map(|(_, m)| m.tool.clone()).collect();
    let mut seen = Vec::new();
    let mut marginal = String::new();
    for tool in tools {
        if seen.contains(&tool) {
            continue;
        }
        seen.push(tool.clone());
        if let (Some((r1, h1)), Some((r20, h20))) =
            (find("table 1 peer", &tool), find("table 20 peers", &tool))
        {
            if r20 > r1 {
                let _ = writeln!(
                    marginal,
                    "- {tool}: {:.1} bytes per extra peer's route ((heap(20 peers) − heap(1 peer)) / {} extra routes)",
                    (h20 as f64 - h1 as f64) / (r20 - r1) as f64,
                    r20 - r1
                );
            }
        }
    }
    for input in &inputs {
        for (against, what) in [
            ("ribcage --intern off", "interning"),
            ("ribcage --no-compact", "compaction"),
        ] {
            if let (Some((_, on)), Some((_, base))) =
                (find(input.name, "ribcage"), find(input.name, against))
            {
                if base > 0 {
                    let flag = against.trim_start_matches("ribcage ");
                    let _ = writeln!(
                        marginal,
                        "- {}: {what} holds the routes in {:.1}% less heap than `{flag}`",
                        input.name,
                        100.0 * (1.0 - on as f64 / base as f64)
                    );
                }
            }
        }
    }
    if !marginal.is_empty() {
        let _ = writeln!(md, "\n{marginal}");
    }
    let _ = writeln!(md, "\nCommands:\n");
    for (_, m) in &all {
        if !m.argv.is_empty() {
            let _ = writeln!(md, "    {}", show_argv(&m.argv));
        }
    }
    md
}

/// The machine and tool versions, for the `machine` section.
fn machine(ctx: &Context) -> String {
    let nproc = output(&mut Command::new("nproc")).unwrap_or_default();
    let lscpu = output(&mut Command::new("lscpu")).unwrap_or_default();
    let model = lscpu
        .lines()
        .find_map(|l| l.strip_prefix("Model name:"))
        .unwrap_or("?")
        .trim()
        .to_string();
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let kb: u64 = m
                .lines()
                .find(|l| l.starts_with("MemTotal:"))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some(format!("{:.1} GiB", kb as f64 / (1024.0 * 1024.0)))
        })
        .unwrap_or_else(|| "?".into());
    let kernel = output(Command::new("uname").arg("-sr")).unwrap_or_default();
    let rustc = output(Command::new("rustc").arg("--version")).unwrap_or_default();
    let bgpdump = ctx
        .bgpdump
        .as_ref()
        .and_then(|b| {
            let out = Command::new(b).arg("-h").output().ok()?;
            let text = String::from_utf8_lossy(&out.stderr).into_owned();
            text.lines()
                .find(|l| l.contains("bgpdump version"))
                .map(|l| l.trim().to_string())
        })
        .unwrap_or_else(|| "not installed".into());
    let bgpkit = Some(ctx.scratch.join("tools/bin/bgpkit-parser"))
        .filter(|b| b.is_file())
        .and_then(|b| output(Command::new(b).arg("--version")))
        .unwrap_or_else(|| format!("bgpkit-parser {BGPKIT_VERSION} (library)"));
    let hyperfine = ctx
        .hyperfine
        .as_ref()
        .and_then(|h| output(Command::new(h).arg("--version")))
        .unwrap_or_else(|| "not installed (timed by xtask)".into());
    let load = fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into());
    let date = output(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default();
    format!(
        "### Machine\n\n\
         - CPU: {model}, `nproc` = {}\n- Memory: {mem}\n- OS: {}\n- {}\n- {bgpdump}\n- {}\n- {}\n\
         - Run: {} by `cargo xtask bench` (release build, `[profile.release]` of the workspace)\n\
         - Load average (1, 5, 15 min) when this section was written: {load} (other work on the \
         machine inflates wall times; the CPU column is less affected)\n",
        nproc.trim(),
        kernel.trim(),
        rustc.trim(),
        bgpkit.trim(),
        hyperfine.trim(),
        date.trim(),
    )
}

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Replaces the text between `<!-- bench:NAME:begin -->` and `<!-- bench:NAME:end -->` in
/// BENCHMARKS.md with `body`, appending the section when the markers are missing.
pub(crate) fn write_section(root: &Path, name: &str, body: &str) -> Result<(), String> {
    let path = root.join("BENCHMARKS.md");
    let old = fs::read_to_string(&path).unwrap_or_else(|_| {
        "# Benchmarks\n\nGenerated by `cargo xtask bench`; each section is rewritten by the \
         benchmark of its name (`cargo xtask bench NAME`). Edit outside the markers only.\n"
            .to_string()
    });
    let new = replace_section(&old, name, body);
    fs::write(&path, new).map_err(|e| format!("{}: {e}", path.display()))
}

/// The pure part of [`write_section`].
pub(crate) fn replace_section(old: &str, name: &str, body: &str) -> String {
    let begin = format!("<!-- bench:{name}:begin -->");
    let end = format!("<!-- bench:{name}:end -->");
    let block = format!("{begin}\n{}\n{end}", body.trim_end());
    match (old.find(&begin), old.find(&end)) {
        (Some(b), Some(e)) if e > b => {
            format!("{}{block}{}", &old[..b], &old[e + end.len()..])
        }
        _ => format!("{}\n{block}\n", old.trim_end().to_string() + "\n"),
    }
}

/// Runs one named benchmark; `None` when the name is unknown.
fn run_one(ctx: &mut Context, name: &str) -> Option<Result<(), String>> {
    let body = match name {
        "dump" => bench_dump(ctx),
        "decode" => bench_decode(ctx),
        "memory" => bench_memory(ctx),
        _ => return None,
    };
    let mut body = body;
    ctx.notes_md(&mut body);
    ctx.notes.clear();
    Some(write_section(&ctx.root, name, &body))
}

/// `cargo xtask bench [NAME] [--runs N]`.
pub(crate) fn run(args: &[String]) -> ExitCode {
    // The interning benchmarks take their own arguments (a criterion filter): pass them through.
    match args.first().map(String::as_str) {
        Some("intern") => return crate::bench_intern::bench(&args[1..]),
        Some("intern-breakeven") => return crate::bench_intern::breakeven(&args[1..]),
        _ => {}
    }
    let parsed = Args::parse(args).and_then(|mut a| {
        let runs: u32 = a.take("runs", 3)?;
        Ok((runs, a.finish()?))
    });
    let (runs, names) = match parsed {
        Ok(x) => x,
        Err(e) => {
            eprintln!("bench: {e}\nusage: cargo xtask bench [all|dump|decode|memory|intern|intern-breakeven] [--runs N]");
            return ExitCode::from(2);
        }
    };
    let names: Vec<&str> = match names.first().map(String::as_str) {
        None | Some("all") => ALL.to_vec(),
        Some(_) => names.iter().map(String::as_str).collect(),
    };
    if let Some(bad) = names.iter().find(|n| !ALL.contains(n)) {
        eprintln!(
            "bench: unknown benchmark {bad:?} (intern and intern-breakeven must come first, alone)"
        );
        return ExitCode::from(2);
    }
    let mut ctx = Context::new(runs.max(3));
    let _ = fs::create_dir_all(&ctx.scratch);
    if let Err(e) = write_section(&ctx.root, "machine", &machine(&ctx)) {
        eprintln!("bench: {e}");
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for name in names {
        eprintln!("== bench: {name}");
        match run_one(&mut ctx, name) {
            None => {
                eprintln!("bench: unknown benchmark {name:?}");
                return ExitCode::from(2);
            }
            Some(Err(e)) => {
                eprintln!("bench: {name}: {e}");
                failed = true;
            }
            Some(Ok(())) => {}
        }
    }
    if let Err(e) = write_section(&ctx.root, "machine", &machine(&ctx)) {
        eprintln!("bench: {e}");
        failed = true;
    }
    println!("bench: results in BENCHMARKS.md");
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests;
