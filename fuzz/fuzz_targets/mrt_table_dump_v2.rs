//! Fuzz target `mrt_table_dump_v2`: the body is `ribcage_robustness::targets::mrt_table_dump_v2`, which documents the
//! input layout; CI replays this target's corpus through the same function.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ribcage_robustness::targets::mrt_table_dump_v2(data));
