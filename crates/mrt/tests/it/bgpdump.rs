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

#[test]
fn gobgp_vectors_match_bgpdump() {
    let dir = format!("{}/testdata/gobgp", env!("CARGO_MANIFEST_DIR"));
    for name in [
        "plain_updates.mrt",
        "plain_table.mrt",
        "addpath_updates.mrt",
        "addpath_table.mrt",
        "variants_updates.mrt",
        "variants_table.mrt",
    ] {
        let data = std::fs::read(format!("{dir}/{name}")).unwrap();
        let want = std::fs::read(format!("{dir}/{name}.bgp")).unwrap();
        let (got, bad) = render(data);
        assert_eq!(bad, 0, "{name}");
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "{name}"
        );
    }
}

/// The formatter allocates nothing per route: over the 2002 RIB dump and the 2016 updates, once
/// its buffers have grown on the first records, formatting the rest allocates only when a
/// buffer meets a longer line than before. (allocation-counter counts per thread, so other
/// tests running meanwhile do not count.)
#[test]
fn no_allocation_per_route() {
    for name in ["bview.20020722.2337.gz", "updates.20160811.1600.gz"] {
        let records: Vec<_> = Records::new(View::from(ris(name)))
            .collect::<Result<_, _>>()
            .unwrap();
        let mut fmt = Bgpdump::new();
        let mut out = Vec::with_capacity(1 << 20);
        let (warm, rest) = records.split_at(1000);
        for rec in warm {
            fmt.write_record(rec, &mut out).unwrap();
            out.clear();
        }
        let mut lines = 0;
        let info = allocation_counter::measure(|| {
            for rec in rest {
                lines += fmt.write_record(rec, &mut out).unwrap().lines;
                if out.len() > 1 << 19 {
                    out.clear();
                }
            }
        });
        assert!(lines > 30_000, "{name}: {lines} lines");
        assert!(
            info.count_total < 50,
            "{name}: {} allocations",
            info.count_total
        );
    }
}
