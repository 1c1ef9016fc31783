//! Wire vectors from GoBGP, ExaBGP and the RFCs, decoded and snapshotted (JSON and Display).

use ribcage_buffer::Cursor;
use ribcage_nlri::{DecodeContext, Registry};
use serde_json::{json, Value};

use crate::util::rows;

/// Decodes every NLRI of a fixture file with the built-in registry into a JSON list of
/// `{name, family, path_id, display, decoded}`.
fn render(file: &str) -> String {
    let registry = Registry::default();
    let mut out = Vec::new();
    for row in rows(file) {
        assert!(registry.knows(row.family), "{}: {}", row.name, row.family);
        let mut ctx = DecodeContext::default();
        if row.add_path {
            ctx = ctx.with_add_path(row.family);
        }
        let mut n = 0;
        for nlri in registry.iter(row.family, Cursor::new(&row.wire), &ctx) {
            let nlri = nlri.unwrap_or_else(|e| panic!("{}: {e}", row.name));
            let decoded = nlri
                .decode()
                .unwrap_or_else(|e| panic!("{}: {e}", row.name));
            out.push(json!({
                "name": row.name,
                "family": row.family.to_string(),
                "path_id": nlri.path_id(),
                "display": nlri.to_string(),
                "decoded": decoded,
            }));
            n += 1;
        }
        assert!(n > 0, "{}", row.name);
    }
    serde_json::to_string_pretty(&Value::Array(out)).unwrap()
}

#[test]
fn gobgp_vectors() {
    insta::assert_snapshot!("gobgp", render("gobgp_nlri.txt"));
}

#[test]
fn exabgp_vectors() {
    insta::assert_snapshot!("exabgp", render("exabgp_nlri.txt"));
}

#[test]
fn rfc_vectors() {
    insta::assert_snapshot!("rfc", render("rfc_nlri.txt"));
}

/// The MP_REACH/MP_UNREACH NLRI fields of the BGP4MP UPDATEs in an MRT file (a minimal reader,
/// enough to check `gobgp_nlri.txt` against the capture it was extracted from).
fn mrt_nlri_fields(mrt: &[u8]) -> Vec<String> {
    let be16 = |b: &[u8], i: usize| usize::from(u16::from_be_bytes([b[i], b[i + 1]]));
    let be32 = |b: &[u8], i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 12 <= mrt.len() {
        let (typ, sub, len) = (
            be16(mrt, i + 4),
            be16(mrt, i + 6),
            be32(mrt, i + 8) as usize,
        );
        let body = &mrt[i + 12..i + 12 + len];
        i += 12 + len;
        assert_eq!(typ, 16, "BGP4MP");
        let as4 = matches!(sub, 4 | 6 | 9 | 11);
        let add_path = u8::from(matches!(sub, 8..=11));
        let mut j = if as4 { 8 } else { 4 } + 2;
        let afi = be16(body, j);
        j += 2 + if afi == 1 { 8 } else { 32 };
        let msg = &body[j..];
        if msg[18] != 2 {
            continue;
        }
        let wl = be16(msg, 19);
        let al = be16(msg, 21 + wl);
        let attrs = &msg[23 + wl..23 + wl + al];
        let mut k = 0;
        while k < attrs.len() {
            let (flags, code) = (attrs[k], attrs[k + 1]);
            let (alen, hdr) = if flags & 0x10 != 0 {
                (be16(attrs, k + 2), 4)
            } else {
                (usize::from(attrs[k + 2]), 3)
            };
            let v = &attrs[k + hdr..k + hdr + alen];
            k += hdr + alen;
            match code {
                14 => out.push(format!(
                    "reach {} {} {add_path} {}",
                    be16(v, 0),
                    v[2],
                    hex(&v[5 + usize::from(v[3])..])
                )),
                15 => out.push(format!(
                    "unreach {} {} {add_path} {}",
                    be16(v, 0),
                    v[2],
                    hex(&v[3..])
                )),
                _ => {}
            }
        }
    }
    out
}

#[test]
fn gobgp_fixture_matches_its_mrt_capture() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/");
    let mrt = std::fs::read(format!("{dir}gobgp_updates.mrt")).unwrap();
    let text = std::fs::read_to_string(format!("{dir}gobgp_nlri.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(mrt_nlri_fields(&mrt), lines);
}
