//! ribcage's robustness tests: the fuzz corpora and regression inputs replayed through every
//! target, the interner model, the seeded corruption sweep, and adversarial memory bounds.
//!
//! Allocation counts use `allocation-counter`'s per-thread global allocator, so tests running
//! on other threads do not disturb a measurement.

mod memory;
mod regressions;
mod replay;
mod sweep;
