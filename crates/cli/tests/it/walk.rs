//! `ribcage walk`: route counts against bgpdump's lines on every bundled RIS file, JSON keys,
//! stdin, damaged input, exit codes, and no allocation per route.

use serde_json::Value;

use crate::{gunzip, ribcage, ris, RIS_FILES};

/// (routes, withdrawals, states) as bgpdump -m prints them: A/B, W and STATE lines.
fn bgpdump_counts(name: &str) -> (u64, u64, u64) {
    let text = gunzip(&ris(&format!("expected/{name}.bgp.gz")));
    let (mut routes, mut withdrawals, mut states) = (0, 0, 0);
    for line in text.split(|&c| c == b'\n').filter(|l| !l.is_empty()) {
        match line.split(|&c| c == b'|').nth(2) {
            Some(b"A") | Some(b"B") => routes += 1,
            Some(b"W") => {
                routes += 1;
                withdrawals += 1;
            }
            Some(b"STATE") => states += 1,
            other => panic!("{name}: unexpected line kind {other:?}"),
        }
    }
    (routes, withdrawals, states)
}

fn walk_json(args: &[&str], stdin: Option<&[u8]>) -> (Option<i32>, Value, String) {
    let mut argv = vec!["walk", "--json"];
    argv.extend_from_slice(args);
    let out = ribcage(&argv, stdin);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (
        out.status.code(),
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn route_counts_equal_bgpdump_lines() {
    for name in RIS_FILES {
        let (code, v, _) = walk_json(&[&ris(name)], None);
        let (routes, withdrawals, states) = bgpdump_counts(name);
        assert_eq!(v["routes"], routes, "{name}");
        assert_eq!(v["withdrawals"], withdrawals, "{name}");
        assert_eq!(v["states"], states, "{name}");
        // As in `dump`: the trailing-bits file's one UPDATE ends with a bare prefix length.
        let bad = *name == "updates.nlri_mask_trailing_bits.gz";
        assert_eq!(code, Some(i32::from(bad)), "{name}");
        assert_eq!(v["bad_records"], u64::from(bad), "{name}");
    }
}

#[test]
fn bview_2002_counts() {
    let (code, v, _) = walk_json(&[&ris("bview.20020722.2337.gz")], None);
    assert_eq!(code, Some(0));
    assert_eq!(v["records"], 115_521);
    assert_eq!(v["routes"], 115_521);
    // One TABLE_DUMP route per record: one attribute block each.
    assert_eq!(v["attribute_blocks"], 115_521);
    // The routes' handles are their distinct raw blocks; no canonical set is built.
    assert_eq!(v["raw_blocks"], 20_934);
    assert_eq!(v["attribute_sets"], 0);
    // With --sets: the canonical sets `ribcage-attributes` documents for this dump.
    let (code, sets, _) = walk_json(&["--sets", &ris("bview.20020722.2337.gz")], None);
    assert_eq!(code, Some(0));
    assert_eq!(sets["routes"], 115_521);
    assert_eq!(sets["attribute_sets"], 20_933);
    for key in ["elapsed_s", "routes_per_s"] {
        assert!(v[key].as_f64().is_some_and(|x| x > 0.0), "{key}");
    }
}

#[test]
fn one_attribute_block_per_update() {
    let (_, v, _) = walk_json(&["--sets", &ris("updates.20160811.1600.gz")], None);
    let routes = v["routes"].as_u64().unwrap();
    let blocks = v["attribute_blocks"].as_u64().unwrap();
    // UPDATEs carry several prefixes: the set is interned per record, not per route.
    assert!(blocks < routes / 2, "{blocks} blocks for {routes} routes");
    assert!(v["attribute_sets"].as_u64().unwrap() <= v["raw_blocks"].as_u64().unwrap());
}

#[test]
fn no_allocation_per_route_once_sets_are_interned() {
    for name in [
        "bview.20020722.2337.gz",
        "updates.20160811.1600.gz",
        "bview.ipv4_unicast_add_path.gz",
    ] {
        let (_, first, _) = walk_json(&["--sets", &ris(name)], None);
        let (_, second, _) = walk_json(&["--sets", "--passes", "2", &ris(name)], None);
        // Without --sets only the block buffer and table grow (by doubling).
        let (_, raw, _) = walk_json(&[&ris(name)], None);
        assert!(raw["allocations"].as_u64().unwrap() <= 100, "{name}: {raw}");
        // The first pass allocates only for new distinct raw blocks (the canonical set and
        // its pool entry, and table growth), never once per route.
        let allocs = first["allocations"].as_u64().unwrap();
        let raw = first["raw_blocks"].as_u64().unwrap();
        assert!(
            allocs <= 10 * raw + 200,
            "{name}: {allocs} for {raw} raw blocks"
        );
        // The second pass meets no new block: only PEER_INDEX_TABLE records allocate (their
        // peer list), none of the routes.
        let steady = second["allocations"].as_u64().unwrap();
        assert!(
            steady <= 2,
            "{name}: {steady} allocations on the second pass"
        );
        assert_eq!(second["routes"], first["routes"], "{name}");
    }
}

#[test]
fn stdin_text_and_unreadable() {
    let raw = std::fs::read(ris("updates.20070211.0141.gz")).unwrap();
    let (code, v, _) = walk_json(&["-"], Some(&raw));
    assert_eq!(code, Some(0));
    assert_eq!(v["routes"], bgpdump_counts("updates.20070211.0141.gz").0);
    let out = ribcage(&["walk", &ris("updates.long_withdrawal.gz")], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("records: "), "{text}");
    assert!(text.contains("routes/s: "), "{text}");
    let out = ribcage(&["walk", "/nonexistent/ribcage-test.mrt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn damaged_input_keeps_the_rest_and_exits_1() {
    let mut data = gunzip(&ris("updates.20160811.1600.gz"));
    let (_, whole, _) = walk_json(&["-"], Some(&data));
    // Garbage in the middle: a run of bytes that frame as no record.
    let mid = data.len() / 2;
    data.splice(mid..mid, std::iter::repeat_n(0xa5, 300));
    let (code, v, stderr) = walk_json(&["-"], Some(&data));
    assert_eq!(code, Some(1));
    assert!(v["bad_records"].as_u64().unwrap() >= 1);
    assert!(stderr.contains("offset"), "{stderr}");
    let (all, kept) = (
        whole["routes"].as_u64().unwrap(),
        v["routes"].as_u64().unwrap(),
    );
    // At most the damaged record's routes are lost.
    assert!(kept < all && kept + 50 >= all, "{kept} of {all}");
    // Truncated at the end.
    let cut = gunzip(&ris("updates.20160811.1600.gz"));
    let (code, v, _) = walk_json(&["-"], Some(&cut[..cut.len() - 7]));
    assert_eq!(code, Some(1));
    assert!(v["routes"].as_u64().unwrap() + 50 >= all);
}
