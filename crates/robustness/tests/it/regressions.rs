//! Regression tests for what fuzzing and the sweep found, each asserting the decoder's answer on
//! the minimised input (no panic, the expected `Err`). The raw inputs are in `fuzz/regressions/`.

use ribcage_buffer::{MrtRecord, View};
use ribcage_mrt::bgpdump::Bgpdump;
use ribcage_mrt::{Decoder, MrtType};
use ribcage_robustness::targets::mrt_wire;

/// FUZZING.md crash 1 (`fuzz/regressions/mrt_bgp4mp/bgpdump_state_change_empty_body`):
/// a BGP4MP STATE_CHANGE whose body is shorter than its two AS numbers. The element decoder
/// reports it as truncated at the body's offset.
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

/// FUZZING.md crash 1, the formatter's half: `ribcage dump -m` used to subtract past zero on such
/// a record (a panic with overflow checks); it now skips the record with an error, as bgpdump
/// does with a record it cannot read, and writes nothing for it.
#[test]
fn bgpdump_skips_a_state_change_shorter_than_its_as_numbers() {
    for (subtype, len) in [(0u16, 0usize), (0, 3), (5, 0), (5, 7), (5, 11)] {
        let wire = mrt_wire(MrtType::BGP4MP, subtype, &vec![0; len]);
        let (record, _) = MrtRecord::split(&View::from(wire), 1 << 24).unwrap();
        let mut out = b"kept".to_vec();
        let result = Bgpdump::new().write_record(&record, &mut out);
        assert!(
            result.is_err(),
            "subtype {subtype}, {len} bytes: {result:?}"
        );
        assert_eq!(out, b"kept", "subtype {subtype}, {len} bytes");
    }
}
