//! Fuzz target `nlri_flowspec`: the body is `ribcage_robustness::targets::nlri_flowspec`, which documents the
//! input layout; CI replays this target's corpus through the same function.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ribcage_robustness::targets::nlri_flowspec(data));
