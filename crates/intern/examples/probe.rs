//! Hit and miss latency probe of ribcage-intern in a plain loop (best of several rounds), for
//! before/after comparisons on a loaded machine. `cargo run --release -p ribcage-intern --example probe`.

use std::hint::black_box;
use std::time::Instant;

use ribcage_intern::{Policy, Pool};

fn keys(n: usize, salt: u32) -> Vec<String> {
    (0..n as u32)
        .map(|i| {
            format!(
                "{} {} {}",
                64_512 + salt,
                65_000 + i % 977,
                4_200_000_000u32 - i
            )
        })
        .collect()
}

fn best(rounds: usize, mut f: impl FnMut() -> f64) -> f64 {
    (0..rounds).map(|_| f()).fold(f64::INFINITY, f64::min)
}

fn main() {
    let hot = keys(10_000, 0);
    for policy in [
        Policy::Unbounded,
        Policy::Weak,
        Policy::Lru { capacity: 20_000 },
    ] {
        let pool: Pool<str> = Pool::new(policy);
        let held: Vec<_> = hot.iter().map(|k| pool.intern(k)).collect();
        let n = 2_000_000;
        let hit = best(7, || {
            let t = Instant::now();
            for i in 0..n {
                black_box(pool.intern(black_box(&hot[i % hot.len()])));
            }
            t.elapsed().as_nanos() as f64 / n as f64
        });
        drop(held);
        let cold = keys(100_000, 1);
        let miss = best(7, || {
            let pool: Pool<str> = Pool::new(policy);
            let mut out = Vec::with_capacity(cold.len());
            let t = Instant::now();
            for k in &cold {
                out.push(pool.intern(black_box(k)));
            }
            let e = t.elapsed().as_nanos() as f64 / cold.len() as f64;
            drop(out);
            e
        });
        // Weak only: interning then dropping unique values (insert + release on drop).
        let churn = best(7, || {
            let pool: Pool<str> = Pool::new(policy);
            let t = Instant::now();
            for k in &cold {
                drop(pool.intern(black_box(k)));
            }
            t.elapsed().as_nanos() as f64 / cold.len() as f64
        });
        println!(
            "{policy}: hit+drop {hit:.1} ns, miss {miss:.1} ns, intern+drop unique {churn:.1} ns"
        );
    }
}
