//! Fuzz target `update`: the body is `ribcage_robustness::targets::update`, which documents the
//! input layout; CI replays this target's corpus through the same function.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ribcage_robustness::targets::update(data));
