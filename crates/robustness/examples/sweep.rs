//! The corruption sweep at any size: `sweep [--trials N] [--seed S] [--window BYTES]` (run by
//! `cargo xtask sweep`). Prints a summary, every failure, and exits non-zero on any.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |flag: &str, default: u64| -> u64 {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let trials = get("--trials", 10_000) as usize;
    let seed = get("--seed", 1);
    let window = get("--window", 64 * 1024) as usize;
    if let Ok(name) = std::env::var("SWEEP_PROFILE") {
        // Time the undamaged decode of one capture's first window.
        let name: &'static str = Box::leak(name.into_boxed_str());
        let cap = ribcage_robustness::sweep::Capture::ris(name);
        let seed = get("--seed", 1);
        let t = Instant::now();
        let r = ribcage_robustness::sweep::trial(&cap, seed, window);
        eprintln!("{:.2} s {:?}", t.elapsed().as_secs_f64(), r.damage);
        return;
    }
    let start = Instant::now();
    let (mut records, mut untouched, mut reported, mut failed, mut swallowed) = (0, 0, 0, 0, 0);
    let (mut known, mut known_trials) = (0, 0);
    let mut slowest = 0f64;
    let mut last = Instant::now();
    ribcage_robustness::sweep::run(trials, seed, window, |r| {
        let t = last.elapsed().as_secs_f64();
        last = Instant::now();
        slowest = slowest.max(t);
        if t > 1.0 {
            eprintln!(
                "slow trial ({t:.1} s): {} window {} {:?}",
                r.file, r.window, r.damage
            );
        }
        records += r.records;
        untouched += r.untouched;
        reported += r.reported.len();
        swallowed += r.swallowed.len();
        if !r.known.is_empty() {
            known_trials += 1;
            known += r.known.len();
            eprintln!(
                "known limitation {} seed {} {:?}: {}",
                r.file, r.seed, r.damage, r.known[0]
            );
        }
        for w in &r.swallowed {
            eprintln!("swallowed {} {:?}: {w}", r.file, r.damage);
        }
        if !r.failures.is_empty() {
            failed += 1;
            eprintln!(
                "FAILED {} seed {} {:?}:\n{}",
                r.file,
                r.seed,
                r.damage,
                r.failures.join("\n")
            );
        }
    });
    println!(
        "sweep: {trials} trials (seeds {seed}..{}), window {window} B, {:.1} s (slowest trial \
         {slowest:.3} s): {records} records, {untouched} untouched and compared, {reported} \
         errors reported with offsets, {swallowed} untouched records swallowed by a damaged \
         length field, {known} lost to known resynchronisation limits (in {known_trials} \
         trials), {failed} failed trials",
        seed + trials as u64,
        start.elapsed().as_secs_f64()
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
