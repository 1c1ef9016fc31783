//! `ribcage frames`: counts on every bundled RIS file (testdata/ris/README.md), the table and
//! JSON forms agreeing, stdin, and the exit codes.

use serde_json::Value;

use crate::{ribcage, ris};

/// Per bundled file: (type, subtype, name, records, bytes). Counts listed in
/// testdata/ris/README.md are as listed there; the rest, and the byte totals (whole records,
/// common header included), were cross-checked with an independent Python walk of the headers.
type Row = (u64, u64, &'static str, u64, u64);
const EXPECTED: &[(&str, &[Row])] = &[
    (
        "bview.20020722.2337.gz",
        &[(12, 1, "TABLE_DUMP/AFI_IPv4", 115_521, 6_902_693)],
    ),
    (
        "bview.64k_stream_overflow.gz",
        &[
            (13, 1, "TABLE_DUMP_V2/PEER_INDEX_TABLE", 1, 998),
            (13, 4, "TABLE_DUMP_V2/RIB_IPV6_UNICAST", 1, 69_712),
        ],
    ),
    (
        "bview.ipv4_unicast_add_path.gz",
        &[
            (13, 1, "TABLE_DUMP_V2/PEER_INDEX_TABLE", 1, 65),
            (13, 8, "TABLE_DUMP_V2/RIB_IPV4_UNICAST_ADDPATH", 31, 4_730),
        ],
    ),
    (
        "bview.ipv6_unicast_add_path.gz",
        &[
            (13, 1, "TABLE_DUMP_V2/PEER_INDEX_TABLE", 1, 101),
            (13, 10, "TABLE_DUMP_V2/RIB_IPV6_UNICAST_ADDPATH", 31, 4_403),
        ],
    ),
    (
        "updates.20020722.2238.gz",
        &[
            (16, 0, "BGP4MP/STATE_CHANGE", 93, 2_976),
            (16, 1, "BGP4MP/MESSAGE", 1_028, 70_003),
        ],
    ),
    (
        "updates.20070211.0141.gz",
        &[(16, 1, "BGP4MP/MESSAGE", 23_394, 2_478_648)],
    ),
    (
        "updates.20100722.2015.gz",
        &[
            (16, 1, "BGP4MP/MESSAGE", 789, 70_069),
            (16, 4, "BGP4MP/MESSAGE_AS4", 1_364, 155_625),
            (16, 5, "BGP4MP/STATE_CHANGE_AS4", 40, 1_536),
        ],
    ),
    (
        "updates.20160811.1600.gz",
        &[
            (16, 4, "BGP4MP/MESSAGE_AS4", 17_384, 2_432_255),
            (16, 5, "BGP4MP/STATE_CHANGE_AS4", 22, 1_128),
        ],
    ),
    (
        "updates.long_withdrawal.gz",
        &[(16, 4, "BGP4MP/MESSAGE_AS4", 1, 36_950)],
    ),
    (
        "updates.nlri_mask_trailing_bits.gz",
        &[(16, 1, "BGP4MP/MESSAGE", 1, 88)],
    ),
];

/// The rows of a JSON report as tuples.
fn json_rows(report: &Value) -> Vec<(u64, u64, String, u64, u64)> {
    report["records"]
        .as_array()
        .expect("records array")
        .iter()
        .map(|r| {
            (
                r["type"].as_u64().unwrap(),
                r["subtype"].as_u64().unwrap(),
                r["name"].as_str().unwrap().to_owned(),
                r["count"].as_u64().unwrap(),
                r["bytes"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn owned(rows: &[Row]) -> Vec<(u64, u64, String, u64, u64)> {
    rows.iter()
        .map(|&(t, s, n, c, b)| (t, s, n.to_owned(), c, b))
        .collect()
}

/// Parses the table form back into rows, checking the header, total and trailer lines.
fn table_rows(stdout: &str) -> Vec<(u64, u64, String, u64, u64)> {
    let lines: Vec<&str> = stdout.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["TYPE", "SUBTYPE", "NAME", "RECORDS", "BYTES"]);
    let n = lines.len();
    assert!(lines[n - 2] == "bad records: 0", "{stdout}");
    assert!(lines[n - 1].starts_with("elapsed: "), "{stdout}");
    let rows: Vec<_> = lines[1..n - 3]
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 5, "{l}");
            (
                f[0].parse().unwrap(),
                f[1].parse().unwrap(),
                f[2].to_owned(),
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
            )
        })
        .collect();
    let total: Vec<&str> = lines[n - 3].split_whitespace().collect();
    let records: u64 = rows.iter().map(|r| r.3).sum();
    let bytes: u64 = rows.iter().map(|r| r.4).sum();
    assert_eq!(total, ["total", &records.to_string(), &bytes.to_string()]);
    rows
}

#[test]
fn json_counts_every_bundled_file() {
    let dir = format!("{}/../../testdata/ris", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".gz"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|(n, _)| *n).collect();
    assert_eq!(on_disk, listed, "every bundled file has expected counts");

    for (name, rows) in EXPECTED {
        let out = ribcage(&["frames", "--json", &ris(name)], None);
        assert_eq!(out.status.code(), Some(0), "{name}: {out:?}");
        assert!(out.stderr.is_empty(), "{name}: {out:?}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json_rows(&report), owned(rows), "{name}");
        assert_eq!(report["bad_records"], 0, "{name}");
        assert!(report["elapsed_s"].as_f64().unwrap() >= 0.0, "{name}");
        let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["bad_records", "elapsed_s", "records"], "{name}");
    }
}

#[test]
fn table_agrees_with_json() {
    for (name, rows) in EXPECTED {
        let out = ribcage(&["frames", &ris(name)], None);
        assert_eq!(out.status.code(), Some(0), "{name}: {out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(table_rows(&stdout), owned(rows), "{name}:\n{stdout}");
    }
}

#[test]
fn dash_reads_stdin() {
    let data = std::fs::read(ris("updates.20020722.2238.gz")).unwrap();
    let out = ribcage(&["frames", "--json", "-"], Some(&data));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json_rows(&report), owned(EXPECTED[4].1));
}

/// A BGP4MP/MESSAGE record with `len` body bytes.
fn record(len: u32) -> Vec<u8> {
    let mut r = vec![0x3d, 0x3c, 0x8b, 0x00, 0, 16, 0, 1];
    r.extend_from_slice(&len.to_be_bytes());
    r.extend(std::iter::repeat_n(0u8, len as usize));
    r
}

#[test]
fn truncated_last_record_exits_1_naming_its_offset() {
    let mut data = record(30);
    data.extend(record(20));
    data.extend(&record(50)[..40]);
    let out = ribcage(&["frames", "--json", "-"], Some(&data));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json_rows(&report),
        [(16, 1, "BGP4MP/MESSAGE".to_owned(), 2, 74)]
    );
    assert_eq!(report["bad_records"], 1);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("at offset 74"), "{stderr}");
}

#[test]
fn record_beyond_max_length_exits_1() {
    let mut data = record(30);
    data.extend(record(200));
    let out = ribcage(&["frames", "--max-record-len", "100", "-"], Some(&data));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("bad records: 1"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("record length 200 at offset 50 exceeds the maximum 100"),
        "{stderr}"
    );
}

#[test]
fn missing_input_exits_2() {
    let out = ribcage(&["frames", "/nonexistent/ribcage.mrt"], None);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("/nonexistent/ribcage.mrt"), "{stderr}");
    assert!(out.stdout.is_empty());
}
