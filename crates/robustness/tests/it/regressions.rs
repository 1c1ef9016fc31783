//! Regression tests for what fuzzing and the sweep found, each asserting the decoder's answer on
//! the minimised input (no panic, the expected `Err`). The raw inputs are in `fuzz/regressions/`;
//! for bugs not fixed yet (FUZZING.md) the test of the fixed half joins this file with the fix.

use ribcage_buffer::{MrtRecord, View};
use ribcage_mrt::{Decoder, MrtType};
use ribcage_robustness::targets::mrt_wire;

/// FUZZING.md crash 1 (`fuzz/regressions/mrt_bgp4mp/bgpdump_state_change_empty_body`):
/// a BGP4MP STATE_CHANGE whose body is shorter than its two AS numbers. The element decoder
/// already reports it as truncated at the body's offset; the bgpdump formatter's half is pending
/// (it must return `Err` and leave its output unchanged).
#[test]
fn bgp4mp_state_change_shorter_than_its_as_numbers_is_truncated() {
    for (subtype, len) in [(0u16, 0usize), (0, 3), (5, 0), (5, 7)] {
        let wire = mrt_wire(MrtType::BGP4MP, subtype, &vec![0; len]);
        let (record, _) = MrtRecord::split(&View::from(wire), 1 << 24).unwrap();
        let mut decoder = Decoder::new();
        match decoder.elements(&record) {
            Err(ribcage_mrt::Error::Truncated { offset, .. }) => {
                assert!((12..=12 + len).contains(&offset), "offset {offset}")
            }
            Err(e) => panic!("subtype {subtype}, {len} bytes: unexpected {e}"),
            Ok(_) => panic!("subtype {subtype}, {len} bytes: decoded"),
        }
    }
}
