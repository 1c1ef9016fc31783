//! `bgpdump -m` output compared byte for byte with bgpdump's own, for every RIS capture.

use ribcage_buffer::View;
use ribcage_mrt::bgpdump::Bgpdump;
use ribcage_mrt::Records;

use crate::{gunzip, ris, RIS_FILES};

/// The formatter's output for a whole input and the number of records it reported trouble in.
pub(crate) fn render(data: Vec<u8>) -> (Vec<u8>, usize) {
    let mut fmt = Bgpdump::new();
    let mut out = Vec::new();
    let mut bad = 0;
    for r in Records::new(View::from(data)) {
        match r {
            Ok(rec) => match fmt.write_record(&rec, &mut out) {
                Ok(w) => bad += usize::from(w.dropped > 0),
                Err(_) => bad += 1,
            },
            Err(_) => bad += 1,
        }
    }
    (out, bad)
}

#[test]
fn every_ris_file_matches_bgpdump() {
    let mut failures = Vec::new();
    for name in RIS_FILES {
        let (got, _) = render(ris(name));
        let path = format!(
            "{}/../../testdata/ris/expected/{name}.bgp.gz",
            env!("CARGO_MANIFEST_DIR")
        );
        let want = gunzip(&std::fs::read(&path).expect("expected output"));
        if got != want {
            let line = got
                .split(|&b| b == b'\n')
                .zip(want.split(|&b| b == b'\n'))
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!("{name}: first difference at line {}", line + 1));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn only_the_trailing_bits_file_reports_trouble() {
    for name in RIS_FILES {
        let (_, bad) = render(ris(name));
        // That file's UPDATE ends with a prefix length byte and no prefix bytes.
        let expect = usize::from(*name == "updates.nlri_mask_trailing_bits.gz");
        assert_eq!(bad, expect, "{name}");
    }
}
