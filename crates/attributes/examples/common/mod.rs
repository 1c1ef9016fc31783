//! What the examples share: reading the gzipped MRT file they are given (or a default).

use std::io::Read;

/// The path and decompressed bytes of the file named by the first argument, else of `default`
/// (a file of the repository's testdata/ris).
pub(crate) fn read_gz_arg(default: &str) -> (String, Vec<u8>) {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        format!(
            "{}/../../testdata/ris/{default}",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let mut data = Vec::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_end(&mut data)
        .unwrap();
    (path, data)
}
