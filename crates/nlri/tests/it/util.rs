//! Shared helpers: hex and fixture files.

use ribcage_nlri::{Afi, Family, Safi};

/// Bytes from a hex string.
pub(crate) fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// One fixture line: a name, the family, whether ADD-PATH identifiers are present, the bytes.
pub(crate) struct Row {
    pub(crate) name: String,
    pub(crate) family: Family,
    pub(crate) add_path: bool,
    pub(crate) wire: Vec<u8>,
}

fn family(afi: &str, safi: &str) -> Family {
    Family::new(Afi(afi.parse().unwrap()), Safi(safi.parse().unwrap()))
}

/// Reads a fixture file under `testdata/` (formats in `testdata/README.md`).
pub(crate) fn rows(file: &str) -> Vec<Row> {
    let path = format!("{}/testdata/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f.as_slice() {
                [dir @ ("reach" | "unreach"), afi, safi, ap, hx] => Row {
                    name: format!("{}:{} {dir}", file, i + 1),
                    family: family(afi, safi),
                    add_path: *ap == "1",
                    wire: hex(hx),
                },
                [name, afi, safi, hx] => Row {
                    name: (*name).to_owned(),
                    family: family(afi, safi),
                    add_path: false,
                    wire: hex(hx),
                },
                _ => panic!("bad fixture line {line}"),
            }
        })
        .collect()
}

/// The fixture row called `name`.
pub(crate) fn row(file: &str, name: &str) -> Row {
    rows(file).into_iter().find(|r| r.name == name).unwrap()
}
