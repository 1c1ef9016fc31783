//! `ribcage dump`: bgpdump -m equality on every bundled RIS file, JSON, stdin, damaged input
//! and the exit codes.

use serde_json::Value;

use crate::{gunzip, ribcage, ris, RIS_FILES};

fn expected(name: &str) -> Vec<u8> {
    gunzip(&ris(&format!("expected/{name}.bgp.gz")))
}

#[test]
fn dash_m_is_bgpdump_byte_for_byte() {
    for name in RIS_FILES {
        let out = ribcage(&["dump", "-m", &ris(name)], None);
        assert!(
            out.stdout == expected(name),
            "{name}: output differs from bgpdump -m"
        );
        // The one UPDATE of the trailing-bits file ends with a prefix length byte and no prefix:
        // bgpdump drops it silently, ribcage reports it.
        let code = i32::from(*name == "updates.nlri_mask_trailing_bits.gz");
        assert_eq!(out.status.code(), Some(code), "{name}");
    }
}

#[test]
fn stdin_and_compression() {
    let raw = std::fs::read(ris("updates.20070211.0141.gz")).unwrap();
    let out = ribcage(&["dump", "-m", "-"], Some(&raw));
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == expected("updates.20070211.0141.gz"));
    // Uncompressed through stdin as well.
    let plain = gunzip(&ris("updates.long_withdrawal.gz"));
    let out = ribcage(&["dump", "-"], Some(&plain));
    assert!(out.stdout == expected("updates.long_withdrawal.gz"));
}

#[test]
fn unreadable_input_exits_2() {
    let out = ribcage(&["dump", "-m", "/nonexistent/ribcage-test.mrt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

/// Lines of `a` not in `b`, counting duplicates, in order.
fn missing(a: &[u8], b: &[u8]) -> usize {
    let mut have = std::collections::HashMap::<&[u8], usize>::new();
    for l in b.split(|&c| c == b'\n') {
        *have.entry(l).or_default() += 1;
    }
    a.split(|&c| c == b'\n')
        .filter(|l| match have.get_mut(l) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .count()
}

#[test]
fn damaged_copies_lose_only_the_damaged_record() {
    let clean = gunzip(&ris("updates.20160811.1600.gz"));
    let want = expected("updates.20160811.1600.gz");
    let lines = want.iter().filter(|&&c| c == b'\n').count();

    // Garbage in the middle (at a record boundary found by walking the headers).
    let mut offsets = Vec::new();
    let mut pos = 0;
    while pos + 12 <= clean.len() {
        offsets.push(pos);
        pos += 12 + u32::from_be_bytes(clean[pos + 8..pos + 12].try_into().unwrap()) as usize;
    }
    let at = offsets[offsets.len() / 3];
    let mut garbage = clean[..at].to_vec();
    garbage.extend((0..3000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    garbage.extend_from_slice(&clean[at..]);
    let out = ribcage(&["dump", "-m", "-"], Some(&garbage));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout == want, "garbage between records loses nothing");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("offset {at}")), "{err}");

    // A corrupt length: only that record's lines go missing.
    let k = offsets[offsets.len() / 2];
    let mut corrupt = clean.clone();
    corrupt[k + 10] ^= 0x40;
    let out = ribcage(&["dump", "-m", "-"], Some(&corrupt));
    assert_eq!(out.status.code(), Some(1));
    let lost = missing(&want, &out.stdout);
    assert!((1..20).contains(&lost), "lost {lost} of {lines} lines");
    assert_eq!(missing(&out.stdout, &want), 0, "no invented lines");

    // Truncated in the middle of a record: everything before it is there.
    let cut = offsets[offsets.len() / 2] + 30;
    let out = ribcage(&["dump", "-m", "-"], Some(&clean[..cut]));
    assert_eq!(out.status.code(), Some(1));
    assert!(want.starts_with(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated"));
}

#[test]
fn json_has_one_object_per_route() {
    for name in ["updates.20160811.1600.gz", "bview.ipv6_unicast_add_path.gz"] {
        let out = ribcage(&["dump", "--json", &ris(name)], None);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let text = String::from_utf8(out.stdout).unwrap();
        let objs: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("valid JSON"))
            .collect();
        let lines = expected(name).iter().filter(|&&c| c == b'\n').count();
        assert_eq!(objs.len(), lines, "{name}");
        for o in &objs {
            let t = o["type"].as_str().unwrap();
            assert!(["announce", "withdraw", "rib", "state"].contains(&t));
            assert!(o["timestamp"].is_u64());
            if t != "state" {
                assert!(o["prefix"].is_string());
                assert!(o["family"]["afi"].is_u64());
            }
        }
    }
    // Path ids and abbreviated next hops of a TABLE_DUMP_V2 ADD-PATH dump.
    let out = ribcage(
        &["dump", "--json", &ris("bview.ipv4_unicast_add_path.gz")],
        None,
    );
    let first: Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["type"], "rib");
    assert_eq!(first["prefix"], "10.0.10.0/24");
    assert_eq!(first["path_id"], 36);
    assert_eq!(first["peer_as"], 65015);
    assert_eq!(first["next_hop"]["addr"], "10.0.15.1");
}

#[test]
fn stats_summary() {
    let out = ribcage(&["dump", "--stats", &ris("updates.20020722.2238.gz")], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("records: 1121"), "{err}");
    assert!(err.contains("routes: 3337"), "{err}");
    assert!(err.contains("bad records: 0"), "{err}");
}

#[test]
fn unknown_types_are_counted_and_skipped() {
    // A BGP4MP STATE_CHANGE, a record of type 99, and an OSPFv2 record (type 11).
    let state = [
        &[0, 0, 0, 9, 0, 16, 0, 0, 0, 0, 0, 20][..],
        &[
            0xfd, 0xe8, 0xfd, 0xe9, 0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2, 0, 3, 0, 2,
        ],
    ]
    .concat();
    let odd = [0, 0, 0, 9, 0, 99, 0, 1, 0, 0, 0, 3, 1, 2, 3];
    let ospf = [0, 0, 0, 9, 0, 11, 0, 0, 0, 0, 0, 1, 0];
    let input = [&state[..], &odd, &ospf, &state].concat();
    for mode in ["-m", "--json"] {
        let out = ribcage(&["dump", mode, "--stats", "-"], Some(&input));
        assert_eq!(out.status.code(), Some(0), "{mode}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("unknown records: 2"), "{mode}: {err}");
        assert!(err.contains("bad records: 0"), "{mode}: {err}");
    }
    let out = ribcage(&["dump", "-m", "-"], Some(&input));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "BGP4MP|9|STATE|192.0.2.1|65000|3|2\nBGP4MP|9|STATE|192.0.2.1|65000|3|2\n"
    );
}

#[test]
fn a_malformed_attribute_is_reported_and_decoding_goes_on() {
    let mut data = gunzip(&ris("updates.20160811.1600.gz"));
    let want = expected("updates.20160811.1600.gz");
    // The first ORIGIN attribute (flags 0x40, type 1, length 1, IGP) after a few records gets
    // the invalid value 5.
    let at = data
        .windows(4)
        .skip(10_000)
        .position(|w| w == [0x40, 1, 1, 0])
        .unwrap()
        + 10_000;
    data[at + 3] = 5;
    let mut record = 0;
    while record
        + 12
        + (u32::from_be_bytes(data[record + 8..record + 12].try_into().unwrap()) as usize)
        <= at
    {
        record +=
            12 + u32::from_be_bytes(data[record + 8..record + 12].try_into().unwrap()) as usize;
    }
    for mode in ["-m", "--json"] {
        let out = ribcage(&["dump", mode, "-"], Some(&data));
        assert_eq!(out.status.code(), Some(1), "{mode}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("record at offset {record}")),
            "{mode}: {err}"
        );
        let lines = out.stdout.iter().filter(|&&c| c == b'\n').count();
        assert_eq!(
            lines,
            want.iter().filter(|&&c| c == b'\n').count(),
            "{mode}"
        );
    }
    // bgpdump prints an unknown origin as INCOMPLETE; only that record's lines change.
    let out = ribcage(&["dump", "-m", "-"], Some(&data));
    assert!(missing(&want, &out.stdout) < 20);
}

#[test]
fn json_snapshot_of_gobgp_updates() {
    // TABLE_DUMP_V2 and BGP4MP records written by GoBGP (crates/mrt/testdata/gobgp/README.md):
    // communities, AS_SET, 4-byte AS, AGGREGATOR, large communities, an IPv6 next hop for an
    // IPv4 prefix, link-local next hops, withdrawals, ADD-PATH ids, state changes.
    let dir = format!("{}/../mrt/testdata/gobgp", env!("CARGO_MANIFEST_DIR"));
    for name in [
        "plain_updates.mrt",
        "addpath_table.mrt",
        "variants_updates.mrt",
    ] {
        let out = ribcage(&["dump", "--json", &format!("{dir}/{name}")], None);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let text = String::from_utf8(out.stdout).unwrap();
        let objs: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        insta::assert_json_snapshot!(name, objs);
    }
}

#[test]
fn json_snapshot_of_as4_merge() {
    // BGP4MP_MESSAGE (2-byte AS) records of RIS rrc00 in 2010 carrying AS4_PATH: `as_path` is
    // AS_PATH with its AS_TRANS entries replaced from AS4_PATH (RFC 6793 §4.2.3), while
    // `attributes` keeps both as received. A merged `as_path` other than AS_PATH needs AS4_PATH;
    // the first three such routes are snapshotted.
    let out = ribcage(&["dump", "--json", &ris("updates.20100722.2015.gz")], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut merged = Vec::new();
    for l in text.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        let Some(attrs) = v["attributes"].as_array() else {
            continue;
        };
        let attr = |t: &str| attrs.iter().find(|a| a["type"] == t).map(|a| &a["value"]);
        if attr("AS_PATH") != Some(&v["as_path"]) {
            assert!(attr("AS4_PATH").is_some(), "{l}");
            merged.push(v);
        }
    }
    // The file's ten routes with AS4_PATH all merge to a path other than AS_PATH.
    assert_eq!(merged.len(), 10);
    merged.truncate(3);
    insta::assert_json_snapshot!("as4_merge_updates.20100722.2015", merged);
}
