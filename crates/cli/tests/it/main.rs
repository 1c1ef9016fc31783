//! Integration tests of the `ribcage` binary, run as a child process.

mod decode;
mod dump;
mod frames;
mod load;
mod walk;

use std::io::Write;
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
