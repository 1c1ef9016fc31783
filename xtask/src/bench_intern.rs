//! `cargo xtask bench intern` and `cargo xtask bench intern-breakeven`: the ribcage-intern
//! benchmarks (criterion, side by side with lasso and internment; memory per entry) and the
//! break-even table that the crate docs include. Figures go to docs/bench/intern.md by hand.

use std::process::{Command, ExitCode};

use crate::ci::root;

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

fn run(mut cmd: Command) -> bool {
    eprintln!("$ {cmd:?}");
    cmd.status().map(|s| s.success()).unwrap_or_else(|e| {
        eprintln!("cannot start: {e}");
        false
    })
}

/// Criterion timings (short warm-up and measurement, so the whole run stays under five
/// minutes on two cores), then memory per entry. Extra arguments go to criterion (a filter).
pub(crate) fn bench(args: &[String]) -> ExitCode {
    let mut timed = cargo();
    timed.args(["bench", "-p", "ribcage-intern", "--bench", "intern", "--"]);
    timed.args([
        "--warm-up-time",
        "0.5",
        "--measurement-time",
        "1.5",
        "--noplot",
    ]);
    timed.args(args);
    let mut memory = cargo();
    memory.args(["bench", "-p", "ribcage-intern", "--bench", "memory"]);
    if run(timed) && run(memory) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Regenerates crates/intern/BREAKEVEN.md.
pub(crate) fn breakeven(_args: &[String]) -> ExitCode {
    let out = root().join("crates/intern/BREAKEVEN.md");
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--release",
        "-p",
        "ribcage-intern",
        "--example",
        "breakeven",
        "--",
    ]);
    cmd.arg(&out);
    if run(cmd) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
