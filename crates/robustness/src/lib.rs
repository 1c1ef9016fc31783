//! Robustness harness for ribcage: the bodies of the fuzz targets, the corruption sweep over the
//! RIS fixtures, and helpers shared by the fuzz project (`fuzz/`), the examples behind
//! `cargo xtask fuzz` / `cargo xtask sweep`, and this crate's tests (which CI runs).
//!
//! - [`targets`]: one plain function per fuzz target (`targets::update(data)`), and
//!   [`targets::ALL`], the table the fuzz binaries, the corpus replay test and the seed builder
//!   share. A target panics only when it finds a bug: every input, however malformed, must decode
//!   to values or typed errors.
//! - [`intern_model`]: the interner driven by an operation sequence, checked against a plain
//!   `HashMap` model (values, pointer identity, counts, statistics).
//! - [`sweep`]: seeded damage (byte flips, truncation, spliced garbage) of MRT files, checking
//!   that every record the damage did not touch decodes exactly as in the undamaged file.
//! - [`fixtures`]: reading the bundled captures and cutting them into fuzz seeds.
//! - [`Rng`]: a tiny deterministic xorshift generator (no dependency).
//!
//! This crate is not published; it depends on every decoding crate and nothing depends on it.

#![forbid(unsafe_code)]

pub mod fixtures;
pub mod intern_model;
mod rng;
pub mod sweep;
pub mod targets;

pub use rng::Rng;
