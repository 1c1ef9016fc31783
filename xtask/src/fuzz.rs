//! `cargo xtask fuzz [--time SECONDS] [--cmin] [TARGET...]`: (re)builds the seed corpora from the
//! bundled captures, builds every cargo-fuzz target, runs each for SECONDS (default 60), `--jobs N`
//! targets at a time (default 1), and prints a table of executions per target (see FUZZING.md).
//!
//! `cargo xtask sweep [--trials N] [--seed S] [--window BYTES]`: the corruption sweep at any
//! size (default 10,000 trials of 64 KiB windows), in release mode.
//!
//! Toolchain: cargo-fuzz needs `-Z` flags (sanitizers, coverage instrumentation). With a nightly
//! toolchain installed it uses `cargo +nightly fuzz`; otherwise it runs `cargo fuzz` on the
//! stable toolchain with `RUSTC_BOOTSTRAP=1`, which unlocks those flags (stable's standard
//! library ships the AddressSanitizer runtime).

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::time::Instant;

use crate::ci::root;

/// Every fuzz target (the binaries in `fuzz/fuzz_targets/`).
fn all_targets() -> Vec<String> {
    let dir = root().join("fuzz/fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.strip_suffix(".rs").map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// `cargo +nightly` when a nightly toolchain is installed, else plain cargo with
/// `RUSTC_BOOTSTRAP=1`.
fn fuzz_cargo() -> Command {
    let nightly = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if nightly {
        // Through rustup's proxy, not $CARGO (which pins the current toolchain).
        let mut cmd = Command::new("cargo");
        cmd.arg("+nightly").current_dir(root());
        cmd
    } else {
        let mut cmd = cargo();
        cmd.env("RUSTC_BOOTSTRAP", "1");
        cmd
    }
}

fn run(mut cmd: Command) -> bool {
    eprintln!("$ {cmd:?}");
    cmd.status().is_ok_and(|s| s.success())
}

/// Installs cargo-fuzz when missing.
fn ensure_cargo_fuzz() -> bool {
    let ok = cargo()
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok || {
        let mut c = cargo();
        c.args(["install", "cargo-fuzz", "--locked"]);
        run(c)
    }
}

/// Rebuilds `fuzz/corpus_seeds/` from the captures.
fn build_seeds() -> bool {
    let seeds = root().join("fuzz/corpus_seeds");
    let _ = std::fs::remove_dir_all(&seeds);
    let mut c = cargo();
    c.args([
        "run",
        "--quiet",
        "--package",
        "ribcage-robustness",
        "--example",
        "fuzz_seeds",
        "--",
    ])
    .arg(&seeds);
    run(c)
}

/// The value of `stat::NAME: N` in libFuzzer's final statistics.
fn stat(log: &str, name: &str) -> Option<u64> {
    let key = format!("stat::{name}:");
    log.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix(&key)?.trim().parse().ok())
}

fn value<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    let i = args.iter().position(|a| a == flag)?;
    args.get(i + 1).map(String::as_str)
}

/// `cargo xtask fuzz`.
pub(crate) fn fuzz(args: &[String]) -> ExitCode {
    let secs: u64 = value(args, "--time")
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let cmin = args.iter().any(|a| a == "--cmin");
    let jobs: usize = value(args, "--jobs")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut skip_next = false;
    let mut chosen: Vec<String> = Vec::new();
    for a in args {
        if skip_next {
            skip_next = false;
        } else if a == "--time" || a == "--jobs" {
            skip_next = true;
        } else if !a.starts_with("--") {
            chosen.push(a.clone());
        }
    }
    let targets = if chosen.is_empty() {
        all_targets()
    } else {
        chosen
    };
    if !ensure_cargo_fuzz() || !build_seeds() {
        return ExitCode::FAILURE;
    }
    let mut build = fuzz_cargo();
    build.args(["fuzz", "build", "-O", "--debug-assertions"]);
    if !run(build) {
        return ExitCode::FAILURE;
    }
    let logs = root().join("fuzz/logs");
    let _ = std::fs::create_dir_all(&logs);
    let queue = Mutex::new(targets.iter().rev().cloned().collect::<Vec<_>>());
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                // A function call, so the queue's lock is released before the target runs.
                let next = || queue.lock().ok().and_then(|mut q| q.pop());
                while let Some(t) = next() {
                    let row = fuzz_one(&t, secs, cmin, &logs);
                    if let Ok(mut r) = results.lock() {
                        r.push(row);
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let failed: Vec<String> = results
        .iter()
        .filter(|r| !r.3)
        .map(|r| r.0.clone())
        .collect();
    let rows: Vec<String> = results.iter().map(|r| r.4.clone()).collect();
    println!("| target | executions | seconds | result |\n| --- | --- | --- | --- |");
    for r in &rows {
        println!("{r}");
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "crashes in: {} (minimise with `cargo fuzz tmin TARGET ARTIFACT`, then save under \
             fuzz/regressions/TARGET/)",
            failed.join(" ")
        );
        ExitCode::FAILURE
    }
}

/// Fuzzes one target for `secs` seconds; returns (target, executions, seconds, ok, table row).
fn fuzz_one(t: &str, secs: u64, cmin: bool, logs: &Path) -> (String, u64, u64, bool, String) {
    let corpus = root().join("fuzz/corpus").join(t);
    let _ = std::fs::create_dir_all(&corpus);
    let seeds = root().join("fuzz/corpus_seeds").join(t);
    let mut c = fuzz_cargo();
    c.args(["fuzz", "run", "-O", "--debug-assertions", t])
        .arg(&corpus)
        .arg(&seeds)
        .arg("--")
        .arg(format!("-max_total_time={secs}"))
        .args([
            "-print_final_stats=1",
            "-max_len=16384",
            "-timeout=10",
            "-rss_limit_mb=2048",
        ]);
    eprintln!("== fuzz {t} for {secs} s");
    let start = Instant::now();
    let out = c.stdout(Stdio::null()).stderr(Stdio::piped()).output();
    let elapsed = start.elapsed().as_secs();
    let (ok, log) = match out {
        Ok(o) => (
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        ),
        Err(e) => (false, e.to_string()),
    };
    let _ = std::fs::write(logs.join(format!("{t}.log")), &log);
    let execs = stat(&log, "number_of_executed_units").unwrap_or(0);
    let result = if ok {
        "ok".to_string()
    } else {
        let artifact = log
            .lines()
            .find_map(|l| l.split("Test unit written to ").nth(1))
            .unwrap_or("see fuzz/logs");
        format!("CRASH: {artifact}")
    };
    eprintln!("{t}: {execs} executions in {elapsed} s: {result}");
    if cmin && ok {
        let mut m = fuzz_cargo();
        m.args(["fuzz", "cmin", "-O", "--debug-assertions", t])
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        run(m);
    }
    let row = format!("| {t} | {execs} | {elapsed} | {result} |");
    (t.to_string(), execs, elapsed, ok, row)
}

/// `cargo xtask sweep`.
pub(crate) fn sweep(args: &[String]) -> ExitCode {
    let mut c = cargo();
    c.args([
        "run",
        "--release",
        "--package",
        "ribcage-robustness",
        "--example",
        "sweep",
        "--",
    ])
    .args(args);
    if run(c) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
