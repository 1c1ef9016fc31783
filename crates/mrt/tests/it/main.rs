//! Integration tests of ribcage-mrt over the bundled RIS captures and crafted records.

mod bgpdump;
mod damage;
mod elements;
mod session;

use std::io::Read;

/// The decompressed bytes of `testdata/ris/NAME`.
pub(crate) fn ris(name: &str) -> Vec<u8> {
    let path = format!("{}/../../testdata/ris/{name}", env!("CARGO_MANIFEST_DIR"));
    gunzip(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// Gunzips `raw`.
pub(crate) fn gunzip(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(raw)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

/// Every RIS capture bundled with the project.
pub(crate) const RIS_FILES: &[&str] = &[
    "bview.20020722.2337.gz",
    "bview.64k_stream_overflow.gz",
    "bview.ipv4_unicast_add_path.gz",
    "bview.ipv6_unicast_add_path.gz",
    "updates.20020722.2238.gz",
    "updates.20070211.0141.gz",
    "updates.20100722.2015.gz",
    "updates.20160811.1600.gz",
    "updates.long_withdrawal.gz",
    "updates.nlri_mask_trailing_bits.gz",
];
