//! Integration tests of the `ribcage` binary, run as a child process.

mod decode;
mod dump;
mod frames;
mod load;
mod walk;

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

/// Runs `ribcage` with `args`, feeding `stdin` (if any), and returns what it did.
pub(crate) fn ribcage(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ribcage"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ribcage");
    // Feed stdin from a thread: the child may stream its output while it reads, and a child
    // blocked on a full stdout pipe would never drain stdin.
    let feeder = stdin.map(|data| {
        let mut pipe = child.stdin.take().unwrap();
        let data = data.to_vec();
        std::thread::spawn(move || {
            // The child may stop reading early (after a framing error); that is its business.
            if let Err(e) = pipe.write_all(&data) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
            }
        })
    });
    let out = child.wait_with_output().unwrap();
    if let Some(f) = feeder {
        f.join().unwrap();
    }
    out
}

/// Absolute path of a bundled RIS file.
pub(crate) fn ris(name: &str) -> String {
    format!("{}/../../testdata/ris/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Every bundled RIS file (testdata/ris/README.md).
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

/// The decompressed contents of a gzip file.
pub(crate) fn gunzip(path: &str) -> Vec<u8> {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .unwrap();
    out
}
