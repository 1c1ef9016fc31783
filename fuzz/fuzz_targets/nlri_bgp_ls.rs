//! Fuzz target `nlri_bgp_ls`: the body is `ribcage_robustness::targets::nlri_bgp_ls`, which documents the
//! input layout; CI replays this target's corpus through the same function.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ribcage_robustness::targets::nlri_bgp_ls(data));
