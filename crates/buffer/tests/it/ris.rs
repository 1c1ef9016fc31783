//! The bundled RIPE RIS files (testdata/ris/, see its README.md for provenance): record counts
//! per (type, subtype), bytes, and bounded buffer memory.

use std::collections::BTreeMap;

use ribcage_buffer::{open_input, MrtReader};

fn path(name: &str) -> String {
    format!("{}/../../testdata/ris/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// (type, subtype, record count, record bytes).
type Count = (u16, u16, usize, usize);

/// Per file: its counts and its decompressed length.
///
/// The counts given in testdata/ris/README.md are asserted as listed there; the ones it leaves
/// out (and all byte totals) were counted with this reader and cross-checked by an independent
/// Python walk of the same headers (`gzip.open`, `struct.unpack('>IHHI')`).
const EXPECTED: &[(&str, &[Count], usize)] = &[
    (
        "bview.20020722.2337.gz",
        &[(12, 1, 115_521, 6_902_693)],
        6_902_693,
    ),
    (
        "bview.64k_stream_overflow.gz",
        &[(13, 1, 1, 998), (13, 4, 1, 69_712)],
        70_710,
    ),
    (
        "bview.ipv4_unicast_add_path.gz",
        &[(13, 1, 1, 65), (13, 8, 31, 4_730)],
        4_795,
    ),
    (
        "bview.ipv6_unicast_add_path.gz",
        &[(13, 1, 1, 101), (13, 10, 31, 4_403)],
        4_504,
    ),
    (
        "updates.20020722.2238.gz",
        &[(16, 0, 93, 2_976), (16, 1, 1_028, 70_003)],
        72_979,
    ),
    (
        "updates.20070211.0141.gz",
        &[(16, 1, 23_394, 2_478_648)],
        2_478_648,
    ),
    (
        "updates.20100722.2015.gz",
        &[
            (16, 1, 789, 70_069),
            (16, 4, 1_364, 155_625),
            (16, 5, 40, 1_536),
        ],
        227_230,
    ),
    (
        "updates.20160811.1600.gz",
        &[(16, 4, 17_384, 2_432_255), (16, 5, 22, 1_128)],
        2_433_383,
    ),
    ("updates.long_withdrawal.gz", &[(16, 4, 1, 36_950)], 36_950),
    ("updates.nlri_mask_trailing_bits.gz", &[(16, 1, 1, 88)], 88),
];

#[test]
fn every_bundled_file_frames_to_the_expected_counts() {
    let dir = format!("{}/../../testdata/ris", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".gz"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(on_disk, listed, "every bundled file has expected counts");

    for (name, expected, total) in EXPECTED {
        let mut reader = MrtReader::new(open_input(path(name)).unwrap());
        let mut counts: BTreeMap<(u16, u16), (usize, usize)> = BTreeMap::new();
        let mut largest = 0;
        for rec in reader.by_ref() {
            let rec = rec.unwrap_or_else(|e| panic!("{name}: {e}"));
            let c = counts.entry((rec.mrt_type.0, rec.subtype)).or_default();
            c.0 += 1;
            c.1 += rec.wire_len();
            largest = largest.max(rec.wire_len());
        }
        let got: Vec<_> = counts
            .iter()
            .map(|(&(t, s), &(n, b))| (t, s, n, b))
            .collect();
        assert_eq!(&got, expected, "{name}");
        assert_eq!(reader.position(), *total, "{name}");
        assert!(
            reader.buffer_capacity() <= (64 * 1024).max(2 * largest),
            "{name}: buffer {} for largest record {largest}",
            reader.buffer_capacity()
        );
    }
}
