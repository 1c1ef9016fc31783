//! Reading a whole input (a path or `-` for stdin), gunzipping or bunzipping it by its magic.

use std::io::{self, Read};

/// Reads `path` (or stdin for `-`) fully, decompressing gzip and bzip2 by their magic bytes.
pub(crate) fn read_all(path: &str) -> io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    if path == "-" {
        io::stdin().lock().read_to_end(&mut raw)?;
    } else {
        std::fs::File::open(path)?.read_to_end(&mut raw)?;
    }
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len() * 4);
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else if raw.starts_with(b"BZh") {
        let mut out = Vec::with_capacity(raw.len() * 4);
        bzip2::read::MultiBzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}
