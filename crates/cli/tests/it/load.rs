//! `ribcage load`: the report's stable JSON keys, interning on against off, `--dump -m`.

use std::io::Read;

use crate::{ribcage, ris};

fn json(args: &[&str]) -> serde_json::Value {
    let out = ribcage(args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn load_reports_the_2002_dump_interned_and_not() {
    let file = ris("bview.20020722.2337.gz");
    let on = json(&["load", "--json", &file]);
    for key in [
        "routes",
        "prefixes",
        "peers",
        "attribute_sets",
        "heap_bytes",
        "bytes_per_route",
        "elapsed_s",
        "routes_per_s",
        "intern",
    ] {
        assert!(on.get(key).is_some(), "missing {key}: {on}");
    }
    assert_eq!(on["routes"], 115_521);
    assert_eq!(on["prefixes"], 112_988);
    assert_eq!(on["peers"], 36);
    let per_route = on["bytes_per_route"].as_f64().unwrap();
    assert!(per_route > 10.0 && per_route <= 32.0, "{per_route}");
    assert!(on["rss_bytes"].as_u64().unwrap() > 0);
    let caches = on["intern"]["caches"].as_array().unwrap();
    assert_eq!(caches[0]["name"], "sets");
    assert!(caches[0]["hits"].as_u64().unwrap() > 80_000);
    // Every cache reports the same stable keys, and its figures agree with each other.
    for cache in caches {
        let mut keys: Vec<&str> = cache
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "bytes_saved",
                "dedup_rate",
                "entries",
                "heap_bytes",
                "hits",
                "lookups",
                "name"
            ],
            "{cache}"
        );
        let (lookups, hits) = (
            cache["lookups"].as_u64().unwrap(),
            cache["hits"].as_u64().unwrap(),
        );
        assert_eq!(
            hits + cache["entries"].as_u64().unwrap(),
            lookups,
            "{cache}"
        );
        let rate = cache["dedup_rate"].as_f64().unwrap();
        assert!(
            (rate - hits as f64 / lookups as f64).abs() < 1e-12,
            "{cache}"
        );
    }
    // No worse than before the RIB's pools moved into ribcage-intern (2,757,120 bytes).
    assert_eq!(caches[0]["entries"], 26_004);
    assert_eq!(caches[0]["bytes_saved"], 1_082_994);
    assert!(on["heap_bytes"].as_u64().unwrap() <= 2_757_120, "{on}");
    let off = json(&["load", "--intern", "off", "--json", &file]);
    assert_eq!(off["routes"], 115_521);
    assert_eq!(off["intern"]["policy"], "off");
    assert!(off["heap_bytes"].as_u64().unwrap() > 3 * on["heap_bytes"].as_u64().unwrap() / 2);
    // The table names the same figures.
    let text = ribcage(&["load", &file], None);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("routes            115,521"), "{text}");
    assert!(text.contains("bytes/route"), "{text}");
}

#[test]
fn load_dump_m_prints_bgpdump_lines() {
    let name = "bview.ipv6_unicast_add_path.gz";
    let out = ribcage(&["load", &ris(name), "--dump", "-m"], None);
    assert_eq!(out.status.code(), Some(0));
    let mut ours: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let mut gz = Vec::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(ris(&format!("expected/{name}.bgp.gz"))).unwrap(),
    )
    .read_to_end(&mut gz)
    .unwrap();
    let mut theirs: Vec<String> = String::from_utf8(gz)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    ours.sort_unstable();
    theirs.sort_unstable();
    assert_eq!(ours, theirs);
    // The report went to stderr.
    assert!(String::from_utf8_lossy(&out.stderr).contains("routes"));
}

#[test]
fn load_rejects_a_bad_policy_and_a_missing_file() {
    let out = ribcage(
        &[
            "load",
            "--intern",
            "sideways",
            &ris("bview.ipv4_unicast_add_path.gz"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sideways"));
    let out = ribcage(&["load", "/nonexistent/file.mrt"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn load_compare_reports_off_and_interned_side_by_side() {
    let file = ris("updates.20020722.2238.gz");
    let both = json(&["load", "--compare", "--json", &file]);
    let (off, on) = (&both["off"], &both["interned"]);
    assert_eq!(off["intern"]["policy"], "off");
    assert_eq!(on["intern"]["policy"], "all");
    assert_eq!(off["routes"], on["routes"]);
    assert!(on["routes"].as_u64().unwrap() > 0);
    let (off_heap, on_heap) = (
        off["heap_bytes"].as_f64().unwrap(),
        on["heap_bytes"].as_f64().unwrap(),
    );
    assert!(on_heap < off_heap, "{on_heap} >= {off_heap}");
    let saved = both["heap_saved"].as_f64().unwrap();
    assert!((saved - (1.0 - on_heap / off_heap)).abs() < 1e-9, "{saved}");
    let text = ribcage(&["load", "--compare", &file], None);
    let text = String::from_utf8(text.stdout).unwrap();
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("interning") && first.contains("off"),
        "{text}"
    );
    assert!(text.contains("heap bytes"), "{text}");
}
