//! Integration tests of ribcage-intern. `allocation-counter` is this binary's global allocator;
//! its counters are per thread, so tests running in parallel do not disturb a measurement.

mod alloc;
mod concurrency;
mod identity;
mod lru;
mod stats;
mod weak;

/// Bytes of `n` as a fixed-width key.
fn key(n: u64) -> [u8; 8] {
    n.to_le_bytes()
}
