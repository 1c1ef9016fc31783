//! `cargo xtask ci`: every check CI runs, in order, failing fast, ending with
//! `ci: N passed, M failed`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The workspace root (the parent of the xtask crate).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Runs a command, echoing it first; true when it exits 0.
fn run_cmd(mut cmd: Command) -> bool {
    eprintln!("$ {cmd:?}");
    match cmd.status() {
        Ok(s) => s.success(),
        Err(e) => {
            eprintln!("cannot start: {e}");
            false
        }
    }
}

/// Installs a rustup component when the tool it provides is missing.
fn ensure_component(tool: &str, component: &str) -> bool {
    let ok = cargo()
        .args([tool, "--version"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return true;
    }
    let mut cmd = Command::new("rustup");
    cmd.args(["component", "add", component]);
    run_cmd(cmd)
}

/// Finds snapshot files that insta left pending (`.snap.new`, `.pending-snap`).
fn pending_snapshots(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !name.starts_with("target") && name != ".git" {
                pending_snapshots(&path, out);
            }
        } else if name.ends_with(".snap.new") || name.ends_with(".pending-snap") {
            out.push(path);
        }
    }
}

fn step_fmt() -> bool {
    ensure_component("fmt", "rustfmt") && {
        let mut c = cargo();
        c.args(["fmt", "--all", "--check"]);
        run_cmd(c)
    }
}

fn step_clippy() -> bool {
    ensure_component("clippy", "clippy") && {
        let mut c = cargo();
        c.args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]);
        run_cmd(c)
    }
}

fn step_test() -> bool {
    let mut c = cargo();
    c.args(["test", "--workspace"]).env("INSTA_UPDATE", "no");
    let ok = run_cmd(c);
    let mut pending = Vec::new();
    pending_snapshots(&root(), &mut pending);
    for p in &pending {
        eprintln!("pending snapshot: {}", p.display());
    }
    ok && pending.is_empty()
}

fn step_doc() -> bool {
    let mut c = cargo();
    c.args(["doc", "--workspace", "--no-deps"])
        .env("RUSTDOCFLAGS", "-D warnings");
    run_cmd(c)
}

/// The README's main command, on the bundled data.
fn step_smoke() -> bool {
    let mut c = cargo();
    c.args(["run", "--release", "--package", "ribcage-cli", "--"])
        .args(crate::SMOKE_ARGS);
    run_cmd(c)
}

/// A named CI step; true when it passed.
type Step = (&'static str, fn() -> bool);

/// Runs every step in order, stopping at the first failure.
pub(crate) fn run(_args: &[String]) -> ExitCode {
    let steps: [Step; 5] = [
        ("fmt", step_fmt),
        ("clippy", step_clippy),
        ("test", step_test),
        ("doc", step_doc),
        ("smoke", step_smoke),
    ];
    let (mut passed, mut failed) = (Vec::new(), Vec::new());
    for (name, step) in steps {
        eprintln!("== ci step: {name}");
        if step() {
            passed.push(name);
        } else {
            failed.push(name);
            break;
        }
    }
    println!(
        "ci: {} passed, {} failed (passed: {}; failed: {})",
        passed.len(),
        failed.len(),
        passed.join(" "),
        if failed.is_empty() {
            "none".to_string()
        } else {
            failed.join(" ")
        }
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
