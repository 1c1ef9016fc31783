//! The seeded corruption sweep over the RIS captures, 1,000 trials (`cargo xtask sweep` runs
//! 10,000 and more): no panic, bounded time and memory per trial, every untouched record decodes
//! exactly as undamaged, and the damage is reported with offsets.

use std::time::Instant;

use ribcage_robustness::sweep::{self, Capture, Damage};

/// Window of whole records per trial.
const WINDOW: usize = 16 * 1024;

#[test]
fn a_thousand_damaged_windows_decode_all_untouched_records_unchanged() {
    let start = Instant::now();
    let mut slowest = 0.0f64;
    let mut last = Instant::now();
    let (mut untouched, mut reported, mut truncations, mut splices) = (0, 0, 0, 0);
    let (mut known, mut swallowed) = (0, 0);
    let reports = sweep::run(1_000, 1, WINDOW, |r| {
        slowest = slowest.max(last.elapsed().as_secs_f64());
        last = Instant::now();
        untouched += r.untouched;
        reported += r.reported.len();
        known += usize::from(!r.known.is_empty());
        swallowed += r.swallowed.len();
        truncations += r
            .damage
            .iter()
            .filter(|d| matches!(d, Damage::Truncate { .. }))
            .count();
        splices += r
            .damage
            .iter()
            .filter(|d| matches!(d, Damage::Splice { .. }))
            .count();
        // Spliced garbage (at most 3 × 3000 bytes) is all that can lie past the window.
        for e in &r.reported {
            assert!(
                e.offset <= r.window + 3 * 3000,
                "offset {} past the input",
                e.offset
            );
        }
    });
    let failures: Vec<String> = reports
        .iter()
        .filter(|r| !r.failures.is_empty())
        .map(|r| {
            format!(
                "{} seed {} {:?}: {}",
                r.file,
                r.seed,
                r.damage,
                r.failures.join("; ")
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed trials:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The sweep exercised what it claims to.
    assert_eq!(reports.len(), 1_000);
    assert!(
        untouched > 10_000,
        "only {untouched} untouched records compared"
    );
    assert!(reported > 300, "only {reported} errors reported");
    assert!(
        truncations > 50 && splices > 300,
        "{truncations} truncations, {splices} splices"
    );
    // FUZZING.md's sweep findings 2 and 3 are fixed: no sandwiched or swallowed record in
    // these seeds. (`cargo xtask sweep --trials 130000` still finds one swallowed record: a
    // TABLE_DUMP_V2 RIB record grown over its successor, which framing does not check.)
    assert_eq!(
        known, 0,
        "{known} trials lost sandwiched or poisoned records"
    );
    assert_eq!(swallowed, 0, "{swallowed} records swallowed");
    // No hang: every trial is bounded (generously, for a loaded 2-core machine).
    assert!(slowest < 10.0, "slowest trial took {slowest:.1} s");
    eprintln!(
        "sweep: 1000 trials in {:.1} s, {untouched} untouched records compared, {reported} \
         errors reported, {known} trials with known losses, {swallowed} swallowed",
        start.elapsed().as_secs_f64()
    );
}

#[test]
fn a_damaged_trial_stays_within_a_memory_bound() {
    let capture = Capture::ris("updates.20160811.1600.gz");
    let mut worst = 0;
    for seed in 0..20 {
        let mut report = None;
        let info = allocation_counter::measure(|| {
            report = Some(sweep::trial(&capture, seed, WINDOW));
        });
        let r = report.unwrap();
        assert!(r.failures.is_empty(), "{:?}", r.failures);
        // The decoded text of both copies (kept for the comparison) and copies of the input
        // dominate; the decoders allocate nothing proportional to a length field.
        let bound = 64 * (r.window + 3 * 3000) + (1 << 20);
        assert!(
            (info.bytes_max as usize) < bound,
            "seed {seed}: peak {} bytes over {bound}",
            info.bytes_max
        );
        worst = worst.max(info.bytes_max);
    }
    eprintln!("worst peak heap of a trial: {worst} bytes");
}
