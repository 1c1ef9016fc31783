//! Criterion benchmarks of ribcage-intern side by side with lasso (`ThreadedRodeo`) and
//! internment (`ArcIntern<str>`) on the same keys: hit latency, miss latency, and throughput
//! with 1, 2 and 4 threads. Run with `cargo xtask bench intern`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_main, BenchmarkId, Criterion, Throughput};
use internment::ArcIntern;
use lasso::ThreadedRodeo;
use ribcage_intern::{Policy, Pool};

/// Distinct keys in the hit and throughput sets.
const HOT: usize = 10_000;
/// Distinct keys available to one miss batch.
const COLD: usize = 100_000;

/// AS_PATH-like text keys, 20 to 30 bytes.
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

fn hit(c: &mut Criterion) {
    let keys = keys(HOT, 0);
    let mut g = c.benchmark_group("hit");
    g.throughput(Throughput::Elements(1));
    for policy in [
        Policy::Unbounded,
        Policy::Weak,
        Policy::Lru { capacity: HOT },
    ] {
        let pool: Pool<str> = Pool::new(policy);
        let held: Vec<_> = keys.iter().map(|k| pool.intern(k)).collect();
        let mut i = 0;
        g.bench_function(BenchmarkId::new("ribcage", policy), |b| {
            b.iter(|| {
                i = (i + 1) % HOT;
                black_box(pool.intern(black_box(&keys[i])))
            })
        });
        drop(held);
    }
    let rodeo: ThreadedRodeo = ThreadedRodeo::new();
    for k in &keys {
        rodeo.get_or_intern(k.as_str());
    }
    let mut i = 0;
    g.bench_function("lasso ThreadedRodeo", |b| {
        b.iter(|| {
            i = (i + 1) % HOT;
            black_box(rodeo.get_or_intern(black_box(keys[i].as_str())))
        })
    });
    let held: Vec<ArcIntern<str>> = keys.iter().map(|k| ArcIntern::from(k.as_str())).collect();
    let mut i = 0;
    g.bench_function("internment ArcIntern", |b| {
        b.iter(|| {
            i = (i + 1) % HOT;
            black_box(ArcIntern::<str>::from(black_box(keys[i].as_str())))
        })
    });
    drop(held);
    g.finish();
}

/// Times `iters` misses: fresh structures per batch of at most `COLD` unique keys; building and
/// dropping the structures is not timed.
fn misses<S, H>(
    iters: u64,
    keys: &[String],
    make: impl Fn() -> S,
    intern: impl Fn(&S, &str) -> H,
) -> Duration {
    let mut total = Duration::ZERO;
    let mut done = 0u64;
    while done < iters {
        let n = (iters - done).min(keys.len() as u64) as usize;
        let s = make();
        let mut held = Vec::with_capacity(n);
        let start = Instant::now();
        for k in &keys[..n] {
            held.push(intern(&s, k));
        }
        total += start.elapsed();
        drop(held);
        drop(s);
        done += n as u64;
    }
    total
}

fn miss(c: &mut Criterion) {
    let keys = keys(COLD, 1);
    let mut g = c.benchmark_group("miss");
    g.throughput(Throughput::Elements(1));
    for policy in [Policy::Unbounded, Policy::Weak] {
        g.bench_function(BenchmarkId::new("ribcage", policy), |b| {
            b.iter_custom(|iters| {
                misses(
                    iters,
                    &keys,
                    || Pool::<str>::new(policy),
                    |p, k| p.intern(k),
                )
            })
        });
    }
    g.bench_function("lasso ThreadedRodeo", |b| {
        b.iter_custom(|iters| {
            misses(iters, &keys, ThreadedRodeo::<lasso::Spur>::new, |r, k| {
                r.get_or_intern(k)
            })
        })
    });
    g.bench_function("internment ArcIntern", |b| {
        b.iter_custom(|iters| misses(iters, &keys, || (), |_, k| ArcIntern::<str>::from(k)))
    });
    g.finish();
}

/// Runs `op` on `threads` threads at once, each over its own walk of the keys, `iters` times per
/// thread; returns the wall time.
fn parallel(threads: usize, iters: u64, keys: &[String], op: impl Fn(&str) + Sync) -> Duration {
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let op = &op;
            s.spawn(move || {
                let mut i = t * 7_919;
                for _ in 0..iters {
                    i = (i + 13) % keys.len();
                    op(&keys[i]);
                }
            });
        }
    });
    start.elapsed()
}

fn throughput(c: &mut Criterion) {
    let keys = keys(HOT, 2);
    let pool: Pool<str> = Pool::new(Policy::Weak);
    let held: Vec<_> = keys.iter().map(|k| pool.intern(k)).collect();
    let rodeo: ThreadedRodeo = ThreadedRodeo::new();
    for k in &keys {
        rodeo.get_or_intern(k.as_str());
    }
    let arcs: Vec<ArcIntern<str>> = keys.iter().map(|k| ArcIntern::from(k.as_str())).collect();
    let mut g = c.benchmark_group("throughput");
    for threads in [1usize, 2, 4] {
        g.throughput(Throughput::Elements(threads as u64));
        g.bench_function(BenchmarkId::new("ribcage weak", threads), |b| {
            b.iter_custom(|iters| {
                parallel(threads, iters, &keys, |k| {
                    black_box(pool.intern(k));
                })
            })
        });
        g.bench_function(BenchmarkId::new("lasso ThreadedRodeo", threads), |b| {
            b.iter_custom(|iters| {
                parallel(threads, iters, &keys, |k| {
                    black_box(rodeo.get_or_intern(k));
                })
            })
        });
        g.bench_function(BenchmarkId::new("internment ArcIntern", threads), |b| {
            b.iter_custom(|iters| {
                parallel(threads, iters, &keys, |k| {
                    black_box(ArcIntern::<str>::from(k));
                })
            })
        });
    }
    g.finish();
    drop((held, arcs));
}

/// Criterion's generated group function, in a module that allows its missing doc comment.
mod group {
    #![allow(missing_docs)]
    use super::{hit, miss, throughput};
    criterion::criterion_group!(benches, hit, miss, throughput);
}

criterion_main!(group::benches);
