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
