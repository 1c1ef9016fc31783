//! Integration tests of ribcage-gen on the bundled 2002 RIS dump, checked by the crate's own
//! reader and, where `/usr/bin/bgpdump` is installed, by bgpdump itself.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use ribcage_gen::check::{as_path4, attribute, read_table, read_vpn};
use ribcage_gen::table::{self, peer_as, peer_ip, TableOptions};
use ribcage_gen::vpn::{self, VpnOptions};

const SOURCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/ris/bview.20020722.2337.gz"
);
const BGPDUMP: &str = "/usr/bin/bgpdump";

fn source() -> Vec<u8> {
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(SOURCE).expect("bundled dump"))
        .read_to_end(&mut data)
        .expect("gunzips");
    data
}

/// A scratch file under the target directory, unique per test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ribcage-gen-it");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

/// Runs `bgpdump -m FILE` if bgpdump is installed: (exit success, stdout lines).
fn bgpdump_m(path: &Path) -> Option<(bool, Vec<String>)> {
    if !Path::new(BGPDUMP).exists() {
        eprintln!("{BGPDUMP} not installed: skipping the bgpdump cross-check");
        return None;
    }
    let out = Command::new(BGPDUMP)
        .arg("-m")
        .arg(path)
        .output()
        .expect("bgpdump runs");
    let text = String::from_utf8(out.stdout).expect("bgpdump prints UTF-8");
    Some((
        out.status.success(),
        text.lines().map(str::to_string).collect(),
    ))
}

#[test]
fn table_from_the_2002_dump_reads_back_and_through_bgpdump() {
    let src = source();
    let opts = TableOptions {
        peers: 5,
        seed: 3,
        max_prefixes: Some(400),
    };
    let mut out = Vec::new();
    let stats = table::generate(&src, &opts, &mut out).expect("generates");
    assert_eq!(stats.source_routes, 115_521);
    assert_eq!((stats.prefixes, stats.routes), (400, 2000));

    let mut per_peer = [0u64; 5];
    let summary = read_table(&out, |e| {
        per_peer[usize::from(e.peer_index)] += 1;
        let path = attribute(e.attributes, 2)
            .expect("splits")
            .expect("AS_PATH");
        let first = as_path4(path).expect("four-octet")[0].1[0];
        assert_eq!(first, peer_as(e.peer_index));
        let nh = attribute(e.attributes, 3).expect("splits");
        assert_eq!(nh, Some(&peer_ip(e.peer_index)[..]));
    })
    .expect("reads back");
    assert_eq!((summary.rib_records, summary.routes), (400, 2000));
    assert_eq!(per_peer, [400; 5]);

    let path = scratch("table5.mrt");
    std::fs::write(&path, &out).expect("writes");
    if let Some((ok, lines)) = bgpdump_m(&path) {
        assert!(ok, "bgpdump failed");
        assert_eq!(lines.len(), 2000);
        for line in &lines {
            let f: Vec<&str> = line.split('|').collect();
            assert_eq!(f[0], "TABLE_DUMP2", "{line}");
            let asn: u32 = f[4].parse().expect("peer AS");
            let p = (asn - 64512) as u16;
            assert!(p < 5, "{line}");
            assert!(f[6].starts_with(&format!("{asn} ")), "{line}");
            assert_eq!(f[8], format!("10.0.0.{}", p + 1), "{line}");
            assert!(f[11].contains(&format!("{asn}:")), "{line}");
        }
    }
}

#[test]
fn the_full_table_is_deterministic() {
    let src = source();
    let opts = TableOptions {
        peers: 2,
        ..TableOptions::default()
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let stats = table::generate(&src, &opts, &mut a).expect("generates");
    table::generate(&src, &opts, &mut b).expect("generates");
    assert_eq!(stats.prefixes, 112_988);
    assert!(a == b, "two runs differ");
}

#[test]
fn vpn_file_reads_back_and_bgpdump_does_not_choke() {
    let opts = VpnOptions {
        routes: 2_000,
        ..VpnOptions::default()
    };
    let mut out = Vec::new();
    let stats = vpn::generate(&opts, &mut out).expect("generates");
    assert_eq!((stats.updates, stats.routes), (200, 2_000));
    let mut labels = std::collections::HashSet::new();
    let summary = read_vpn(&out, |r| {
        labels.insert(r.label);
    })
    .expect("reads back");
    assert_eq!((summary.updates, summary.routes), (200, 2_000));
    // 2,000 draws from 100 labels miss none in practice (and the seed is fixed).
    assert_eq!(labels.len(), 100);

    let path = scratch("vpn.mrt");
    std::fs::write(&path, &out).expect("writes");
    if let Some((ok, lines)) = bgpdump_m(&path) {
        // bgpdump 1.6 knows no SAFI 128: it warns per UPDATE and prints no route, but reads on.
        assert!(ok, "bgpdump failed");
        assert!(lines.is_empty(), "{lines:?}");
    }
}

/// ExaBGP's decoding of the first three UPDATEs of the default `gen vpn` file (testdata/README.md).
const EXABGP_VPN: &str = include_str!("../../testdata/exabgp_vpn_seed1.jsonl");

#[test]
fn vpn_encoding_matches_what_exabgp_decoded() {
    // The first UPDATEs do not depend on the route count: generate just three of them.
    let opts = VpnOptions {
        routes: 30,
        ..VpnOptions::default()
    };
    let mut out = Vec::new();
    vpn::generate(&opts, &mut out).expect("generates");
    let mut ours = Vec::new();
    read_vpn(&out, |r| ours.push(*r)).expect("reads back");

    let mut theirs = Vec::new();
    for (i, line) in EXABGP_VPN.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("fixture is JSON");
        let update = &v["update"];
        let r = i as u32 + 1;
        assert_eq!(update["attribute"]["origin"], "igp");
        assert_eq!(
            update["attribute"]["as-path"],
            serde_json::json!([64511 + r])
        );
        assert_eq!(update["attribute"]["local-preference"], 100);
        assert_eq!(
            update["attribute"]["extended-community"][0]["string"],
            format!("target:65000:{r}")
        );
        let family = update["announce"]["ipv4 mpls-vpn"]
            .as_object()
            .expect("VPNv4");
        for (next_hop, routes) in family {
            for route in routes.as_array().expect("routes") {
                theirs.push((
                    next_hop.clone(),
                    route["nlri"].as_str().expect("nlri").to_string(),
                    route["label"][0][0].as_u64().expect("label") as u32,
                    route["rd"].as_str().expect("rd").to_string(),
                ));
            }
        }
    }
    let ours: Vec<_> = ours
        .iter()
        .map(|r| {
            let [a, b, c, d] = r.prefix;
            let [n1, n2, n3, n4] = r.next_hop;
            let assigned = u32::from_be_bytes([r.rd[4], r.rd[5], r.rd[6], r.rd[7]]);
            (
                format!("{n1}.{n2}.{n3}.{n4}"),
                format!("{a}.{b}.{c}.{d}/{}", r.prefix_len),
                r.label,
                format!("65000:{assigned}"),
            )
        })
        .collect();
    assert_eq!(theirs.len(), 30);
    assert_eq!(ours, theirs);
}
