//! Integration tests of the route store on the bundled RIS files.

mod alloc;
mod damaged;
mod lossless;
mod queries;
mod updates;

use std::io::Read;
use std::sync::OnceLock;

use ribcage_buffer::{open_input, View};
use ribcage_rib::{LoadStats, Rib};

/// Absolute path of a bundled RIS file.
pub(crate) fn ris_path(name: &str) -> String {
    format!("{}/../../testdata/ris/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The decompressed bytes of a bundled RIS file.
pub(crate) fn ris(name: &str) -> Vec<u8> {
    let mut data = Vec::new();
    open_input(ris_path(name))
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    data
}

/// The lines of `expected/NAME.bgp.gz` (what `bgpdump -vm NAME` prints).
pub(crate) fn expected(name: &str) -> Vec<String> {
    let text = String::from_utf8(ris(&format!("expected/{name}.bgp.gz"))).unwrap();
    text.lines().map(str::to_owned).collect()
}

/// The 2002 RIS dump, loaded once for every test that only reads it.
pub(crate) fn bview() -> &'static (Rib, LoadStats) {
    static RIB: OnceLock<(Rib, LoadStats)> = OnceLock::new();
    RIB.get_or_init(|| {
        let mut rib = Rib::default();
        let stats = rib.load(View::from(ris("bview.20020722.2337.gz")));
        rib.compact();
        rib.shrink_to_fit();
        (rib, stats)
    })
}

/// The store's bgpdump lines.
pub(crate) fn dump_lines(rib: &Rib) -> Vec<String> {
    let mut out = Vec::new();
    rib.write_bgpdump(&mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}
